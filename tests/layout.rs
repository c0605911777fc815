//! The "Tidy" layout: on every reference, every hand-made drawing, the
//! Mermaid corpus and random graphs, no two boxes overlap, boundary
//! containers hold their members and nothing else, positions are finite and
//! deterministic; kinds read left to right in their tiers; on references,
//! edges stay out of boxes (with one documented exception) and crossings
//! stay near the hand-drawn originals.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

use std::path::{Path, PathBuf};

use archdrill::content::references::REFERENCES;
use archdrill::layout::{Direction, layered, metrics, tidy};
use archdrill::mermaid;
use archdrill::model::{
    Boundary, BoundaryId, Diagram, Edge, EdgeKind, Node, NodeId, NodeKind, Point, Size, file,
};
use archdrill::scene::boundary_rects;
use archdrill::scene::geometry::{R, node_rect};
use proptest::prelude::*;

/// The diagram with `tidy`'s positions applied.
fn tidied(d: &Diagram) -> Diagram {
    let mut out = d.clone();
    let positions = tidy(d);
    assert_eq!(positions.len(), d.nodes.len(), "one position per node");
    for (id, p) in positions {
        let node = out
            .nodes
            .iter_mut()
            .find(|n| n.id == id)
            .expect("tidy names the diagram's nodes");
        node.pos = p;
    }
    out
}

fn references() -> Vec<(String, Diagram)> {
    REFERENCES
        .iter()
        .map(|r| (r.id.to_owned(), r.load().expect("reference loads")))
        .collect()
}

fn files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    out.sort();
    assert!(out.len() >= 5, "{} is nearly empty", dir.display());
    out
}

fn drawings() -> Vec<(String, Diagram)> {
    files("tests/drawings", "ron")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable");
            let name = path.display().to_string();
            let d = file::from_ron(&text, &name).expect("drawing loads");
            (name, d)
        })
        .collect()
}

fn overlap(a: R, b: R) -> bool {
    a.min.x < b.max.x - 0.5
        && b.min.x < a.max.x - 0.5
        && a.min.y < b.max.y - 0.5
        && b.min.y < a.max.y - 0.5
}

fn contains(outer: R, inner: R) -> bool {
    outer.min.x <= inner.min.x
        && outer.min.y <= inner.min.y
        && outer.max.x >= inner.max.x
        && outer.max.y >= inner.max.y
}

/// Everything a laid-out diagram must satisfy; returns what is wrong.
fn problems(d: &Diagram) -> Vec<String> {
    let mut out = Vec::new();
    for node in &d.nodes {
        if !(node.pos.x.is_finite() && node.pos.y.is_finite()) {
            out.push(format!("{} is at {:?}", node.id, node.pos));
        }
    }
    let rects: Vec<R> = d.nodes.iter().map(node_rect).collect();
    for (i, a) in rects.iter().enumerate() {
        for (j, b) in rects.iter().enumerate().skip(i + 1) {
            if overlap(*a, *b) {
                out.push(format!("{} overlaps {}", d.nodes[i].id, d.nodes[j].id));
            }
        }
    }
    let containers: Vec<(usize, R)> = boundary_rects(d)
        .into_iter()
        .map(|c| (c.index, c.rect))
        .collect();
    for &(b, rect) in &containers {
        let boundary = &d.boundaries[b];
        let members = d.boundary_members(boundary.id.as_str());
        for (node, r) in d.nodes.iter().zip(&rects) {
            let member = members.contains(&&node.id);
            if member && !contains(rect, *r) {
                out.push(format!("{} sticks out of {}", node.id, boundary.id));
            }
            if !member && overlap(rect, *r) {
                out.push(format!("{} is inside {}'s container", node.id, boundary.id));
            }
        }
        for &(c, other) in &containers {
            let nested = |x: usize, y: usize| {
                d.boundary_members(d.boundaries[x].id.as_str())
                    .iter()
                    .all(|m| d.boundary_members(d.boundaries[y].id.as_str()).contains(m))
            };
            if b < c && !nested(b, c) && !nested(c, b) && overlap(rect, other) {
                out.push(format!(
                    "containers {} and {} overlap",
                    boundary.id, d.boundaries[c].id
                ));
            }
        }
    }
    out
}

#[test]
fn references_and_drawings_tidy_without_overlaps_and_with_clean_containers() {
    let all: Vec<(String, Diagram)> = references().into_iter().chain(drawings()).collect();
    assert!(all.len() >= 25);
    for (name, d) in &all {
        let t = tidied(d);
        assert_eq!(problems(&t), Vec::<String>::new(), "{name}");
        // Something was laid out: not everything on one spot.
        if d.nodes.len() > 1 {
            let xs: Vec<f32> = t.nodes.iter().map(|n| n.pos.x).collect();
            assert!(
                xs.iter().any(|x| (x - xs[0]).abs() > 100.0),
                "{name}: {xs:?}"
            );
        }
    }
}

#[test]
fn tidy_is_deterministic_and_a_second_tidy_changes_nothing() {
    for (name, d) in references().into_iter().chain(drawings()) {
        let first = tidy(&d);
        assert_eq!(first, tidy(&d.clone()), "{name}");
        let again = tidy(&tidied(&d));
        assert_eq!(first, again, "{name}: tidy is not a fixed point");
    }
}

#[test]
fn tidy_keeps_the_drawings_top_left_corner() {
    for (name, d) in references() {
        let corner = |d: &Diagram| {
            d.nodes
                .iter()
                .map(node_rect)
                .map(|r| (r.min.x, r.min.y))
                .fold((f32::MAX, f32::MAX), |a, b| (a.0.min(b.0), a.1.min(b.1)))
        };
        let (before, after) = (corner(&d), corner(&tidied(&d)));
        assert!(
            (before.0 - after.0).abs() <= 1.0 && (before.1 - after.1).abs() <= 1.0,
            "{name}: {before:?} → {after:?}"
        );
    }
}

fn reference(id: &str) -> Diagram {
    references()
        .into_iter()
        .find(|(name, _)| name == id)
        .map(|(_, d)| d)
        .expect("reference")
}

/// The leftmost and rightmost centre of the nodes of a kind.
fn xs(d: &Diagram, kinds: &[NodeKind]) -> (f32, f32) {
    let xs: Vec<f32> = d
        .nodes
        .iter()
        .filter(|n| kinds.contains(&n.kind))
        .map(|n| n.pos.x)
        .collect();
    assert!(!xs.is_empty(), "no {kinds:?}");
    (
        xs.iter().copied().fold(f32::MAX, f32::min),
        xs.iter().copied().fold(f32::MIN, f32::max),
    )
}

#[test]
fn five_tier_reads_client_edge_gateway_services_data_workers() {
    let t = tidied(&reference("five-tier"));
    let tiers: [&[NodeKind]; 6] = [
        &[NodeKind::Client],
        &[NodeKind::Edge],
        &[NodeKind::Gateway],
        &[NodeKind::Service],
        &[NodeKind::Database, NodeKind::Cache, NodeKind::Bus],
        &[NodeKind::Worker],
    ];
    for pair in tiers.windows(2) {
        let (earlier, later) = (xs(&t, pair[0]), xs(&t, pair[1]));
        assert!(
            earlier.1 + 100.0 < later.0,
            "{:?} reach x = {}, {:?} start at x = {}",
            pair[0],
            earlier.1,
            pair[1],
            later.0
        );
    }
    // All services share one column, and so do all databases.
    let (lo, hi) = xs(&t, &[NodeKind::Service]);
    assert!((hi - lo).abs() < 1.0);
    let (lo, hi) = xs(&t, &[NodeKind::Database]);
    assert!((hi - lo).abs() < 1.0);
}

#[test]
fn a_saga_reads_along_its_events_over_a_bus_drawn_as_a_rail() {
    let t = tidied(&reference("saga"));
    let x = |id: &str| t.node(id).expect("node").pos.x;
    assert!(x("order") < x("inventory"));
    assert!(x("inventory") < x("payment"));
    assert!(x("payment") < x("shipping"));
    // The bus runs under every service, and each service's edges to it
    // drop straight down onto it.
    let bus = node_rect(t.node("bus").expect("bus"));
    for id in ["order", "inventory", "payment", "shipping"] {
        let r = node_rect(t.node(id).expect("service"));
        assert!(r.max.y < bus.min.y, "{id} is not above the bus");
        assert!(
            bus.min.x < r.min.x && r.max.x < bus.max.x,
            "{id} is not over the bus"
        );
    }
}

/// The edges drawn through boxes after tidy on every reference. The one
/// kind allowed: two neighbours of a rail (a bus drawn as a long bar) in
/// the same column — with straight edges and no waypoints, the upper one's
/// edge drops through the lower one.
#[test]
fn on_references_edges_only_cross_boxes_where_two_rail_neighbours_share_a_column() {
    let mut total = 0;
    for (name, d) in references() {
        let t = tidied(&d);
        let rail = |id: &NodeId| {
            t.node(id.as_str()).is_some_and(|n| {
                let s = n.size();
                s.w > 2.5 * s.h && s.w >= 460.0
            })
        };
        for (edge_id, node_id) in metrics::edges_through_boxes(&t) {
            total += 1;
            let edge = t.edge(edge_id.as_str()).expect("edge");
            let (rail_end, other) = if rail(&edge.from) {
                (&edge.from, &edge.to)
            } else {
                (&edge.to, &edge.from)
            };
            assert!(rail(rail_end), "{name}: {edge_id} runs through {node_id}");
            let hit = t.node(node_id.as_str()).expect("node");
            let end = t.node(other.as_str()).expect("node");
            let touches_rail = t.edges.iter().any(|e| {
                (e.from == node_id && &e.to == rail_end) || (e.to == node_id && &e.from == rail_end)
            });
            assert!(
                touches_rail && (hit.pos.x - end.pos.x).abs() < 1.0,
                "{name}: {edge_id} runs through {node_id}"
            );
        }
    }
    assert!(total <= 2, "{total} edges through boxes");
}

#[test]
fn on_references_crossings_stay_near_the_hand_drawn_originals() {
    let (mut before, mut after) = (0, 0);
    for (name, d) in references() {
        let (b, a) = (metrics::crossings(&d), metrics::crossings(&tidied(&d)));
        assert!(a <= b + 2, "{name}: {b} crossings hand-drawn, {a} tidied");
        before += b;
        after += a;
    }
    assert!(
        after <= before + 3,
        "{before} crossings hand-drawn, {after} tidied"
    );
}

#[test]
fn mermaid_imports_are_laid_out_without_overlaps() {
    for path in files("tests/mermaid/valid", "mmd") {
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = path.display().to_string();
        let d = mermaid::import(&text, &name).expect("imports");
        assert_eq!(problems(&d), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn an_import_of_untyped_boxes_is_ranked_by_its_edges() {
    for (label, kind) in [("", NodeKind::Other), (" service", NodeKind::Service)] {
        let text = format!(
            "flowchart LR\n  a[Alpha{label}] --> b[Beta{label}] --> c[Gamma{label}]\n  a --> d[Delta{label}]\n  c --> a\n"
        );
        let d = mermaid::import(&text, "untyped.mmd").expect("imports");
        assert!(
            d.nodes.iter().all(|n| n.kind == kind),
            "{:?}",
            d.kind_counts()
        );
        let x = |id: &str| d.node(id).expect("node").pos.x;
        assert!(x("a") < x("b") && x("b") < x("c"), "{label}");
        assert!((x("d") - x("b")).abs() < 1.0, "{label}");
    }
}

#[test]
fn layered_honours_every_direction() {
    let mut d = tidied(&reference("five-tier"));
    layered(&mut d, Direction::TopBottom);
    assert_eq!(problems(&d), Vec::<String>::new());
    let y = |d: &Diagram, id: &str| d.node(id).expect("node").pos.y;
    assert!(y(&d, "mobile") < y(&d, "cdn") && y(&d, "cdn") < y(&d, "gateway"));
    layered(&mut d, Direction::RightLeft);
    assert_eq!(problems(&d), Vec::<String>::new());
    let x = |d: &Diagram, id: &str| d.node(id).expect("node").pos.x;
    assert!(x(&d, "mobile") > x(&d, "cdn"));
}

const EVENTS: [&str; 4] = [
    "OrderCreated",
    "PaymentCaptured",
    "",
    "OrderShipped: notify",
];

fn arb_graph() -> impl Strategy<Value = Diagram> {
    let node = (
        prop::sample::select(&NodeKind::ALL[..]),
        prop::option::weighted(0.2, (20.0f32..1200.0, 20.0f32..400.0)),
        (-2000.0f32..2000.0, -2000.0f32..2000.0),
    );
    (1usize..24).prop_flat_map(move |n| {
        let edge = (
            0..n,
            0..n,
            prop::sample::select(&EdgeKind::ALL[..]),
            prop::sample::select(&EVENTS[..]),
        );
        let boundary = (
            prop::collection::vec(0..n, 1..5),
            prop::option::of(0usize..4),
        );
        (
            prop::collection::vec(node.clone(), n),
            prop::collection::vec(edge, 0..(3 * n)),
            prop::collection::vec(boundary, 0..4),
        )
            .prop_map(|(nodes, edges, boundaries)| {
                let mut d = Diagram::default();
                for (i, (kind, size, (x, y))) in nodes.into_iter().enumerate() {
                    let mut node = Node::new(&format!("n{i}"), "box", kind, Point::new(x, y));
                    node.size = size.map(|(w, h)| Size { w, h });
                    d.nodes.push(node);
                }
                for (i, (a, b, kind, label)) in edges.into_iter().enumerate() {
                    let mut e =
                        Edge::new(&format!("e{i}"), &format!("n{a}"), &format!("n{b}"), kind);
                    label.clone_into(&mut e.label);
                    d.edges.push(e);
                }
                // Boundaries: a node joins the first that lists it; the
                // parent is an earlier boundary.
                let mut taken = vec![false; d.nodes.len()];
                for (k, (members, parent)) in boundaries.into_iter().enumerate() {
                    let nodes: Vec<NodeId> = members
                        .into_iter()
                        .filter(|&m| !std::mem::replace(&mut taken[m], true))
                        .map(|m| NodeId::from(format!("n{m}").as_str()))
                        .collect();
                    d.boundaries.push(Boundary {
                        id: BoundaryId::from(format!("b{k}").as_str()),
                        label: format!("B{k}"),
                        parent: parent
                            .filter(|&p| p < k)
                            .map(|p| BoundaryId::from(format!("b{p}").as_str())),
                        nodes,
                    });
                }
                d
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_graphs_tidy_cleanly_and_deterministically(d in arb_graph()) {
        let t = tidied(&d);
        let wrong = problems(&t);
        prop_assert!(wrong.is_empty(), "{:?}", wrong);
        prop_assert_eq!(tidy(&d), tidy(&d));
        for direction in [Direction::TopBottom, Direction::BottomTop, Direction::RightLeft] {
            let mut l = d.clone();
            layered(&mut l, direction);
            let wrong = problems(&l);
            prop_assert!(wrong.is_empty(), "{:?}: {:?}", direction, wrong);
        }
    }
}

#[path = "layout/saga.rs"]
mod saga;

#[path = "layout/big.rs"]
mod big;

#[path = "../benches/shapes/mod.rs"]
mod shapes;
