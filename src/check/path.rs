//! The request-path rule, `broken-path`: the arrows that would complete
//! each path a reference expects (client → edge → gateway → service →
//! database), found by a 0-1 search over the drawing's arrows.

use std::collections::{BTreeSet, VecDeque};

use super::report::{Finding, Severity};
use super::rules::{Index, finding, name};
use crate::model::{Diagram, NodeKind};

/// The gaps of one request path: the arrows that would complete it.
struct PathGaps {
    /// The cheapest completion's added arrows, in path order: (from, to,
    /// the step of `from`), positions in `diagram.nodes`.
    hops: Vec<(usize, usize, usize)>,
}

/// Successors along the drawing's arrows, by position in `diagram.nodes`
/// (a duplicated id keeps its first node).
fn successors(ix: &Index<'_>) -> Vec<Vec<usize>> {
    let d = ix.diagram;
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); d.nodes.len()];
    for (i, node) in d.nodes.iter().enumerate() {
        if ix.graph_index(i).is_none() {
            continue;
        }
        for (_, to) in ix.outgoing(node.id.as_str()) {
            if let Some(j) = ix.graph.node_index(to.id.as_str()).map(|g| ix.position(g)) {
                next[i].push(j);
            }
        }
    }
    next
}

/// The fewest arrows that complete `path` (kinds in order) in the drawing
/// (`arrows`: its [`successors`]), with `extra` arrows counted as drawn
/// (both ways): a 0-1 breadth-first
/// search over (box, step) states. Along a drawn arrow a state moves to
/// the path's next kind for free, and stays on its step through a box of
/// the same kind (a service calling a service) or a pass-through box (a
/// load balancer); an added arrow from any state to any box of the next
/// kind costs 1. `None` when the path cannot start (no box of its first
/// kind).
fn path_gaps(
    ix: &Index<'_>,
    arrows: &[Vec<usize>],
    path: &[NodeKind],
    extra: &[(usize, usize)],
    pass_through: &dyn Fn(NodeKind) -> bool,
) -> Option<PathGaps> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Via {
        Start,
        /// Along a drawn (or extra) arrow from this state.
        Arrow(usize),
        /// From the hub of the previous step.
        Hub,
        /// Into a step's hub from this state.
        ToHub(usize),
    }
    let d = ix.diagram;
    let n = d.nodes.len();
    let steps = path.len();
    // States: box × step, then one hub per step (index n × steps + step).
    let state = |node: usize, step: usize| step * n + node;
    let hub = |step: usize| n * steps + step;
    let total = n * steps + steps;
    let mut dist = vec![u32::MAX; total];
    let mut via = vec![Via::Start; total];
    let mut queue: VecDeque<usize> = VecDeque::new();
    // The extra arrows, both ways.
    let added = |node: usize| {
        extra.iter().filter_map(move |&(a, b)| {
            if a == node {
                Some(b)
            } else if b == node {
                Some(a)
            } else {
                None
            }
        })
    };
    for (i, node) in d.nodes.iter().enumerate() {
        if node.kind == path[0] && ix.graph_index(i).is_some() {
            dist[state(i, 0)] = 0;
            queue.push_back(state(i, 0));
        }
    }
    if queue.is_empty() {
        return None;
    }
    let last = steps - 1;
    let mut goal = None;
    while let Some(s) = queue.pop_front() {
        let cost = dist[s];
        if s >= n * steps {
            // A hub: every box of the next kind, for free.
            let step = s - n * steps + 1;
            for (j, node) in d.nodes.iter().enumerate().rev() {
                let t = state(j, step);
                if node.kind == path[step] && ix.graph_index(j).is_some() && cost < dist[t] {
                    dist[t] = cost;
                    via[t] = Via::Hub;
                    queue.push_front(t);
                }
            }
            continue;
        }
        let (step, node) = (s / n, s % n);
        if step == last && d.nodes[node].kind == path[last] {
            goal = Some(s);
            break;
        }
        for j in arrows[node].iter().rev().copied().chain(added(node)) {
            let kind = d.nodes[j].kind;
            let t = if step < last && kind == path[step + 1] {
                state(j, step + 1)
            } else if kind == path[step] || pass_through(kind) {
                state(j, step)
            } else {
                continue;
            };
            if cost < dist[t] {
                dist[t] = cost;
                via[t] = Via::Arrow(s);
                queue.push_front(t);
            }
        }
        if step < last && cost + 1 < dist[hub(step)] {
            dist[hub(step)] = cost + 1;
            via[hub(step)] = Via::ToHub(s);
            queue.push_back(hub(step));
        }
    }
    let mut hops = Vec::new();
    let mut at = goal?;
    loop {
        match via[at] {
            Via::Start => break,
            Via::Arrow(from) | Via::ToHub(from) => at = from,
            Via::Hub => {
                let step = at / n - 1;
                let Via::ToHub(from) = via[hub(step)] else {
                    break;
                };
                hops.push((from % n, at % n, step));
                at = from;
            }
        }
    }
    hops.reverse();
    Some(PathGaps { hops })
}

/// Any box of a step may start its gap's arrow and any of the next kind
/// end it: names the arrow where the drawn chain stops — the furthest box
/// the drawing reaches on that step, and the first box of the drawn chain
/// that goes on. `arrows` are the drawing's [`successors`], `extra` the
/// arrows the completion counted as drawn.
fn slide_gaps(
    d: &Diagram,
    arrows: &[Vec<usize>],
    extra: &[(usize, usize)],
    path: &[NodeKind],
    gaps: &PathGaps,
    pass_through: &dyn Fn(NodeKind) -> bool,
) -> Vec<(usize, usize)> {
    let mut next: Vec<Vec<usize>> = arrows.to_vec();
    let mut prev: Vec<Vec<usize>> = vec![Vec::new(); next.len()];
    for &(a, b) in extra {
        next[a].push(b);
        next[b].push(a);
    }
    for (i, targets) in next.iter().enumerate() {
        for &j in targets {
            prev[j].push(i);
        }
    }
    gaps.hops
        .iter()
        .map(|&(from, to, step)| {
            let on_step = |k: NodeKind| k == path[step] || pass_through(k);
            let from = furthest(&next, from, &|j| on_step(d.nodes[j].kind));
            let to = furthest(&prev, to, &|j| d.nodes[j].kind == path[step + 1]);
            (from, to)
        })
        .collect()
}

/// The box furthest from `start` along `links` through boxes that `keep`
/// (breadth-first: the deepest level, document order among equals).
fn furthest(links: &[Vec<usize>], start: usize, keep: &dyn Fn(usize) -> bool) -> usize {
    let mut seen = BTreeSet::from([start]);
    let mut level = vec![start];
    loop {
        let mut next_level: Vec<usize> = Vec::new();
        for &v in &level {
            for &w in &links[v] {
                if keep(w) && seen.insert(w) {
                    next_level.push(w);
                }
            }
        }
        if next_level.is_empty() {
            return level.into_iter().min().unwrap_or(start);
        }
        level = next_level;
    }
}

/// `broken-path` (warning): the drawing has every kind of a path the
/// reference expects (client → edge → gateway → service → database), but
/// cannot be followed along it. One finding per arrow of the cheapest
/// completion, naming its two ends and what to draw. When that arrow is
/// already a costing `missing-connection` (`gaps` lists their pairs), the
/// first such one is a note instead (the missing connection carries its
/// points), so a path one arrow short costs only that arrow; each further
/// gap costs the path's price.
pub fn broken_paths(
    d: &Diagram,
    ix: &Index<'_>,
    paths: &[Vec<NodeKind>],
    gaps: &[(usize, usize)],
) -> Vec<Finding> {
    let pass_through = |k: NodeKind| matches!(k, NodeKind::LoadBalancer | NodeKind::Other);
    let mut findings = Vec::new();
    let mut named: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut arrows: Option<Vec<Vec<usize>>> = None;
    let has = |k: NodeKind| d.nodes.iter().any(|n| n.kind == k);
    // A front tier the drawing lacks (its `missing-*` finding says so) is
    // left out of the path: the request goes to the next tier drawn.
    let front = |k: NodeKind| {
        matches!(
            k,
            NodeKind::Edge | NodeKind::LoadBalancer | NodeKind::Gateway | NodeKind::Other
        )
    };
    for path in paths {
        let path: Vec<NodeKind> = path
            .iter()
            .copied()
            .filter(|&k| has(k) || !front(k))
            .collect();
        let path = path.as_slice();
        if path.len() < 2 || path.iter().any(|&k| !has(k)) {
            continue;
        }
        let arrows = arrows.get_or_insert_with(|| successors(ix));
        let Some(found) = path_gaps(ix, arrows, path, &[], &pass_through) else {
            continue;
        };
        if found.hops.is_empty() {
            continue;
        }
        let shown: Vec<&str> = path.iter().map(|k| k.id()).collect();
        let shown = format!(
            "{} {}",
            if path[0] == NodeKind::Client {
                "request path"
            } else {
                "flow"
            },
            shown.join(" → ")
        );
        // The first missing connection that shortens the path by one arrow.
        let forgiven = gaps.iter().find_map(|&pair| {
            let rest = path_gaps(ix, arrows, path, &[pair], &pass_through)?;
            (rest.hops.len() + 1 == found.hops.len()).then_some((pair, rest))
        });
        let hops = match forgiven {
            Some(((a, b), rest)) => {
                let hops = slide_gaps(d, arrows, &[(a, b)], path, &rest, &pass_through);
                let (a, b) = (&d.nodes[a], &d.nodes[b]);
                findings.push(finding(
                    "broken-path",
                    Severity::Info,
                    format!(
                        "The {shown} breaks between {} and {}: draw that arrow (the missing connection above) and the request goes on.",
                        name(a),
                        name(b)
                    ),
                    vec![a.id.to_string(), b.id.to_string()],
                ));
                hops
            }
            None => slide_gaps(d, arrows, &[], path, &found, &pass_through),
        };
        for (from, to) in hops {
            if !named.insert((from, to)) {
                continue;
            }
            let (a, b) = (&d.nodes[from], &d.nodes[to]);
            findings.push(finding(
                "broken-path",
                Severity::Warning,
                format!(
                    "The {shown} is not drawn end to end: no arrow takes it from {} ({}) to {} ({}). Draw {} → {}: an interviewer follows the request from box to box.",
                    name(a),
                    a.kind.noun(),
                    name(b),
                    b.kind.noun(),
                    name(a),
                    name(b)
                ),
                vec![a.id.to_string(), b.id.to_string()],
            ));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Node, Point};

    /// Browser → LB → gateway → BFF → orders → DB: the request path passes
    /// the load balancer and a service calling a service.
    fn chain(skip: &str) -> Diagram {
        let kinds = [
            ("browser", NodeKind::Client),
            ("lb", NodeKind::LoadBalancer),
            ("gw", NodeKind::Gateway),
            ("bff", NodeKind::Service),
            ("orders", NodeKind::Service),
            ("db", NodeKind::Database),
        ];
        let mut d = Diagram::default();
        for (i, (id, kind)) in kinds.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "six boxes")]
            let x = 200.0 * i as f32;
            d.nodes.push(Node::new(id, id, *kind, Point::new(x, 0.0)));
        }
        for pair in kinds.windows(2) {
            let id = format!("{}-{}", pair[0].0, pair[1].0);
            if id != skip {
                d.edges
                    .push(Edge::new(&id, pair[0].0, pair[1].0, EdgeKind::Sync));
            }
        }
        d
    }

    const PATH: [NodeKind; 4] = [
        NodeKind::Client,
        NodeKind::Gateway,
        NodeKind::Service,
        NodeKind::Database,
    ];

    fn gaps(d: &Diagram, known: &[(usize, usize)]) -> Vec<(Severity, Vec<String>)> {
        broken_paths(d, &Index::new(d), &[PATH.to_vec()], known)
            .into_iter()
            .map(|f| (f.severity, f.nodes))
            .collect()
    }

    #[test]
    fn the_request_path_passes_load_balancers_and_service_calls() {
        assert_eq!(gaps(&chain(""), &[]), []);
    }

    #[test]
    fn each_gap_names_the_arrow_to_draw() {
        let d = chain("lb-gw");
        assert_eq!(
            gaps(&d, &[]),
            [(Severity::Warning, vec!["lb".to_owned(), "gw".to_owned()])]
        );
        // Two gaps: two arrows to draw.
        let mut d = chain("gw-bff");
        d.edges.retain(|e| e.id.as_str() != "orders-db");
        let found = gaps(&d, &[]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(s, _)| *s == Severity::Warning));
    }

    #[test]
    fn a_gap_a_missing_connection_prices_is_a_note_once() {
        let mut d = chain("gw-bff");
        d.edges.retain(|e| e.id.as_str() != "orders-db");
        // gw (2) ↔ bff (3) is a known missing connection: that gap is a
        // note, the other still costs.
        let found = gaps(&d, &[(2, 3)]);
        assert_eq!(
            found,
            [
                (Severity::Info, vec!["gw".to_owned(), "bff".to_owned()]),
                (
                    Severity::Warning,
                    vec!["orders".to_owned(), "db".to_owned()]
                ),
            ]
        );
    }
}
