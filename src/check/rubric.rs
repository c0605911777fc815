//! The rubric: what each finding costs. The score is `100 - sum(points)`,
//! floored at 0, so every point lost is carried by a finding the user can
//! read. Weights follow what an interviewer listens for: the tiers that make
//! the design work (gateway, owning stores, the bus, the saga's failure
//! path) cost most; one missing arrow or drawing convention costs a
//! little, a drawing whose request path cannot be followed or whose boxes
//! mostly have no arrow a lot; advice costs nothing.

use std::collections::BTreeMap;

use super::report::{Finding, Severity};

/// One line of the rubric: a finding code at a severity, its price per
/// finding and the most it can cost in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Price {
    /// The finding code.
    pub code: &'static str,
    /// The severity the price applies to.
    pub severity: Severity,
    /// Points per finding.
    pub each: u32,
    /// The most all findings of this code (and severity) cost together.
    pub cap: u32,
    /// What the check looks for, in interview terms (not the answer).
    pub looks_for: &'static str,
    /// What a finding of it says was left out or got wrong, in a few
    /// words ("No cache"): how progress names it.
    pub title: &'static str,
}

impl Price {
    /// What it costs, as the rubric tables show it: "−15" when one finding
    /// already costs the cap, else "−4 each, at most −24".
    #[must_use]
    pub fn cost(&self) -> String {
        if self.each >= self.cap {
            format!("\u{2212}{}", self.cap)
        } else {
            format!("\u{2212}{} each, at most \u{2212}{}", self.each, self.cap)
        }
    }
}

const fn price(
    (code, title): (&'static str, &'static str),
    severity: Severity,
    each: u32,
    cap: u32,
    looks_for: &'static str,
) -> Price {
    Price {
        code,
        severity,
        each,
        cap,
        looks_for,
        title,
    }
}

use Severity::{Error, Warning};

/// Every priced finding. Codes not listed (and every `info` finding) cost
/// nothing. A kind the reference only recommends is a warning and costs
/// [`RECOMMENDED_KIND`].
pub const RUBRIC: &[Price] = &[
    price(
        ("missing-gateway", "No API gateway"),
        Error,
        15,
        15,
        "one front door for auth, rate limits and tracing",
    ),
    price(
        ("missing-database", "No database"),
        Error,
        15,
        15,
        "where the state lives, and who owns it",
    ),
    price(
        ("missing-bus", "No message bus"),
        Error,
        15,
        15,
        "a message bus between services that need not wait for each other",
    ),
    price(
        ("missing-service", "A service the flow needs"),
        Error,
        15,
        30,
        "the services (or saga steps) that own the business capabilities",
    ),
    price(
        (
            "missing-compensation",
            "No compensation for a failed saga step",
        ),
        Error,
        15,
        15,
        "a failure event that leads to a compensating step",
    ),
    price(
        ("client-to-data", "A client talking to a store directly"),
        Error,
        12,
        24,
        "clients and the edge never talk to a store or the bus directly",
    ),
    price(
        ("shared-database", "A database written by two services"),
        Error,
        12,
        24,
        "each database written by one service only",
    ),
    price(
        ("missing-cache", "No cache"),
        Error,
        10,
        10,
        "a cache in front of hot reads",
    ),
    price(
        ("gateway-bypassed", "A path around the API gateway"),
        Error,
        10,
        20,
        "every path from a client to a service passes the gateway",
    ),
    price(
        ("sync-saga-call", "Saga steps calling each other"),
        Error,
        10,
        20,
        "saga steps react to events instead of calling each other",
    ),
    price(
        ("missing-client", "No client"),
        Error,
        8,
        8,
        "who sends the first request",
    ),
    price(
        ("missing-edge", "No edge tier (CDN / WAF)"),
        Error,
        8,
        8,
        "an edge tier (CDN / WAF) in front of the origin",
    ),
    price(
        ("missing-load-balancer", "No load balancer"),
        Error,
        6,
        6,
        "something that spreads traffic across instances",
    ),
    price(
        ("missing-worker", "No worker"),
        Error,
        6,
        6,
        "workers for what nobody waits for",
    ),
    price(
        ("missing-outbox", "No outbox"),
        Error,
        6,
        6,
        "an outbox written in the same transaction as the state",
    ),
    price(
        ("missing-external", "A third party the flow depends on"),
        Error,
        6,
        6,
        "the third parties the flow depends on",
    ),
    price(
        ("missing-storage", "No object store"),
        Error,
        6,
        6,
        "an object store for files and blobs",
    ),
    price(
        ("missing-search", "No search index"),
        Error,
        6,
        6,
        "a search index beside the system of record",
    ),
    price(
        ("missing-other", "A part the reference requires"),
        Error,
        3,
        3,
        "the other parts the reference requires",
    ),
    price(
        ("sync-chain", "A chain of synchronous calls"),
        Warning,
        5,
        5,
        "no chain of three or more synchronous service calls",
    ),
    price(
        ("unwired-drawing", "Boxes without arrows"),
        Warning,
        15,
        15,
        "a drawing wired with arrows, not a list of boxes",
    ),
    price(
        ("broken-path", "The request path not drawn end to end"),
        Warning,
        8,
        24,
        "the request path drawn end to end with arrows, from the client to the store",
    ),
    price(
        ("missing-connection", "An arrow between parts you drew"),
        Warning,
        4,
        24,
        "the arrows the reference draws between the parts you drew",
    ),
    price(
        ("unconnected-node", "A box connected to nothing"),
        Warning,
        4,
        20,
        "no box left unconnected: who calls it, or what it feeds",
    ),
    price(
        ("wrong-edge-kind", "Arrows of the wrong kind"),
        Warning,
        4,
        12,
        "arrow kinds that fit their ends: events into the bus, data into stores",
    ),
    price(
        (
            "missing-boundary",
            "A service and its store outside one boundary",
        ),
        Warning,
        3,
        6,
        "each service drawn inside one boundary with the stores it owns",
    ),
    price(
        ("unconsumed-event", "An event nobody consumes"),
        Warning,
        3,
        6,
        "every event published to the bus has a consumer",
    ),
    price(
        ("unowned-store", "A store nobody reads or writes"),
        Warning,
        3,
        9,
        "every store read or written by a service or worker",
    ),
    price(
        ("wrong-kind", "A box drawn as the wrong kind"),
        Warning,
        3,
        9,
        "boxes drawn as the kind they are (Redis as a cache, not a database)",
    ),
];

/// What a missing kind costs when the reference only recommends it.
pub const RECOMMENDED_KIND: u32 = 4;

/// What a finding with `code` says, in a few words: its rubric title, or
/// for the free notes theirs. `None` for a code the checker does not give
/// (a round's twist names its own).
#[must_use]
pub fn title(code: &str) -> Option<&'static str> {
    match code {
        "missing-part" => Some("A part the reference also has"),
        _ => RUBRIC.iter().find(|p| p.code == code).map(|p| p.title),
    }
}

/// The price of a code at a severity, if it costs anything.
#[must_use]
pub fn lookup(code: &str, severity: Severity) -> Option<Price> {
    match severity {
        Severity::Info => None,
        Severity::Error => RUBRIC
            .iter()
            .find(|p| p.code == code && p.severity == Error)
            .copied(),
        Severity::Warning => RUBRIC
            .iter()
            .find(|p| p.code == code && p.severity == Warning)
            .copied()
            .or_else(|| {
                // A recommended kind: `missing-<kind>` at warning level.
                code.starts_with("missing-")
                    .then(|| RUBRIC.iter().find(|p| p.code == code))
                    .flatten()
                    .map(|p| Price {
                        severity: Warning,
                        each: RECOMMENDED_KIND,
                        cap: RECOMMENDED_KIND,
                        ..*p
                    })
            }),
    }
}

/// Sets every finding's `points` (findings in their final order) and
/// returns the score. Within one code the cap is shared out over its
/// findings, first ones first, so every costing finding costs at least 1
/// and a repeated mistake is not charged without end.
pub fn price_all(findings: &mut [Finding]) -> u8 {
    let keys: Vec<(String, Severity)> = findings
        .iter()
        .map(|f| (f.code.to_string(), f.severity))
        .collect();
    let mut counts: BTreeMap<&(String, Severity), u32> = BTreeMap::new();
    for key in &keys {
        *counts.entry(key).or_default() += 1;
    }
    let mut seen: BTreeMap<&(String, Severity), u32> = BTreeMap::new();
    for (finding, key) in findings.iter_mut().zip(&keys) {
        let Some(price) = lookup(&finding.code, finding.severity) else {
            finding.points = 0;
            continue;
        };
        let n = counts.get(key).copied().unwrap_or(1);
        let position = seen.entry(key).or_default();
        finding.points = if price.each.saturating_mul(n) <= price.cap {
            price.each
        } else {
            (price.cap / n + u32::from(*position < price.cap % n)).max(1)
        };
        *position += 1;
    }
    score_of(findings)
}

/// `100 - sum(points)`, floored at 0.
#[must_use]
pub fn score_of(findings: &[Finding]) -> u8 {
    let lost: u32 = findings.iter().map(|f| f.points).sum();
    u8::try_from(100u32.saturating_sub(lost)).unwrap_or(0)
}

/// The rubric a drawing checked against `reference` is graded by: the
/// lines of [`RUBRIC`] that can apply to it, in rubric order, with the
/// price a recommended kind has. What the check looks for, never the
/// answer — shown before a timed round starts.
#[must_use]
pub fn for_reference(reference: &crate::model::Diagram) -> Vec<Price> {
    use crate::model::{EdgeKind, NodeKind};
    let spec = super::spec_of(reference);
    let has_kind = |k: NodeKind| reference.nodes.iter().any(|n| n.kind == k);
    let saga = spec.saga;
    RUBRIC
        .iter()
        .filter_map(|p| {
            let kind = NodeKind::ALL
                .into_iter()
                .find(|&k| super::missing_code(k) == p.code);
            if let Some(kind) = kind {
                if spec.require.contains(&kind) {
                    return Some(*p);
                }
                if spec.recommend.contains(&kind) {
                    return lookup(p.code, Warning);
                }
                // A saga role of a kind that is required anyway.
                return None;
            }
            let applies = match p.code {
                "gateway-bypassed" => has_kind(NodeKind::Gateway),
                "sync-saga-call" | "missing-compensation" => saga,
                "sync-chain" => !saga,
                "broken-path" => !spec.paths.is_empty(),
                "missing-boundary" => !reference.boundaries.is_empty(),
                "unconsumed-event" => has_kind(NodeKind::Bus),
                "missing-connection" => !reference.edges.is_empty(),
                "wrong-edge-kind" => reference.edges.iter().any(|e| e.kind != EdgeKind::Sync),
                _ => true,
            };
            applies.then_some(*p)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(code: &'static str, severity: Severity) -> Finding {
        Finding::new(code, severity, String::new(), Vec::new())
    }

    #[test]
    fn one_finding_costs_its_price() {
        let mut findings = vec![
            f("missing-gateway", Error),
            f("unconnected-node", Severity::Info),
        ];
        assert_eq!(price_all(&mut findings), 85);
        assert_eq!(findings[0].points, 15);
        assert_eq!(findings[1].points, 0);
    }

    #[test]
    fn repeats_share_the_cap() {
        let mut findings: Vec<Finding> = (0..7).map(|_| f("missing-connection", Warning)).collect();
        assert_eq!(price_all(&mut findings), 76);
        let points: Vec<u32> = findings.iter().map(|f| f.points).collect();
        assert_eq!(points, [4, 4, 4, 3, 3, 3, 3]);
        // Below the cap each costs its full price.
        let mut two = vec![f("wrong-edge-kind", Warning), f("wrong-edge-kind", Warning)];
        assert_eq!(price_all(&mut two), 92);
    }

    #[test]
    fn recommended_kinds_cost_less_and_unknown_codes_nothing() {
        let mut findings = vec![f("missing-worker", Warning), f("made-up", Warning)];
        assert_eq!(price_all(&mut findings), 96);
        assert_eq!(findings[1].points, 0);
    }

    #[test]
    fn the_score_floors_at_zero() {
        let mut findings: Vec<Finding> = [
            "missing-gateway",
            "missing-database",
            "missing-bus",
            "missing-service",
            "missing-compensation",
            "client-to-data",
            "shared-database",
            "missing-cache",
        ]
        .into_iter()
        .map(|c| f(c, Error))
        .collect();
        assert_eq!(price_all(&mut findings), 0);
        assert_eq!(findings.iter().map(|f| f.points).sum::<u32>(), 109);
    }

    #[test]
    fn a_reference_rubric_lists_what_applies() {
        let five_tier = crate::content::references::find("five-tier")
            .and_then(|r| r.load().ok())
            .unwrap_or_default();
        let codes: Vec<&str> = for_reference(&five_tier).iter().map(|p| p.code).collect();
        for code in [
            "missing-gateway",
            "missing-cache",
            "gateway-bypassed",
            "sync-chain",
            "missing-worker",
            "broken-path",
            "unconnected-node",
            "unwired-drawing",
        ] {
            assert!(codes.contains(&code), "{code}: {codes:?}");
        }
        assert!(!codes.contains(&"missing-compensation"), "{codes:?}");
        let worker = for_reference(&five_tier)
            .into_iter()
            .find(|p| p.code == "missing-worker")
            .map(|p| (p.severity, p.each));
        assert_eq!(worker, Some((Warning, RECOMMENDED_KIND)));
    }

    #[test]
    fn a_cost_reads_as_one_price_when_each_is_the_cap() {
        let gateway = lookup("missing-gateway", Error).map(|p| p.cost());
        assert_eq!(gateway.as_deref(), Some("\u{2212}15"));
        let connection = lookup("missing-connection", Warning).map(|p| p.cost());
        assert_eq!(
            connection.as_deref(),
            Some("\u{2212}4 each, at most \u{2212}24")
        );
    }

    #[test]
    fn every_price_is_sane() {
        for p in RUBRIC {
            assert!(p.each > 0 && p.each <= p.cap, "{}", p.code);
            assert!(!p.title.is_empty() && p.title != p.code, "{}", p.code);
            assert_eq!(title(p.code), Some(p.title));
            assert_eq!(
                RUBRIC
                    .iter()
                    .filter(|q| q.code == p.code && q.severity == p.severity)
                    .count(),
                1,
                "{}",
                p.code
            );
        }
    }
}
