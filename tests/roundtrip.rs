//! Save → load is the identity, and saving is deterministic, for random
//! diagrams (labels with quotes, unicode and newlines included).

use archdrill::model::{
    ArrowStyle, Boundary, BoundaryId, Diagram, Edge, EdgeId, EdgeKind, EdgeTraffic, Node,
    NodeCapacity, NodeId, NodeKind, Point, Size, Step, file,
};
use proptest::prelude::*;

fn label() -> impl Strategy<Value = String> {
    ("[a-zA-Z0-9ÄéЖ漢]", "[ -~\\n\\t\"\\\\ÄéЖ漢→✓]{0,20}").prop_map(|(a, b)| format!("{a}{b}"))
}

fn finite() -> impl Strategy<Value = f32> {
    prop_oneof![
        -1.0e6f32..1.0e6,
        Just(0.0),
        Just(-0.0),
        Just(1.0e-7),
        Just(123_456.79)
    ]
}

/// A figure: unset most of the time, else a number that must survive the
/// trip exactly.
fn figure() -> impl Strategy<Value = Option<f64>> {
    proptest::option::weighted(
        0.3,
        prop_oneof![1.0e-3f64..1.0e9, Just(250.0), Just(0.9), Just(1.0e-3)],
    )
}

/// Capacity figures, usually none (so most nodes are written as before).
fn capacity() -> impl Strategy<Value = NodeCapacity> {
    (
        (figure(), figure(), figure(), figure()),
        (
            proptest::option::weighted(0.2, 1u32..64),
            figure(),
            figure(),
            figure(),
        ),
    )
        .prop_map(
            |((entry_rps, rps, reads_per_s, writes_per_s), (instances, p50_ms, p99_ms, hit))| {
                NodeCapacity {
                    entry_rps,
                    rps,
                    reads_per_s,
                    writes_per_s,
                    instances,
                    p50_ms,
                    p99_ms,
                    hit_ratio: hit.map(f64::fract),
                }
            },
        )
}

fn traffic() -> impl Strategy<Value = EdgeTraffic> {
    (figure(), figure()).prop_map(|(share, writes)| EdgeTraffic {
        share: share.map(|s| s % 1000.0),
        writes: writes.map(f64::fract),
    })
}

fn diagram() -> impl Strategy<Value = Diagram> {
    (1usize..12)
        .prop_flat_map(|n| {
            let node = (
                label(),
                0usize..NodeKind::ALL.len(),
                finite(),
                finite(),
                proptest::option::of((1.0f32..500.0, 1.0f32..500.0)),
                "[ -~]{0,12}",
                capacity(),
            );
            let nodes = proptest::collection::vec(node, n);
            let edges = proptest::collection::vec(
                (0..n, 0..n, 0usize..4, "[ -~]{0,10}", traffic()),
                0..(2 * n),
            );
            let groups = proptest::collection::vec(
                proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 0..=n.min(3)),
                0..3,
            );
            let steps = proptest::collection::vec(
                (
                    label(),
                    "[ -~]{0,30}",
                    proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 0..=n.min(2)),
                    proptest::option::of(0u32..2000),
                ),
                0..4,
            );
            (nodes, edges, groups, steps, label())
        })
        .prop_map(|(nodes, edges, groups, steps, title)| {
            let nodes: Vec<Node> = nodes
                .into_iter()
                .enumerate()
                .map(|(i, (label, kind, x, y, size, notes, capacity))| Node {
                    id: NodeId(format!("n{i}")),
                    label,
                    kind: NodeKind::ALL[kind],
                    pos: Point::new(x, y),
                    size: size.map(|(w, h)| Size { w, h }),
                    notes,
                    capacity,
                })
                .collect();
            let edges: Vec<Edge> = edges
                .into_iter()
                .enumerate()
                .map(|(i, (a, b, k, label, traffic))| Edge {
                    id: EdgeId(format!("e{i}")),
                    from: nodes[a].id.clone(),
                    to: nodes[b].id.clone(),
                    kind: EdgeKind::ALL[k],
                    label,
                    traffic,
                    style: [
                        None,
                        Some(ArrowStyle::Straight),
                        Some(ArrowStyle::Orthogonal),
                    ][i % 3],
                })
                .collect();
            // Each node in at most one boundary: later groups skip taken nodes.
            let mut taken = std::collections::BTreeSet::new();
            let boundaries = groups
                .into_iter()
                .enumerate()
                .map(|(i, members)| Boundary {
                    id: BoundaryId(format!("b{i}")),
                    label: format!("Group {i}"),
                    parent: (i > 0).then(|| BoundaryId("b0".to_owned())),
                    nodes: members
                        .into_iter()
                        .filter(|m| taken.insert(*m))
                        .map(|m| nodes[m].id.clone())
                        .collect(),
                })
                .collect();
            let walkthrough = steps
                .into_iter()
                .map(|(title, text, highlighted, latency_ms)| Step {
                    title,
                    text,
                    nodes: highlighted
                        .into_iter()
                        .map(|m| nodes[m].id.clone())
                        .collect(),
                    edges: edges.first().map(|e| e.id.clone()).into_iter().collect(),
                    latency_ms,
                })
                .collect();
            Diagram {
                arrows: ArrowStyle::ALL[title.len() % 2],
                title,
                nodes,
                edges,
                boundaries,
                walkthrough,
                ..Diagram::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn save_then_load_is_identity(d in diagram()) {
        prop_assert_eq!(archdrill::model::validate::validate(&d), vec![]);
        let text = file::to_ron(&d).expect("serialises");
        let back = file::from_ron(&text, "random.ron").map_err(|e| e.to_string());
        prop_assert_eq!(back.as_ref(), Ok(&d), "{}", text);
        let again = file::to_ron(back.as_ref().expect("loaded")).expect("serialises");
        prop_assert_eq!(text, again);
    }

    #[test]
    fn saving_to_disk_round_trips(d in diagram()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.ron");
        file::save(&d, &path).expect("saves");
        let loaded = file::load(&path).map_err(|e| e.to_string());
        prop_assert_eq!(loaded, Ok(d));
    }

    #[test]
    fn loader_never_panics_on_garbage(text in "\\PC{0,200}") {
        let _ = file::from_ron(&text, "garbage.ron");
    }
}

/// Files written before capacity figures existed load, and save to the very
/// same bytes: the new fields are not written when empty.
#[test]
fn files_without_capacity_are_unchanged() {
    for reference in archdrill::content::references::REFERENCES {
        let text = reference.source;
        let d = file::from_ron(text, reference.id).expect("loads");
        let saved = file::to_ron(&d).expect("serialises");
        let mut stripped = d.clone();
        for n in &mut stripped.nodes {
            n.capacity = NodeCapacity::default();
        }
        for e in &mut stripped.edges {
            e.traffic = EdgeTraffic::default();
        }
        let plain = file::to_ron(&stripped).expect("serialises");
        assert!(!plain.contains("capacity:"), "{}", reference.id);
        assert!(!plain.contains("traffic:"), "{}", reference.id);
        let back = file::from_ron(&plain, reference.id).expect("loads");
        assert_eq!(file::to_ron(&back).expect("serialises"), plain);
        assert_eq!(file::from_ron(&saved, reference.id).expect("loads"), d);
    }
}

/// Files written before arrow styles existed load with straight arrows
/// and save to the very same bytes; a style, once chosen, is kept.
#[test]
fn files_without_arrow_styles_load_straight_and_keep_a_chosen_style() {
    let old = r#"(
    version: 1,
    nodes: [
        (id: "a", label: "A", kind: service, pos: (x: 0.0, y: 0.0)),
        (id: "b", label: "B", kind: database, pos: (x: 300.0, y: 0.0)),
    ],
    edges: [
        (id: "e", from: "a", to: "b", kind: data),
    ],
)"#;
    let d = file::from_ron(old, "old.ron").expect("loads");
    assert_eq!(d.arrows, ArrowStyle::Straight);
    assert_eq!(d.edges[0].style, None);
    let saved = file::to_ron(&d).expect("serialises");
    assert!(
        !saved.contains("arrows") && !saved.contains("style"),
        "{saved}"
    );
    let mut styled = d.clone();
    styled.arrows = ArrowStyle::Orthogonal;
    styled.edges[0].style = Some(ArrowStyle::Straight);
    let text = file::to_ron(&styled).expect("serialises");
    assert!(
        text.contains("arrows: orthogonal") && text.contains("style: Some(straight)"),
        "{text}"
    );
    let back = file::from_ron(&text, "new.ron").expect("loads");
    assert_eq!(back, styled);
    assert_eq!(back.arrow_style(&back.edges[0]), ArrowStyle::Straight);
}
