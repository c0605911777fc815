//! The big generated drawing the canvas and scene benches share (issue
//! #16): boxes of every kind on a grid, arrows to near and far boxes, a
//! boundary per ten boxes; and the drags the drag benches make on it.

use archdrill::model::{
    ArrowStyle, Boundary, BoundaryId, Diagram, Edge, EdgeKind, Node, NodeId, NodeKind, Point,
};

/// The sizes benched: boxes, and the name the figures use.
pub const SIZES: [(usize, &str); 2] = [
    (1_000, "1000 nodes 1500 edges"),
    (10_000, "10000 nodes 15000 edges"),
];

/// The arrow styles a drag is benched in, with their names: straight
/// (as drawn), and elbows (as Tidy draws them).
pub fn styled() -> [(ArrowStyle, &'static str); 2] {
    [
        (ArrowStyle::Straight, "straight"),
        (ArrowStyle::Orthogonal, "elbows"),
    ]
}

/// Boxes per row of the drawing of `nodes` boxes.
fn columns(nodes: usize) -> usize {
    if nodes > 2_000 { 100 } else { 40 }
}

/// `nodes` nodes of every kind on a grid 40 (or 100) wide, 1.5 edges per
/// node of every kind between near and far nodes (some parallel, some
/// crossing), a boundary per ten nodes.
pub fn big_drawing(nodes: usize) -> Diagram {
    let mut d = grid_drawing(nodes, nodes * 3 / 2, columns(nodes));
    for b in 0..nodes / 10 {
        d.boundaries.push(Boundary {
            id: BoundaryId(format!("b{b}")),
            label: format!("Context {b}"),
            parent: None,
            nodes: (0..3).map(|m| NodeId(format!("n{}", b * 10 + m))).collect(),
        });
    }
    d
}

/// `nodes` nodes of every kind on a grid `columns` wide, `edges` edges of
/// every kind cycling through three targets — the next box, the box
/// below, one across the drawing — a quarter of them labelled.
pub fn grid_drawing(nodes: usize, edges: usize, columns: usize) -> Diagram {
    let mut d = Diagram::default();
    for i in 0..nodes {
        let kind = NodeKind::ALL[i % NodeKind::ALL.len()];
        #[expect(clippy::cast_precision_loss, reason = "grid coordinates")]
        let pos = Point::new((i % columns) as f32 * 230.0, (i / columns) as f32 * 150.0);
        d.nodes.push(Node::new(
            &format!("n{i}"),
            &format!("{} {i}", kind.title()),
            kind,
            pos,
        ));
    }
    for k in 0..edges {
        let from = k % nodes;
        let to = match k % 3 {
            0 => (from + 1) % nodes,
            1 => (from + columns) % nodes,
            _ => (from * 7 + 13) % nodes,
        };
        let mut e = Edge::new(
            &format!("e{k}"),
            &format!("n{from}"),
            &format!("n{to}"),
            EdgeKind::ALL[k % EdgeKind::ALL.len()],
        );
        if k % 4 == 0 {
            e.label = format!("Event{k}");
        }
        d.edges.push(e);
    }
    d
}

/// The boxes a drag of the drawing of `nodes` boxes moves: one box in
/// the middle of the 100 % view, or a 5 × 4 block of 20 around it (as a
/// rubber band selects them).
pub fn dragged(nodes: usize, many: bool) -> Vec<String> {
    let columns = columns(nodes);
    let (first, across, down) = if many { (2, 5, 4) } else { (3, 1, 1) };
    (0..down)
        .flat_map(|r| (0..across).map(move |c| (first + r) * columns + first + c))
        .map(|i| format!("n{i}"))
        .collect()
}

/// The next delta of a drag (canvas units): a little further each frame,
/// back to the start after 64.
pub fn drag_step(step: &mut u16) -> Point {
    *step = (*step + 1) % 64;
    Point::new(f32::from(*step) * 3.0, f32::from(*step) * 2.0)
}
