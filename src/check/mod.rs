//! The checker: compares a drawing with a reference model and explains every
//! finding. Pure: no egui, no I/O; the CLI and the app render its [`Report`].
//!
//! 1. Drawn nodes are assigned to reference nodes by kind and label
//!    similarity with an optimal assignment ([`matching`]).
//! 2. The reference's [`CheckSpec`] (required kinds, roles, paths, saga
//!    rules) and the general rules ([`rules`]) produce findings.
//! 3. Missing reference nodes are placed on the drawing as ghosts.

pub mod matching;
mod report;
mod rules;
mod saga;

pub use report::{Finding, Ghost, Report, Severity};

use crate::model::placement::{Box2, free_spot};
use crate::model::{CheckSpec, Diagram, NodeKind, Point};
use rules::Index;

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
        NodeKind::Storage | NodeKind::Search | NodeKind::Other => "The reference has one.",
    }
}

/// Kinds the stable `missing-*` error codes cover.
const CORE_KINDS: [NodeKind; 7] = [
    NodeKind::Client,
    NodeKind::Edge,
    NodeKind::Gateway,
    NodeKind::Service,
    NodeKind::Database,
    NodeKind::Cache,
    NodeKind::Bus,
];

/// The spec used for a reference without a `check` section: every core kind
/// it contains is required.
#[must_use]
pub fn derived_spec(reference: &Diagram) -> CheckSpec {
    CheckSpec {
        require: CORE_KINDS
            .into_iter()
            .filter(|k| reference.nodes.iter().any(|n| n.kind == *k))
            .collect(),
        ..CheckSpec::default()
    }
}

/// Checks `drawing` against `reference` (whose id is `reference_id`).
#[must_use]
pub fn check(drawing: &Diagram, reference: &Diagram, reference_id: &str) -> Report {
    let spec = reference
        .check
        .clone()
        .unwrap_or_else(|| derived_spec(reference));
    let aliases = |id: &str| {
        spec.roles
            .iter()
            .find(|r| r.node.as_str() == id)
            .map(|r| r.aliases.clone())
            .unwrap_or_default()
    };
    let weighted = matching::assign_with_evidence(drawing, reference, &aliases);
    let assignment: Vec<Option<usize>> = weighted.iter().map(|m| m.map(|(d, _)| d)).collect();
    let ix = Index::new(drawing);
    let has = |kind: NodeKind| drawing.nodes.iter().any(|n| n.kind == kind);
    let ref_ids = |kind: NodeKind| -> Vec<String> {
        reference
            .nodes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| n.id.to_string())
            .collect()
    };

    let mut findings = Vec::new();
    for (kinds, severity) in [
        (&spec.require, Severity::Error),
        (&spec.recommend, Severity::Warning),
    ] {
        for &kind in kinds {
            if !has(kind) {
                findings.push(Finding {
                    code: missing_code(kind),
                    severity,
                    message: format!("No {} drawn. {}", kind.noun(), missing_reason(kind)),
                    nodes: ref_ids(kind),
                });
            }
        }
    }
    findings.extend(missing_roles(reference, &spec, &weighted, &has));
    if reference.nodes.iter().any(|n| n.kind == NodeKind::Gateway) {
        findings.extend(rules::gateway_bypassed(drawing, &ix));
    }
    findings.extend(rules::client_to_data(&ix));
    findings.extend(rules::shared_database(&ix));
    if spec.saga {
        findings.extend(saga::sync_saga_call(&ix));
        let roles_complete = !findings
            .iter()
            .any(|f| f.code == missing_code(NodeKind::Service));
        findings.extend(saga::missing_compensation(drawing, &ix, roles_complete));
    } else {
        findings.extend(rules::sync_chain(&ix));
    }
    findings.extend(rules::broken_paths(drawing, &ix, &spec.paths));
    findings.extend(wrong_kinds(drawing, reference, &assignment));
    findings.extend(rules::unconnected(drawing));

    findings.sort_by(|a, b| (a.severity, a.code, &a.nodes).cmp(&(b.severity, b.code, &b.nodes)));

    let matches: Vec<(String, String)> = assignment
        .iter()
        .enumerate()
        .filter_map(|(r, d)| {
            d.map(|d| {
                (
                    reference.nodes[r].id.to_string(),
                    drawing.nodes[d].id.to_string(),
                )
            })
        })
        .collect();
    let ghosts = place_ghosts(drawing, reference, &assignment);
    let score = score(reference.nodes.len(), matches.len(), &findings);
    Report {
        reference: reference_id.to_owned(),
        score,
        findings,
        matches,
        ghosts,
    }
}

/// `missing-<kind>` for each role of the spec nothing in the drawing plays.
fn missing_roles(
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
            findings.push(Finding {
                code: missing_code(node.kind),
                severity: Severity::Error,
                message: format!(
                    "Nothing plays the role of the {} (reference node `{}`).{notes} Each step of the flow needs its owner, or the chain has a gap.",
                    node.label, node.id
                ),
                nodes: vec![node.id.to_string()],
            });
        }
    }

    findings
}

/// `wrong-kind` (warning): an unmatched drawn node whose label matches an
/// unmatched reference node of another kind ("Redis" drawn as a database).
fn wrong_kinds(
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
            out.push(Finding {
                code: "wrong-kind",
                severity: Severity::Warning,
                message: format!(
                    "\u{201c}{}\u{201d} looks like the reference's {} but is drawn as a {}; the reference has a {}.",
                    node.label,
                    reference_node.label,
                    node.kind.noun(),
                    reference_node.kind.noun()
                ),
                nodes: vec![node.id.to_string()],
            });
        }
    }
    out
}

/// 40 points for trying, 60 for covering the reference, minus 12 per error
/// and 4 per warning.
fn score(reference_nodes: usize, matched: usize, findings: &[Finding]) -> u8 {
    #[expect(clippy::cast_precision_loss, reason = "node counts are far below 2^24")]
    let coverage = if reference_nodes == 0 {
        1.0
    } else {
        matched as f32 / reference_nodes as f32
    };
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    #[expect(clippy::cast_precision_loss, reason = "finding counts are small")]
    let raw = 40.0 + 60.0 * coverage - 12.0 * errors as f32 - 4.0 * warnings as f32;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0..=100"
    )]
    let score = raw.round().clamp(0.0, 100.0) as u8;
    score
}

/// Least-squares `y = a·x + b` through pairs, scale clamped to a sane range;
/// a pure shift when there is too little spread.
fn fit_axis(pairs: &[(f32, f32)]) -> (f32, f32) {
    #[expect(clippy::cast_precision_loss, reason = "few points")]
    let n = pairs.len() as f32;
    if pairs.is_empty() {
        return (1.0, 0.0);
    }
    let mean_x = pairs.iter().map(|p| p.0).sum::<f32>() / n;
    let mean_y = pairs.iter().map(|p| p.1).sum::<f32>() / n;
    let var: f32 = pairs.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let a = if var > 1.0 {
        (pairs
            .iter()
            .map(|p| (p.0 - mean_x) * (p.1 - mean_y))
            .sum::<f32>()
            / var)
            .clamp(0.3, 3.0)
    } else {
        1.0
    };
    (a, mean_y - a * mean_x)
}

/// Places unmatched reference nodes on the drawing, mapping reference
/// positions through a fit of the matched pairs.
fn place_ghosts(
    drawing: &Diagram,
    reference: &Diagram,
    assignment: &[Option<usize>],
) -> Vec<Ghost> {
    let pairs: Vec<(Point, Point)> = assignment
        .iter()
        .enumerate()
        .filter_map(|(r, d)| d.map(|d| (reference.nodes[r].pos, drawing.nodes[d].pos)))
        .collect();
    let (ax, bx, ay, by) = if pairs.is_empty() {
        // Nothing matched: put the reference beside the drawing.
        let right = drawing
            .nodes
            .iter()
            .map(|n| n.pos.x)
            .fold(f32::NEG_INFINITY, f32::max);
        let left = reference
            .nodes
            .iter()
            .map(|n| n.pos.x)
            .fold(f32::INFINITY, f32::min);
        let shift = if right.is_finite() && left.is_finite() {
            right + 300.0 - left
        } else {
            0.0
        };
        (1.0, shift, 1.0, 0.0)
    } else {
        let (ax, bx) = fit_axis(&pairs.iter().map(|(r, d)| (r.x, d.x)).collect::<Vec<_>>());
        let (ay, by) = fit_axis(&pairs.iter().map(|(r, d)| (r.y, d.y)).collect::<Vec<_>>());
        (ax, bx, ay, by)
    };
    let mut occupied: Vec<Box2> = drawing.nodes.iter().map(Box2::of).collect();
    let mut ghosts = Vec::new();
    for (n, _) in reference
        .nodes
        .iter()
        .zip(assignment)
        .filter(|(_, d)| d.is_none())
    {
        let wanted = Point::new(ax * n.pos.x + bx, ay * n.pos.y + by);
        let size = n.size();
        let pos = free_spot(wanted, size.w, size.h, &occupied);
        occupied.push(Box2::new(pos, size.w, size.h));
        ghosts.push(Ghost {
            reference_node: n.id.to_string(),
            label: n.label.clone(),
            kind: n.kind,
            pos,
        });
    }
    ghosts
}
