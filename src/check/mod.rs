//! The checker: compares a drawing with a reference model and explains every
//! finding. Pure: no egui, no I/O; the CLI and the app render its [`Report`].
//!
//! 1. Drawn nodes are assigned to reference nodes by kind and label
//!    similarity with an optimal assignment ([`matching`]).
//! 2. The reference's [`CheckSpec`] (required kinds, roles, paths, saga
//!    rules), the general rules and the comparison of drawn and reference
//!    edges ([`connections`]) produce findings; both diagrams are petgraph
//!    graphs for their graph questions.
//! 3. Every finding is priced by the [`rubric`]: the score is 100 minus the
//!    points of the findings, so no point is lost without a reason.
//! 4. The reference nodes findings name as missing are placed on the
//!    drawing as ghosts, clear of its boxes and boundaries; those only
//!    notes name are optional.

mod connections;
mod flow;
mod ghosts;
pub mod matching;
mod missing;
mod path;
mod report;
pub mod rubric;
mod rules;
mod saga;

use std::collections::BTreeSet;

pub use missing::missing_code;
pub use report::{Finding, Ghost, Report, Severity};

use crate::model::{CheckSpec, Diagram, NodeKind};
use connections::Correspondence;
use rules::Index;

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
/// it contains is required, and its request path (see [`request_path`])
/// must be drawn end to end.
#[must_use]
pub fn derived_spec(reference: &Diagram) -> CheckSpec {
    CheckSpec {
        require: CORE_KINDS
            .into_iter()
            .filter(|k| reference.nodes.iter().any(|n| n.kind == *k))
            .collect(),
        paths: request_path(reference).into_iter().collect(),
        ..CheckSpec::default()
    }
}

/// The kinds along a diagram's shortest chain of arrows from a client to
/// a database (breadth-first, document order among equals), load
/// balancers and `other` boxes left out (the path check passes through
/// them) and repeats of a kind folded: `[client, gateway, service,
/// database]`. `None` when no client reaches a database.
#[must_use]
pub fn request_path(diagram: &Diagram) -> Option<Vec<NodeKind>> {
    let ix = Index::new(diagram);
    let mut before: std::collections::BTreeMap<&str, Option<&str>> =
        std::collections::BTreeMap::new();
    let mut queue = std::collections::VecDeque::new();
    for n in diagram.nodes.iter().filter(|n| n.kind == NodeKind::Client) {
        if before.insert(n.id.as_str(), None).is_none() {
            queue.push_back(n);
        }
    }
    let mut end = None;
    while let Some(n) = queue.pop_front() {
        if n.kind == NodeKind::Database {
            end = Some(n);
            break;
        }
        for (_, next) in ix.outgoing(n.id.as_str()) {
            if !before.contains_key(next.id.as_str()) {
                before.insert(next.id.as_str(), Some(n.id.as_str()));
                queue.push_back(next);
            }
        }
    }
    let mut kinds = Vec::new();
    let mut at = Some(end?.id.as_str());
    while let Some(id) = at {
        let kind = ix.node(id)?.kind;
        if !matches!(kind, NodeKind::LoadBalancer | NodeKind::Other) && kinds.last() != Some(&kind)
        {
            kinds.push(kind);
        }
        at = before.get(id).copied().flatten();
    }
    kinds.reverse();
    (kinds.len() >= 2).then_some(kinds)
}

/// The spec a reference is checked by: its own `check` section, else
/// [`derived_spec`].
#[must_use]
pub fn spec_of(reference: &Diagram) -> CheckSpec {
    reference
        .check
        .clone()
        .unwrap_or_else(|| derived_spec(reference))
}

/// Checks `drawing` against `reference` (whose id is `reference_id`).
#[must_use]
pub fn check(drawing: &Diagram, reference: &Diagram, reference_id: &str) -> Report {
    let spec = spec_of(reference);
    let aliases = |id: &str| {
        spec.roles
            .iter()
            .find(|r| r.node.as_str() == id)
            .map(|r| r.aliases.clone())
            .unwrap_or_default()
    };
    let mut scored = matching::assign_scored(drawing, reference, &aliases);
    // A role is played only with evidence beyond the kind ("Reviews" does
    // not play Payment by being a service): such a match is no match.
    for (r, m) in scored.iter_mut().enumerate() {
        let role = spec
            .roles
            .iter()
            .any(|role| role.node == reference.nodes[r].id);
        if role && m.is_some_and(|(_, bonus)| bonus == 0) {
            *m = None;
        }
    }
    let weighted: Vec<Option<(usize, bool)>> = scored
        .iter()
        .map(|m| m.map(|(d, bonus)| (d, bonus > 0)))
        .collect();
    let assignment: Vec<Option<usize>> = scored.iter().map(|m| m.map(|(d, _)| d)).collect();
    let corr = Correspondence::new(reference, &scored);
    let mut findings = findings(drawing, reference, &spec, &weighted, &corr);
    let named: BTreeSet<String> = findings.iter().flat_map(|f| f.ghosts.clone()).collect();
    findings.extend(missing::missing_parts(
        reference,
        &corr.stands_for,
        &assignment,
        &named,
    ));

    findings.sort_by(|a, b| {
        (a.severity, &a.code, &a.nodes, &a.edges).cmp(&(b.severity, &b.code, &b.nodes, &b.edges))
    });
    let score = rubric::price_all(&mut findings);

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
    let missing: BTreeSet<String> = findings.iter().flat_map(|f| f.ghosts.clone()).collect();
    let required: BTreeSet<String> = findings
        .iter()
        .filter(|f| f.costs())
        .flat_map(|f| f.ghosts.clone())
        .collect();
    let extra = extra_nodes(drawing, reference, &assignment);
    let ghosts = ghosts::place_ghosts(
        drawing,
        reference,
        &assignment,
        (&missing, &required),
        &extra,
    );
    Report {
        reference: reference_id.to_owned(),
        score,
        findings,
        matches,
        ghosts,
        extra,
    }
}

/// Kinds any real system may have whatever the reference draws: a box of
/// one is never tagged extra.
const ORDINARY_KINDS: [NodeKind; 5] = [
    NodeKind::LoadBalancer,
    NodeKind::Search,
    NodeKind::Storage,
    NodeKind::External,
    NodeKind::Other,
];

/// Drawn boxes matched to nothing, of a kind the reference draws and not
/// an ordinary one (a load balancer, a search index, an object store, a
/// third party, ops tooling): one more of something the reference has,
/// like an eighth service. A box of a kind the reference lacks is the
/// drawing's own addition, which the check does not grade.
fn extra_nodes(
    drawing: &Diagram,
    reference: &Diagram,
    assignment: &[Option<usize>],
) -> Vec<String> {
    let matched: BTreeSet<usize> = assignment.iter().flatten().copied().collect();
    drawing
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            !matched.contains(i)
                && !ORDINARY_KINDS.contains(&n.kind)
                && reference.nodes.iter().any(|r| r.kind == n.kind)
        })
        .map(|(_, n)| n.id.to_string())
        .collect()
}

/// Drawn boxes a missing connection names: it says what to draw for them.
fn connections_named(findings: &[Finding]) -> BTreeSet<&str> {
    findings
        .iter()
        .filter(|f| f.code == "missing-connection")
        .flat_map(|f| f.nodes.iter().map(String::as_str))
        .collect()
}

/// Every rule's findings but the `missing-part` notes, unpriced.
fn findings(
    drawing: &Diagram,
    reference: &Diagram,
    spec: &CheckSpec,
    weighted: &[Option<(usize, bool)>],
    corr: &Correspondence,
) -> Vec<Finding> {
    let ix = Index::new(drawing);
    let rx = Index::new(reference);
    let has = |kind: NodeKind| drawing.nodes.iter().any(|n| n.kind == kind);
    let mut findings = missing::missing_kinds(drawing, reference, spec);
    findings.extend(missing::missing_roles(reference, spec, weighted, &has));
    if reference.nodes.iter().any(|n| n.kind == NodeKind::Gateway) {
        findings.extend(rules::gateway_bypassed(drawing, &ix));
    }
    findings.extend(rules::client_to_data(&ix));
    findings.extend(rules::shared_database(&ix));
    let saga = spec.saga
        || reference
            .edges
            .iter()
            .any(|e| e.kind == crate::model::EdgeKind::Compensation);
    if spec.saga {
        findings.extend(saga::sync_saga_call(&ix));
        let roles_complete = !findings
            .iter()
            .any(|f| f.code == missing_code(NodeKind::Service));
        findings.extend(saga::missing_compensation(drawing, &ix, roles_complete));
    } else {
        findings.extend(rules::sync_chain(&ix));
    }
    let connections = connections::missing_connections(&ix, &rx, corr);
    // Each missing connection's pairs of drawn boxes (a box with no arrow
    // comes first, with every box it should reach).
    let position = |id: &str| ix.graph.node_index(id).map(|n| ix.position(n));
    let gaps: Vec<(usize, usize)> = connections
        .iter()
        .flat_map(|f| {
            let first = f.nodes.first().and_then(|id| position(id));
            f.nodes
                .iter()
                .skip(1)
                .filter_map(move |id| Some((first?, position(id)?)))
        })
        .collect();
    findings.extend(path::broken_paths(drawing, &ix, &spec.paths, &gaps));
    findings.extend(connections);
    findings.extend(connections::wrong_edge_kinds(&ix, &rx, corr, saga));
    findings.extend(connections::missing_boundaries(&ix, &rx, corr));
    let compensation_reported = findings.iter().any(|f| f.code == "missing-compensation");
    let skip = |label: &str| compensation_reported && saga::is_failure(label);
    findings.extend(flow::unconsumed_events(&ix, &skip));
    let unowned = flow::unowned_stores(&ix);
    let unowned_ids: BTreeSet<&str> = unowned
        .iter()
        .flat_map(|f| f.nodes.iter().map(String::as_str))
        .collect();
    let named: BTreeSet<&str> = connections_named(&findings);
    let unconnected: Vec<_> = rules::unconnected(drawing, &|id| named.contains(id))
        .into_iter()
        .filter(|f| !f.nodes.iter().any(|n| unowned_ids.contains(n.as_str())))
        .collect();
    findings.extend(unowned);
    let assignment: Vec<Option<usize>> = weighted.iter().map(|m| m.map(|(d, _)| d)).collect();
    findings.extend(missing::wrong_kinds(drawing, reference, &assignment));
    findings.extend(unconnected);
    findings.extend(rules::unwired(drawing));

    findings
}
