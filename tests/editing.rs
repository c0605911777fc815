//! Editing through commands: random command sequences keep the document
//! valid, undo-all gives back the start, redo-all the end.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

use archdrill::content::references;
use archdrill::edit::{Command, Editor};
use archdrill::model::validate::validate;
use archdrill::model::{
    ArrowStyle, BoundaryId, Diagram, EdgeId, EdgeKind, NodeId, NodeKind, Point,
};
use proptest::prelude::*;

/// A command described by numbers, resolved against the current document
/// (so most commands name things that exist, some do not).
#[derive(Clone, Debug)]
enum Pick {
    Add(usize, String, f32, f32),
    Move(Vec<usize>, f32, f32),
    Rename(usize, String),
    SetKind(usize, usize),
    Connect(usize, usize, usize),
    SetEdgeKind(usize, usize),
    SetEdgeLabel(usize, String),
    Delete(Vec<usize>, Vec<usize>),
    Group(Vec<usize>, String),
    Ungroup(usize),
    RenameBoundary(usize, String),
    Place(Vec<(usize, f32, f32)>),
    /// Copy these nodes (and what lies among them) and paste them shifted.
    Paste(Vec<usize>, f32, f32),
    SetArrows(usize),
    SetEdgeStyle(usize, usize),
    Tidy(Vec<(usize, f32, f32)>),
}

fn pick() -> impl Strategy<Value = Pick> {
    let n = 0usize..40;
    prop_oneof![
        (
            0..NodeKind::ALL.len(),
            "[A-Za-z ]{0,12}",
            -500.0f32..500.0,
            -500.0f32..500.0
        )
            .prop_map(|(k, l, x, y)| Pick::Add(k, l, x, y)),
        (
            proptest::collection::vec(n.clone(), 0..4),
            -50.0f32..50.0,
            -50.0f32..50.0
        )
            .prop_map(|(i, x, y)| Pick::Move(i, x, y)),
        (n.clone(), "[A-Za-z ]{0,12}").prop_map(|(i, l)| Pick::Rename(i, l)),
        (n.clone(), 0..NodeKind::ALL.len()).prop_map(|(i, k)| Pick::SetKind(i, k)),
        (n.clone(), n.clone(), 0..4usize).prop_map(|(a, b, k)| Pick::Connect(a, b, k)),
        (n.clone(), 0..4usize).prop_map(|(i, k)| Pick::SetEdgeKind(i, k)),
        (n.clone(), "[A-Za-z]{0,10}").prop_map(|(i, l)| Pick::SetEdgeLabel(i, l)),
        (
            proptest::collection::vec(n.clone(), 0..3),
            proptest::collection::vec(n.clone(), 0..3)
        )
            .prop_map(|(a, b)| Pick::Delete(a, b)),
        (proptest::collection::vec(n.clone(), 0..4), "[A-Za-z]{0,8}")
            .prop_map(|(i, l)| Pick::Group(i, l)),
        n.clone().prop_map(Pick::Ungroup),
        (0usize..4, "[A-Za-z ]{0,8}").prop_map(|(i, l)| Pick::RenameBoundary(i, l)),
        proptest::collection::vec((n.clone(), -500.0f32..500.0, -500.0f32..500.0), 0..5)
            .prop_map(Pick::Place),
        (
            proptest::collection::vec(n.clone(), 0..6),
            -80.0f32..80.0,
            -80.0f32..80.0
        )
            .prop_map(|(i, x, y)| Pick::Paste(i, x, y)),
        (0usize..2).prop_map(Pick::SetArrows),
        (n.clone(), 0usize..3).prop_map(|(i, s)| Pick::SetEdgeStyle(i, s)),
        proptest::collection::vec((n, -500.0f32..500.0, -500.0f32..500.0), 0..5)
            .prop_map(Pick::Tidy),
    ]
}

fn node(d: &Diagram, i: usize) -> NodeId {
    d.nodes
        .get(i)
        .map_or_else(|| NodeId(format!("missing-{i}")), |n| n.id.clone())
}

fn edge(d: &Diagram, i: usize) -> EdgeId {
    d.edges
        .get(i)
        .map_or_else(|| EdgeId(format!("missing-{i}")), |e| e.id.clone())
}

fn resolve(d: &Diagram, p: Pick) -> Command {
    match p {
        Pick::Add(k, label, x, y) => Command::AddNode {
            kind: NodeKind::ALL[k],
            label,
            pos: Point::new(x, y),
        },
        Pick::Move(ids, dx, dy) => Command::Move {
            ids: ids.into_iter().map(|i| node(d, i)).collect(),
            dx,
            dy,
        },
        Pick::Rename(i, label) => Command::Rename {
            id: node(d, i),
            label,
        },
        Pick::SetKind(i, k) => Command::SetKind {
            id: node(d, i),
            kind: NodeKind::ALL[k],
        },
        Pick::Connect(a, b, k) => Command::Connect {
            from: node(d, a),
            to: node(d, b),
            kind: EdgeKind::ALL[k],
        },
        Pick::SetEdgeKind(i, k) => Command::SetEdgeKind {
            id: edge(d, i),
            kind: EdgeKind::ALL[k],
        },
        Pick::SetEdgeLabel(i, label) => Command::SetEdgeLabel {
            id: edge(d, i),
            label,
        },
        Pick::Delete(nodes, edges) => Command::Delete {
            nodes: nodes.into_iter().map(|i| node(d, i)).collect(),
            edges: edges.into_iter().map(|i| edge(d, i)).collect(),
        },
        Pick::Group(ids, label) => Command::Group {
            ids: ids.into_iter().map(|i| node(d, i)).collect(),
            label,
        },
        Pick::Ungroup(i) => Command::Ungroup {
            id: d
                .boundaries
                .get(i)
                .map_or_else(|| BoundaryId(format!("missing-{i}")), |b| b.id.clone()),
        },
        Pick::RenameBoundary(i, label) => Command::RenameBoundary {
            id: d
                .boundaries
                .get(i)
                .map_or_else(|| BoundaryId(format!("missing-{i}")), |b| b.id.clone()),
            label,
        },
        Pick::Place(moves) => Command::Place {
            positions: moves
                .into_iter()
                .map(|(i, x, y)| (node(d, i), Point::new(x, y)))
                .collect(),
        },
        Pick::SetArrows(i) => Command::SetArrows {
            style: ArrowStyle::ALL[i],
        },
        Pick::SetEdgeStyle(i, s) => Command::SetEdgeStyle {
            id: edge(d, i),
            style: [
                None,
                Some(ArrowStyle::Straight),
                Some(ArrowStyle::Orthogonal),
            ][s],
        },
        Pick::Tidy(moves) => Command::Tidy {
            positions: moves
                .into_iter()
                .map(|(i, x, y)| (node(d, i), Point::new(x, y)))
                .collect(),
        },
        Pick::Paste(ids, dx, dy) => {
            let ids: Vec<&str> = ids
                .iter()
                .filter_map(|&i| d.nodes.get(i))
                .map(|n| n.id.as_str())
                .collect();
            Command::Paste {
                fragment: Box::new(archdrill::edit::fragment(d, &ids)),
                dx,
                dy,
            }
        }
    }
}

fn start(which: usize) -> Diagram {
    match which {
        0 => Diagram::default(),
        _ => references::REFERENCES[which % references::REFERENCES.len()]
            .load()
            .expect("reference loads"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_commands_then_undo_all_give_back_the_start(which in 0usize..4, picks in proptest::collection::vec(pick(), 1..40)) {
        let initial = start(which);
        let mut editor = Editor::new(initial.clone());
        let mut applied = 0;
        for p in picks {
            let command = resolve(editor.doc(), p);
            let before = editor.doc().clone();
            let result = editor.apply(&command);
            if result.is_err() {
                prop_assert_eq!(editor.doc(), &before, "a failed command changes nothing");
            } else if editor.doc() != &before {
                applied += 1;
            }
            prop_assert_eq!(validate(editor.doc()), vec![], "after {:?}", command);
        }
        let end = editor.doc().clone();
        let mut undone = 0;
        while editor.undo() {
            undone += 1;
        }
        prop_assert_eq!(undone, applied);
        prop_assert_eq!(editor.doc(), &initial);
        prop_assert!(!editor.is_dirty());
        while editor.redo() {}
        prop_assert_eq!(editor.doc(), &end);
    }
}

#[test]
fn paste_gives_fresh_ids_keeps_inner_edges_and_boundaries() {
    let d = start(1); // five-tier
    let service_ids: Vec<&str> = d
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Service || n.kind == NodeKind::Database)
        .map(|n| n.id.as_str())
        .collect();
    let fragment = archdrill::edit::fragment(&d, &service_ids);
    assert_eq!(fragment.nodes.len(), service_ids.len());
    // Only edges with both ends copied come along.
    let inner = d
        .edges
        .iter()
        .filter(|e| service_ids.contains(&e.from.as_str()) && service_ids.contains(&e.to.as_str()))
        .count();
    assert!(inner > 0, "five-tier has service → database edges");
    assert_eq!(fragment.edges.len(), inner);
    let mut editor = Editor::new(d.clone());
    editor
        .apply(&Command::Paste {
            fragment: Box::new(fragment),
            dx: 40.0,
            dy: 40.0,
        })
        .expect("paste applies");
    let after = editor.doc();
    assert_eq!(after.nodes.len(), d.nodes.len() + service_ids.len());
    assert_eq!(after.edges.len(), d.edges.len() + inner);
    assert_eq!(validate(after), vec![]);
    let first_copy = &after.nodes[d.nodes.len()];
    let original = d.node(service_ids[0]).expect("original");
    assert_eq!(first_copy.label, original.label);
    assert!((first_copy.pos.x - original.pos.x - 40.0).abs() < 1e-3);
    assert!(d.node(first_copy.id.as_str()).is_none(), "fresh id");
    assert!(editor.undo());
    assert_eq!(editor.doc(), &d);
}

#[test]
fn place_sets_absolute_positions_in_one_step() {
    let d = start(1);
    let a = d.nodes[0].id.clone();
    let b = d.nodes[1].id.clone();
    let mut editor = Editor::new(d.clone());
    editor
        .apply(&Command::Place {
            positions: vec![
                (a.clone(), Point::new(1.0, 2.0)),
                (b.clone(), Point::new(3.0, 4.0)),
            ],
        })
        .expect("place applies");
    assert_eq!(
        editor.doc().node(a.as_str()).map(|n| n.pos),
        Some(Point::new(1.0, 2.0))
    );
    assert_eq!(
        editor.doc().node(b.as_str()).map(|n| n.pos),
        Some(Point::new(3.0, 4.0))
    );
    assert!(editor.undo());
    assert_eq!(editor.doc(), &d);
    assert!(!editor.can_undo());
    assert!(
        editor
            .apply(&Command::Place {
                positions: vec![(a, Point::new(f32::NAN, 0.0))]
            })
            .is_err()
    );
}

#[test]
fn deleting_every_member_removes_the_boundary_and_undo_restores_it() {
    let d = start(2); // saga: has service boundaries
    let boundary = d.boundaries.first().expect("saga has boundaries").clone();
    let members: Vec<NodeId> = d
        .boundary_members(boundary.id.as_str())
        .into_iter()
        .cloned()
        .collect();
    let mut editor = Editor::new(d.clone());
    editor
        .apply(&Command::Delete {
            nodes: members,
            edges: vec![],
        })
        .expect("delete applies");
    assert!(editor.doc().boundary(boundary.id.as_str()).is_none());
    assert_eq!(validate(editor.doc()), vec![]);
    assert!(editor.undo());
    assert_eq!(editor.doc(), &d);
}

/// Tidy draws the drawing's arrows as elbows in the same undo step as the
/// new positions; an arrow's own style wins over the drawing's.
#[test]
fn tidy_turns_arrows_into_elbows_in_one_step_and_an_arrow_keeps_its_own_style() {
    let d = references::find("five-tier")
        .expect("reference")
        .load()
        .expect("loads");
    let straight = Diagram {
        arrows: ArrowStyle::Straight,
        ..d
    };
    let mut editor = Editor::new(straight.clone());
    let positions = archdrill::layout::tidy(&straight);
    editor.apply(&Command::Tidy { positions }).expect("tidies");
    assert_eq!(editor.doc().arrows, ArrowStyle::Orthogonal);
    assert!(editor.undo());
    assert_eq!(editor.doc(), &straight, "one undo step");
    let first = straight.edges[0].id.clone();
    editor
        .apply(&Command::SetEdgeStyle {
            id: first.clone(),
            style: Some(ArrowStyle::Orthogonal),
        })
        .expect("sets");
    let doc = editor.doc();
    assert_eq!(doc.arrow_style(&doc.edges[0]), ArrowStyle::Orthogonal);
    assert_eq!(doc.arrow_style(&doc.edges[1]), ArrowStyle::Straight);
    let layout = archdrill::scene::Layout::new(doc);
    let routed = layout.edges[0].as_ref().expect("drawn");
    assert!(
        routed
            .points
            .windows(2)
            .all(|w| (w[0].x - w[1].x).abs() < 1e-3 || (w[0].y - w[1].y).abs() < 1e-3),
        "{:?}",
        routed.points
    );
    editor
        .apply(&Command::SetArrows {
            style: ArrowStyle::Orthogonal,
        })
        .expect("sets");
    editor
        .apply(&Command::SetEdgeStyle {
            id: first,
            style: Some(ArrowStyle::Straight),
        })
        .expect("sets");
    let doc = editor.doc();
    assert_eq!(doc.arrow_style(&doc.edges[0]), ArrowStyle::Straight);
    assert_eq!(doc.arrow_style(&doc.edges[1]), ArrowStyle::Orthogonal);
}
