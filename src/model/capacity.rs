//! Optional capacity figures a drawing may carry for the simulator
//! (`crate::simulate`): per node a capacity, latencies, a cache hit ratio or
//! a client's entry traffic; per edge the share of traffic that takes it and
//! how much of it writes. Every field is optional — a missing one falls back
//! to the kind's default — and a node or edge without any is written exactly
//! as before these fields existed, so old files load and save byte-identical.
//!
//! Numbers are written bare (`writes_per_s: 250.0`), not as `Some(250.0)`;
//! both spellings are read.

use serde::{Deserialize, Serialize};

/// What one box can take and how fast it answers. All fields are optional
/// overrides of the kind's defaults (see `simulate::defaults`).
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeCapacity {
    /// For a client: the requests per second it sends at 1× traffic.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_f64")]
    pub entry_rps: Option<f64>,
    /// Requests (or operations, or messages) per second one instance handles.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_f64")]
    pub rps: Option<f64>,
    /// For a store: reads per second one instance handles.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_f64")]
    pub reads_per_s: Option<f64>,
    /// For a store: writes per second it handles.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_f64")]
    pub writes_per_s: Option<f64>,
    /// How many instances share the load (pods, replicas, partitions). For a
    /// database they are read replicas: they multiply reads, not writes.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_u32")]
    pub instances: Option<u32>,
    /// Median latency of one request when idle, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_f64")]
    pub p50_ms: Option<f64>,
    /// 99th-percentile latency when idle, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_f64")]
    pub p99_ms: Option<f64>,
    /// For a cache (or an edge/CDN): the fraction of lookups it answers.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_f64")]
    pub hit_ratio: Option<f64>,
}

impl NodeCapacity {
    /// True when no field is set (the node uses its kind's defaults).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Every set number field with its name, for validation.
    #[must_use]
    pub fn numbers(&self) -> [(&'static str, Option<f64>); 7] {
        [
            ("entry_rps", self.entry_rps),
            ("rps", self.rps),
            ("reads_per_s", self.reads_per_s),
            ("writes_per_s", self.writes_per_s),
            ("p50_ms", self.p50_ms),
            ("p99_ms", self.p99_ms),
            ("hit_ratio", self.hit_ratio),
        ]
    }
}

/// How traffic takes one arrow. Both fields are optional.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeTraffic {
    /// Requests on this arrow per request handled by its source: `0.25`
    /// when a quarter of them take it, `3.0` when each makes three calls.
    /// Unset: a client, edge, load balancer or gateway splits its traffic
    /// evenly among its synchronous arrows; any other box sends every
    /// request along each of its arrows.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_f64")]
    pub share: Option<f64>,
    /// For an arrow into a store: the fraction of its requests that write
    /// (`1.0` for a write path, `0.0` for reads). Unset: read from the label
    /// ("write", "insert", "POST" … / "read", "query", "GET" …), else 1.0
    /// into an outbox and 0.2 elsewhere (the seed's "80 %+ reads").
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bare_f64")]
    pub writes: Option<f64>,
}

impl EdgeTraffic {
    /// True when no field is set.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Numbers in RON are read as a bare number, `Some(n)` or `None`, and
/// written bare.
mod bare_f64 {
    use std::fmt;

    use serde::de::{self, Deserializer, Visitor};
    use serde::ser::Serializer;

    #[expect(
        clippy::ref_option,
        reason = "serde's `with` hands the field by reference"
    )]
    pub fn serialize<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_f64(*v),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        d.deserialize_any(Number)
    }

    struct Number;

    impl<'de> Visitor<'de> for Number {
        type Value = Option<f64>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number")
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        #[expect(
            clippy::cast_precision_loss,
            reason = "capacity figures are far below 2^53"
        )]
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }

        #[expect(
            clippy::cast_precision_loss,
            reason = "capacity figures are far below 2^53"
        )]
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
}

/// Whole numbers (instance counts), read and written like [`bare_f64`].
mod bare_u32 {
    use std::fmt;

    use serde::de::{self, Deserializer, Visitor};
    use serde::ser::Serializer;

    #[expect(
        clippy::ref_option,
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's `with` hands the field by reference"
    )]
    pub fn serialize<S: Serializer>(value: &Option<u32>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_u32(*v),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        d.deserialize_any(Count)
    }

    struct Count;

    impl<'de> Visitor<'de> for Count {
        type Value = Option<u32>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number of instances")
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            u32::try_from(v)
                .map(Some)
                .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            u32::try_from(v)
                .map(Some)
                .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(default, skip_serializing_if = "NodeCapacity::is_empty")]
        capacity: NodeCapacity,
    }

    #[test]
    fn bare_and_some_numbers_both_read() {
        let a: Holder = ron::from_str("(capacity: (rps: 250, p99_ms: 40.5, instances: 3))")
            .unwrap_or_else(|e| panic!("{e}"));
        let b: Holder =
            ron::from_str("(capacity: (rps: Some(250.0), p99_ms: Some(40.5), instances: Some(3)))")
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a, b);
        assert_eq!(a.capacity.rps, Some(250.0));
        assert_eq!(a.capacity.instances, Some(3));
        let text = ron::to_string(&a).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text, "(capacity:(rps:250.0,instances:3,p99_ms:40.5))");
    }

    #[test]
    fn empty_capacity_is_not_written() {
        let h: Holder = ron::from_str("()").unwrap_or_else(|e| panic!("{e}"));
        assert!(h.capacity.is_empty());
        assert_eq!(ron::to_string(&h).unwrap_or_else(|e| panic!("{e}")), "()");
    }

    #[test]
    fn unknown_fields_and_bad_counts_are_rejected() {
        assert!(ron::from_str::<Holder>("(capacity: (rsp: 1.0))").is_err());
        assert!(ron::from_str::<Holder>("(capacity: (instances: -1))").is_err());
        assert!(ron::from_str::<Holder>("(capacity: (instances: 1.5))").is_err());
    }
}
