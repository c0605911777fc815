//! Edges compared, not only kinds: after drawn nodes are assigned to
//! reference nodes, each reference edge between two assigned nodes is looked
//! for in the drawing (`missing-connection`), each drawn edge is compared
//! with the reference edge between the same pair and with what its ends
//! allow (`wrong-edge-kind`), and each reference boundary of a service with
//! its stores is looked for (`missing-boundary`).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::visit::{EdgeRef as _, IntoEdgeReferences};

use super::flow::is_store;
use super::report::{Finding, Severity};
use super::rules::{Index, name};
use crate::model::{Diagram, EdgeKind, Node, NodeKind};

/// The matching bonus (see `matching::weight`: 120 × label similarity + 40 ×
/// event-name overlap) from which a drawn node stands for a reference node:
/// about one shared label word in four, or more than half of its event
/// names. One shared word like "charge" among a few arrow labels is not
/// enough to demand the reference's arrows of a box.
pub const STANDS_FOR_BONUS: i64 = 24;

/// Which drawn node stands for which reference node.
pub struct Correspondence {
    /// Per reference node, the drawn node standing for it: assigned, and
    /// either with clear evidence beyond the kind (a shared label word or
    /// alias, or most of its event names — see [`STANDS_FOR_BONUS`]) or the
    /// only node of its kind in the reference (the gateway, the bus). A
    /// kind-only match among seven services says nothing about which
    /// arrows that service should have.
    pub stands_for: Vec<Option<usize>>,
    /// Drawn nodes standing for some reference node.
    pub standing: BTreeSet<usize>,
}

impl Correspondence {
    /// Builds the correspondence from the assignment with its bonuses.
    #[must_use]
    pub fn new(reference: &Diagram, scored: &[Option<(usize, i64)>]) -> Self {
        let kind_count = |kind: NodeKind| reference.nodes.iter().filter(|n| n.kind == kind).count();
        let stands_for: Vec<Option<usize>> = reference
            .nodes
            .iter()
            .zip(scored)
            .map(|(node, m)| {
                m.filter(|&(_, bonus)| bonus >= STANDS_FOR_BONUS || kind_count(node.kind) == 1)
                    .map(|(d, _)| d)
            })
            .collect();
        let standing = stands_for.iter().flatten().copied().collect();
        Self {
            stands_for,
            standing,
        }
    }

    fn reverse(&self) -> BTreeMap<usize, usize> {
        self.stands_for
            .iter()
            .enumerate()
            .filter_map(|(r, d)| d.map(|d| (d, r)))
            .collect()
    }
}

/// Reference edges between each unordered pair of reference nodes.
fn reference_pairs(reference: &Index<'_>) -> BTreeMap<(usize, usize), Vec<EdgeKind>> {
    let mut pairs: BTreeMap<(usize, usize), Vec<EdgeKind>> = BTreeMap::new();
    for e in reference.graph.graph.edge_references() {
        let (a, b) = (
            reference.position(e.source()),
            reference.position(e.target()),
        );
        if a != b {
            pairs
                .entry((a.min(b), a.max(b)))
                .or_default()
                .push(e.weight().edge.kind);
        }
    }
    pairs
}

/// `missing-connection` (warning): the reference connects two nodes whose
/// counterparts are drawn, and the drawing has no arrow between them —
/// directly, or through drawn boxes that stand for nothing in the reference
/// (a load balancer the reference does not draw, an outbox and its relay on
/// the way to the bus).
///
/// A drawn box with no arrow at all gets one finding for all its missing
/// arrows (naming the box first, then each box it should connect to), so
/// an unconnected box costs one missing arrow whatever its label says: a
/// precise "User service" never costs more than a vague "Service", which
/// only `unconnected-node` can name.
pub fn missing_connections(
    drawing: &Index<'_>,
    reference: &Index<'_>,
    corr: &Correspondence,
) -> Vec<Finding> {
    let d = drawing.diagram;
    let connected: BTreeSet<&str> = d
        .edges
        .iter()
        .flat_map(|e| [e.from.as_str(), e.to.as_str()])
        .collect();
    let bare = |i: usize| !connected.contains(d.nodes[i].id.as_str());
    // Each gap: (drawn a, drawn b, reference a, reference b, kinds).
    let mut gaps = Vec::new();
    for ((ra, rb), kinds) in reference_pairs(reference) {
        let (Some(da), Some(db)) = (corr.stands_for[ra], corr.stands_for[rb]) else {
            continue;
        };
        if da == db || connected_through_extras(drawing, da, db, &corr.standing) {
            continue;
        }
        gaps.push((da, db, ra, rb, kinds));
    }
    // Gaps at an unconnected box, grouped under the first such box in the
    // drawing's order; the rest stand alone.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut out = Vec::new();
    for (g, &(da, db, ra, rb, ref kinds)) in gaps.iter().enumerate() {
        let owner = [da, db].into_iter().filter(|&i| bare(i)).min();
        match owner {
            Some(owner) => groups.entry(owner).or_default().push(g),
            None => out.push(one_gap(drawing, reference, (da, db), (ra, rb), kinds)),
        }
    }
    for (owner, members) in groups {
        if let [g] = members[..] {
            let (da, db, ra, rb, ref kinds) = gaps[g];
            out.push(one_gap(drawing, reference, (da, db), (ra, rb), kinds));
            continue;
        }
        let other = |&(da, db, ra, rb, _): &(usize, usize, usize, usize, Vec<EdgeKind>)| {
            if da == owner {
                (db, ra, rb)
            } else {
                (da, rb, ra)
            }
        };
        let box_node = &d.nodes[owner];
        let ref_owner = {
            let (_, own, _) = other(&gaps[members[0]]);
            &reference.diagram.nodes[own]
        };
        let mut nodes = vec![box_node.id.to_string()];
        let mut in_reference = Vec::new();
        let mut to_draw = Vec::new();
        for &g in &members {
            let (drawn, _, theirs) = other(&gaps[g]);
            let node = &d.nodes[drawn];
            nodes.push(node.id.to_string());
            in_reference.push(format!(
                "{} ({})",
                reference.diagram.nodes[theirs].label,
                kinds_shown(&gaps[g].4)
            ));
            to_draw.push(name(node));
        }
        out.push(Finding::new(
            "missing-connection",
            Severity::Warning,
            format!(
                "{} has no arrows. In the reference {} is connected to {}: draw its arrows to {}.",
                name(box_node),
                ref_owner.label,
                and_list(&in_reference),
                and_list(&to_draw)
            ),
            nodes,
        ));
    }
    out
}

/// The finding for one missing arrow between drawn `da` and `db`, which
/// stand for reference `ra` and `rb`.
fn one_gap(
    drawing: &Index<'_>,
    reference: &Index<'_>,
    (da, db): (usize, usize),
    (ra, rb): (usize, usize),
    kinds: &[EdgeKind],
) -> Finding {
    let (a, b) = (&drawing.diagram.nodes[da], &drawing.diagram.nodes[db]);
    let (ref_a, ref_b) = (&reference.diagram.nodes[ra], &reference.diagram.nodes[rb]);
    Finding::new(
        "missing-connection",
        Severity::Warning,
        format!(
            "No arrow between {} and {}. In the reference {} and {} are connected ({}): {}",
            name(a),
            name(b),
            ref_a.label,
            ref_b.label,
            kinds_shown(kinds),
            why_connected(a, b, kinds)
        ),
        vec![a.id.to_string(), b.id.to_string()],
    )
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A noun with its indefinite article ("an async event").
fn a(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

fn kinds_shown(kinds: &[EdgeKind]) -> String {
    let names: BTreeSet<&str> = kinds.iter().map(|k| k.noun()).collect();
    names.into_iter().collect::<Vec<_>>().join(", ")
}

fn why_connected(a: &Node, b: &Node, kinds: &[EdgeKind]) -> &'static str {
    if is_store(a.kind) || is_store(b.kind) {
        "say which service reads and writes each store."
    } else if a.kind == NodeKind::Bus || b.kind == NodeKind::Bus {
        "show who publishes to the bus and who consumes from it."
    } else if kinds.contains(&EdgeKind::Compensation) {
        "the undo step needs its trigger."
    } else {
        "an interviewer follows the request from box to box."
    }
}

/// Whether `a` and `b` are joined by an arrow (either way), possibly
/// through up to three drawn boxes that stand for no reference node.
fn connected_through_extras(
    ix: &Index<'_>,
    a: usize,
    b: usize,
    standing: &BTreeSet<usize>,
) -> bool {
    let graph = &ix.graph.graph;
    let (Some(start), Some(goal)) = (ix.graph_index(a), ix.graph_index(b)) else {
        return false;
    };
    let mut seen = BTreeSet::from([start]);
    let mut queue = VecDeque::from([(start, 0u8)]);
    while let Some((n, depth)) = queue.pop_front() {
        for next in graph.neighbors_undirected(n) {
            if next == goal {
                return true;
            }
            if depth < 3 && !standing.contains(&ix.position(next)) && seen.insert(next) {
                queue.push_back((next, depth + 1));
            }
        }
    }
    false
}

/// What an edge's ends allow: `Some(reason)` when its kind contradicts them.
fn contradicts_ends(from: &Node, to: &Node, kind: EdgeKind, saga: bool) -> Option<String> {
    let bus = from.kind == NodeKind::Bus || to.kind == NodeKind::Bus;
    match kind {
        EdgeKind::Sync | EdgeKind::Data if bus => Some(format!(
            "is drawn as {} but one end is a bus: publishing and consuming are async events (a dashed arrow), so the producer does not wait for the consumer.",
            a(kind.noun())
        )),
        EdgeKind::Async if matches!(to.kind, NodeKind::Database | NodeKind::Cache) => Some(format!(
            "is drawn as an async event into {}, but a store is read and written, not sent events: draw a data arrow from its owner (or put a bus and a consumer in between).",
            a(to.kind.noun())
        )),
        EdgeKind::Data if from.kind == NodeKind::Service && to.kind == NodeKind::Service => {
            Some(
                "is drawn as data access between two services. A service never reaches into another's data: call its API (sync) or react to its events (async)."
                    .to_owned(),
            )
        }
        EdgeKind::Compensation if !saga => Some(
            "is drawn as a compensation, but this is not a saga: compensations undo a completed saga step after a later one fails."
                .to_owned(),
        ),
        _ => None,
    }
}

/// Whether a drawn kind agrees with one of the reference's kinds between
/// the same pair: equal, or sync and data for an arrow into a store (a
/// "call" to a database is read as data access).
fn agrees(drawn: EdgeKind, reference: &[EdgeKind], store_end: bool) -> bool {
    reference.iter().any(|&r| {
        r == drawn
            || (store_end
                && matches!(
                    (r, drawn),
                    (EdgeKind::Sync, EdgeKind::Data) | (EdgeKind::Data, EdgeKind::Sync)
                ))
    })
}

/// `wrong-edge-kind` (warning): a drawn edge whose kind contradicts its
/// ends, or the reference edge between the nodes its ends stand for. One
/// finding per drawn edge, naming it.
pub fn wrong_edge_kinds(
    drawing: &Index<'_>,
    reference: &Index<'_>,
    corr: &Correspondence,
    saga: bool,
) -> Vec<Finding> {
    let pairs = reference_pairs(reference);
    let reverse = corr.reverse();
    let mut out = Vec::new();
    for (i, from, to) in drawing.edges() {
        let edge = &drawing.diagram.edges[i];
        if from.id == to.id {
            continue;
        }
        let reason = contradicts_ends(from, to, edge.kind, saga).or_else(|| {
            let (da, db) = (
                drawing.position(drawing.graph.node_index(from.id.as_str())?),
                drawing.position(drawing.graph.node_index(to.id.as_str())?),
            );
            let (ra, rb) = (*reverse.get(&da)?, *reverse.get(&db)?);
            let kinds = pairs.get(&(ra.min(rb), ra.max(rb)))?;
            let store_end = is_store(from.kind) || is_store(to.kind);
            (!agrees(edge.kind, kinds, store_end)).then(|| {
                format!(
                    "is drawn as {} where the reference has {} between {} and {}.",
                    a(edge.kind.noun()),
                    a(&kinds_shown(kinds)),
                    reference.diagram.nodes[ra].label,
                    reference.diagram.nodes[rb].label,
                )
            })
        });
        if let Some(reason) = reason {
            out.push(
                Finding::new(
                    "wrong-edge-kind",
                    Severity::Warning,
                    format!("The arrow {} → {} {reason}", name(from), name(to)),
                    vec![from.id.to_string(), to.id.to_string()],
                )
                .with_edges(vec![edge.id.to_string()]),
            );
        }
    }
    out
}

/// `missing-boundary` (warning): the reference draws a service and stores
/// it owns inside one boundary; the drawing has the service and at least
/// one of those stores (standing for them as the assignment says), and no
/// boundary holding both.
pub fn missing_boundaries(
    drawing: &Index<'_>,
    reference: &Index<'_>,
    corr: &Correspondence,
) -> Vec<Finding> {
    let d = drawing.diagram;
    // Each drawn node → every boundary holding it, nested ones included.
    let mut holders: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for b in &d.boundaries {
        for member in d.boundary_members(b.id.as_str()) {
            holders
                .entry(member.as_str())
                .or_default()
                .insert(b.id.as_str());
        }
    }
    let together = |a: &str, b: &str| {
        holders
            .get(a)
            .zip(holders.get(b))
            .is_some_and(|(x, y)| !x.is_disjoint(y))
    };
    let r = reference.diagram;
    let mut out = Vec::new();
    for boundary in &r.boundaries {
        let members: Vec<usize> = r
            .boundary_members(boundary.id.as_str())
            .into_iter()
            .filter_map(|id| {
                reference
                    .graph
                    .node_index(id.as_str())
                    .map(|n| reference.position(n))
            })
            .collect();
        for &service in members
            .iter()
            .filter(|&&m| r.nodes[m].kind == NodeKind::Service)
        {
            let Some(ds) = corr.stands_for[service] else {
                continue;
            };
            let service_node = &d.nodes[ds];
            let stores: Vec<&Node> = members
                .iter()
                .filter(|&&m| is_store(r.nodes[m].kind))
                .filter_map(|&m| corr.stands_for[m].map(|i| &d.nodes[i]))
                .collect();
            if stores.is_empty()
                || stores
                    .iter()
                    .any(|s| together(service_node.id.as_str(), s.id.as_str()))
            {
                continue;
            }
            let mut nodes = vec![service_node.id.to_string()];
            nodes.extend(stores.iter().map(|s| s.id.to_string()));
            let store_names: Vec<String> = stores.iter().map(|s| name(s)).collect();
            out.push(Finding::new(
                "missing-boundary",
                Severity::Warning,
                format!(
                    "Draw a boundary around {} and {} (the reference's \u{201c}{}\u{201d}). A boundary says who owns the data: nothing outside it writes those stores.",
                    name(service_node),
                    store_names.join(" and "),
                    boundary.label
                ),
                nodes,
            ));
        }
    }
    out
}
