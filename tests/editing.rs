//! Editing through commands: random command sequences keep the document
//! valid, undo-all gives back the start, redo-all the end.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

use archdrill::content::references;
use archdrill::edit::{Command, Editor};
use archdrill::model::validate::validate;
use archdrill::model::{BoundaryId, Diagram, EdgeId, EdgeKind, NodeId, NodeKind, Point};
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
        n.prop_map(Pick::Ungroup),
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
