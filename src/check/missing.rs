//! What the drawing lacks: kinds the reference requires or recommends
//! (`missing-<kind>`), roles nothing plays (the saga's steps), boxes drawn
//! as the wrong kind (`wrong-kind`), and the reference's other parts
//! (`missing-part`, advice). Each names the reference nodes it misses, and
//! those are the ghosts drawn on the canvas.

use std::collections::BTreeSet;

use super::matching;
use super::report::{Finding, Severity};
use crate::model::{CheckSpec, Diagram, NodeKind};

/// The finding code for a missing kind.
#[must_use]
pub const fn missing_code(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Client => "missing-client",
        NodeKind::Edge => "missing-edge",
        NodeKind::LoadBalancer => "missing-load-balancer",
        NodeKind::Gateway => "missing-gateway",
        NodeKind::Service => "missing-service",
        NodeKind::Database => "missing-database",
        NodeKind::Cache => "missing-cache",
        NodeKind::Bus => "missing-bus",
        NodeKind::Worker => "missing-worker",
        NodeKind::External => "missing-external",
        NodeKind::Outbox => "missing-outbox",
        NodeKind::Storage => "missing-storage",
        NodeKind::Search => "missing-search",
        NodeKind::Other => "missing-other",
    }
}

/// Why a missing kind matters, in interview terms.
fn missing_reason(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Client => {
            "Start from the user: who sends the first request (mobile app, browser)? The panel wants the story of what comes in before the boxes."
        }
        NodeKind::Edge => {
            "Without an edge tier (CDN / WAF) every static asset and every bot hits your origin, users far away pay the full round trip, and there is no place to terminate TLS and absorb DDoS."
        }
        NodeKind::Gateway => {
            "Without a gateway every service re-implements auth, rate limiting and tracing — each slightly differently — and clients must know every service's address."
        }
        NodeKind::Service => {
            "Services are where the business capabilities live; name who owns what."
        }
        NodeKind::Database => {
            "Say where the state lives and which service owns each store: the data plane is one of the three story beats an interviewer listens for."
        }
        NodeKind::Cache => {
            "Without a cache hot reads (catalog pages, sessions) land on the database and p99 climbs with every spike; cache-aside Redis is the cheap step after read replicas."
        }
        NodeKind::Bus => {
            "Without a message bus services call each other synchronously, so one slow downstream topples the chain; events let consumers work at their own pace."
        }
        NodeKind::Worker => {
            "Work nobody waits for (emails, analytics, retries) belongs in workers consuming events, off the request path."
        }
        NodeKind::Outbox => {
            "Publishing after the database commit is a dual write: if the publish fails the event is lost. Write it to an outbox table in the same transaction and relay it."
        }
        NodeKind::LoadBalancer => {
            "Something must spread traffic across instances and take unhealthy ones out."
        }
        NodeKind::External => {
            "Show the third parties you depend on; they are usually the slowest, least reliable hop."
        }
        NodeKind::Storage => {
            "Files, images and exports belong in an object store, served through the edge, not in the database."
        }
        NodeKind::Search => {
            "Full-text and faceted search want an index fed from the system of record, not LIKE queries on the primary."
        }
        NodeKind::Other => "The reference has one.",
    }
}

/// `missing-<kind>` for each required (error) or recommended (warning)
/// kind the drawing has no node of; names every reference node of it.
pub(super) fn missing_kinds(
    drawing: &Diagram,
    reference: &Diagram,
    spec: &CheckSpec,
) -> Vec<Finding> {
    let has = |kind: NodeKind| drawing.nodes.iter().any(|n| n.kind == kind);
    let mut findings = Vec::new();
    for (kinds, severity) in [
        (&spec.require, Severity::Error),
        (&spec.recommend, Severity::Warning),
    ] {
        for &kind in kinds {
            if !has(kind) {
                let ids = reference
                    .nodes
                    .iter()
                    .filter(|n| n.kind == kind)
                    .map(|n| n.id.to_string())
                    .collect();
                findings.push(Finding::missing(
                    missing_code(kind),
                    severity,
                    format!("No {} drawn. {}", kind.noun(), missing_reason(kind)),
                    ids,
                ));
            }
        }
    }
    findings
}

/// `missing-part` (info, costs nothing): a reference node with no
/// counterpart that no other finding names — one more service, a second
/// client, a worker. Worth knowing, not a mistake.
pub(super) fn missing_parts(
    reference: &Diagram,
    stands_for: &[Option<usize>],
    assigned: &[Option<usize>],
    named: &BTreeSet<String>,
) -> Vec<Finding> {
    reference
        .nodes
        .iter()
        .enumerate()
        .filter(|(r, n)| {
            assigned[*r].is_none() && stands_for[*r].is_none() && !named.contains(n.id.as_str())
        })
        .map(|(_, n)| {
            let notes = if n.notes.is_empty() {
                String::new()
            } else {
                format!(" {}", n.notes)
            };
            Finding::missing(
                "missing-part",
                Severity::Info,
                format!(
                    "The reference also has {} ({}).{notes} Not required: mention it if it fits your story.",
                    n.label,
                    n.kind.noun()
                ),
                vec![n.id.to_string()],
            )
        })
        .collect()
}

/// `missing-<kind>` for each role of the spec nothing in the drawing plays.
pub(super) fn missing_roles(
    reference: &Diagram,
    spec: &CheckSpec,
    weighted: &[Option<(usize, bool)>],
    has: &dyn Fn(NodeKind) -> bool,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for role in &spec.roles {
        let Some(r) = reference.nodes.iter().position(|n| n.id == role.node) else {
            continue;
        };
        let node = &reference.nodes[r];
        // With no node of the kind at all, `missing-<kind>` already says it.
        // A role needs evidence beyond the kind: a shared word, alias or
        // event name ("Reviews" does not play Payment just by being a service).
        let played = weighted
            .get(r)
            .copied()
            .flatten()
            .is_some_and(|(_, evidence)| evidence);
        if !played && has(node.kind) {
            let notes = if node.notes.is_empty() {
                String::new()
            } else {
                format!(" {}", node.notes)
            };
            findings.push(Finding::missing(
                missing_code(node.kind),
                Severity::Error,
                format!(
                    "Nothing plays the role of the {} (reference node `{}`).{notes} Each step of the flow needs its owner, or the chain has a gap.",
                    node.label, node.id
                ),
                vec![node.id.to_string()],
            ));
        }
    }

    findings
}

/// `wrong-kind` (warning): an unmatched drawn node whose label matches an
/// unmatched reference node of another kind ("Redis" drawn as a database).
pub(super) fn wrong_kinds(
    drawing: &Diagram,
    reference: &Diagram,
    assignment: &[Option<usize>],
) -> Vec<Finding> {
    let used: std::collections::BTreeSet<usize> = assignment.iter().flatten().copied().collect();
    let mut taken = std::collections::BTreeSet::new();
    let drawn_profiles = matching::Profile::all(drawing, &|_| Vec::new());
    let ref_profiles = matching::Profile::all(reference, &|_| Vec::new());
    let mut out = Vec::new();
    for (r, reference_node) in reference.nodes.iter().enumerate() {
        if assignment[r].is_some() {
            continue;
        }
        let rp = &ref_profiles[r];
        let candidate = drawing.nodes.iter().enumerate().find(|(d, node)| {
            !used.contains(d)
                && !taken.contains(d)
                && node.kind != reference_node.kind
                && matching::label_similarity(&drawn_profiles[*d], rp) >= 0.6
        });
        if let Some((d, node)) = candidate {
            taken.insert(d);
            out.push(Finding::new(
                "wrong-kind",
                Severity::Warning,
                format!(
                    "\u{201c}{}\u{201d} looks like the reference's {} but is drawn as a {}; the reference has a {}.",
                    node.label,
                    reference_node.label,
                    node.kind.noun(),
                    reference_node.kind.noun()
                ),
                vec![node.id.to_string()],
            ));
        }
    }
    out
}
