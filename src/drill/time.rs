//! The drill's clock values: [`Timestamp`] (whole seconds, UTC, written as
//! RFC 3339) and [`DayStart`], the moment a study day begins. Nothing here
//! reads the system clock: callers pass the time in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::store::time::{SECS_PER_DAY, TimeError, format_date, format_rfc3339, parse_rfc3339};

/// A moment in UTC, to the second, from 1970 to 9999. Serialised as an
/// RFC 3339 string (`"2025-06-01T09:30:00Z"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The time `unix_secs` seconds after 1970-01-01T00:00:00Z (clamped to
    /// the range RFC 3339 can write).
    #[must_use]
    pub const fn from_unix_secs(unix_secs: i64) -> Self {
        Self(if unix_secs < 0 {
            0
        } else if unix_secs > crate::store::time::MAX_UNIX_SECS {
            crate::store::time::MAX_UNIX_SECS
        } else {
            unix_secs
        })
    }

    /// Seconds since the Unix epoch.
    #[must_use]
    pub const fn unix_secs(self) -> i64 {
        self.0
    }

    /// Parses RFC 3339 with any offset (converted to UTC).
    ///
    /// # Errors
    /// [`TimeError`] saying what is wrong.
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        parse_rfc3339(text).map(Self)
    }

    /// This time plus `secs` (clamped).
    #[must_use]
    pub const fn plus_secs(self, secs: i64) -> Self {
        Self::from_unix_secs(self.0.saturating_add(secs))
    }

    /// Seconds from `earlier` to `self` (negative if `earlier` is later).
    #[must_use]
    pub const fn secs_since(self, earlier: Self) -> i64 {
        self.0 - earlier.0
    }

    /// This time as a person says it from `now`, with no time zone to get
    /// wrong: "in 10 min", "in 2 h 5 min", "tomorrow", "in 4 days",
    /// "3 min ago", "yesterday", or the date past a week.
    #[must_use]
    pub fn said_from(self, now: Self) -> String {
        let secs = self.secs_since(now);
        let (ahead, span) = (secs >= 0, secs.unsigned_abs());
        let minutes = span.div_ceil(60);
        let phrase = match span {
            0..60 => return if ahead { "now" } else { "just now" }.to_owned(),
            60..3600 => format!("{minutes} min"),
            3600..86_400 => {
                let (h, m) = (span / 3600, (span % 3600) / 60);
                if m == 0 {
                    format!("{h} h")
                } else {
                    format!("{h} h {m} min")
                }
            }
            86_400..172_800 => return if ahead { "tomorrow" } else { "yesterday" }.to_owned(),
            _ if span < 8 * 86_400 => format!("{} days", span / 86_400),
            _ => return format_date(self.0.div_euclid(SECS_PER_DAY)),
        };
        if ahead {
            format!("in {phrase}")
        } else {
            format!("{phrase} ago")
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_rfc3339(self.0))
    }
}

impl FromStr for Timestamp {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A study day: day `n` starts at [`DayStart`] on the `n`-th day after
/// 1970-01-01 (UTC).
pub type Day = i64;

/// When a study day begins, as minutes after midnight UTC. Like Anki's
/// "next day starts at 4 a.m.", a late-night session counts for the day it
/// started; the CLI has no reliable local time zone, so the boundary is
/// fixed in UTC (04:00 UTC by default, a setting).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayStart {
    offset_secs: i64,
}

impl DayStart {
    /// A day start `minutes` after midnight UTC (taken modulo a day).
    #[must_use]
    pub fn from_utc_minutes(minutes: u32) -> Self {
        Self {
            offset_secs: (i64::from(minutes) * 60).rem_euclid(SECS_PER_DAY),
        }
    }

    /// The study day `at` falls in.
    #[must_use]
    pub const fn day_of(self, at: Timestamp) -> Day {
        (at.0 - self.offset_secs).div_euclid(SECS_PER_DAY)
    }

    /// When study day `day` begins.
    #[must_use]
    pub const fn start_of(self, day: Day) -> Timestamp {
        Timestamp::from_unix_secs(
            day.saturating_mul(SECS_PER_DAY)
                .saturating_add(self.offset_secs),
        )
    }

    /// The calendar date (UTC) on which study day `day` begins, `2025-06-01`.
    #[must_use]
    pub fn label(day: Day) -> String {
        format_date(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    #[test]
    fn times_are_said_from_now() {
        let now = at("2026-12-01T16:00:00Z");
        let said = |text: &str| at(text).said_from(now);
        assert_eq!(said("2026-12-01T16:00:30Z"), "now");
        assert_eq!(said("2026-12-01T16:09:10Z"), "in 10 min");
        assert_eq!(said("2026-12-01T18:05:00Z"), "in 2 h 5 min");
        assert_eq!(said("2026-12-01T19:00:00Z"), "in 3 h");
        assert_eq!(said("2026-12-02T17:00:00Z"), "tomorrow");
        assert_eq!(said("2026-12-05T16:00:00Z"), "in 4 days");
        assert_eq!(said("2026-12-01T15:57:00Z"), "3 min ago");
        assert_eq!(said("2026-11-30T10:00:00Z"), "yesterday");
        assert_eq!(said("2026-11-01T10:00:00Z"), "2026-11-01");
    }

    #[test]
    fn serialises_as_rfc3339_text() {
        let t = at("2025-06-01T11:30:00+02:00");
        assert_eq!(t.to_string(), "2025-06-01T09:30:00Z");
        assert_eq!(ron::to_string(&t).unwrap(), "\"2025-06-01T09:30:00Z\"");
        assert_eq!(
            ron::from_str::<Timestamp>("\"2025-06-01T09:30:00Z\"").unwrap(),
            t
        );
        assert!(ron::from_str::<Timestamp>("\"June\"").is_err());
    }

    #[test]
    fn days_begin_at_the_day_start() {
        let four = DayStart::from_utc_minutes(240);
        let before = at("2025-06-02T03:59:59Z");
        let after = at("2025-06-02T04:00:00Z");
        assert_eq!(four.day_of(after) - four.day_of(before), 1);
        assert_eq!(four.start_of(four.day_of(after)), after);
        assert_eq!(DayStart::label(four.day_of(before)), "2025-06-01");
        assert_eq!(DayStart::label(four.day_of(after)), "2025-06-02");
        let midnight = DayStart::from_utc_minutes(0);
        assert_eq!(midnight.day_of(before), midnight.day_of(after));
    }
}
