//! Big drawings with many boundaries (issue #16). Each boundary is placed
//! as one block; refining a block's inside towards far-away ends of long
//! arrows pulled it apart, and the clearance rounds (wider corridors,
//! re-spaced ranks) fed that back: a 1,000-box import with 50 contexts was
//! laid out 9×10⁷ units across, 100 boxes in ten subgraphs 1.3×10⁷. Now a
//! drawing stays about as big as its boxes, stays clean, and is
//! deterministic.

use super::{problems, shapes};
use archdrill::layout::{Direction, layered};
use archdrill::mermaid;
use archdrill::model::Diagram;

/// Most room a box may take on either axis, on average: what these
/// drawings use now is 10–90 (the contexts stack their 50 blocks in one
/// column, 82 per box down it); the runaway layouts used 10⁴–10⁵.
const MOST_PER_BOX: f32 = 150.0;

fn extent(d: &Diagram) -> (f32, f32) {
    let span = |f: &dyn Fn(&archdrill::model::Node) -> f32| {
        let (lo, hi) = d
            .nodes
            .iter()
            .map(f)
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        hi - lo
    };
    (span(&|n| n.pos.x), span(&|n| n.pos.y))
}

/// A flowchart of `n` plain nodes, a chain with calls 40 ahead and
/// scattered ones, every tenth node opening a subgraph of three.
fn subgraphs(n: usize) -> String {
    let mut lines = vec!["flowchart LR".to_owned()];
    let mut grouped = vec![false; n];
    for b in 0..n / 10 {
        lines.push(format!("  subgraph b{b}[\"Context {b}\"]"));
        for m in 0..3 {
            let i = b * 10 + m;
            grouped[i] = true;
            lines.push(format!("    n{i}[\"N {i}\"]"));
        }
        lines.push("  end".to_owned());
    }
    for (i, _) in grouped.iter().enumerate().filter(|(_, g)| !**g) {
        lines.push(format!("  n{i}[\"N {i}\"]"));
    }
    for k in 0..n * 3 / 2 {
        let from = k % n;
        let to = [(from + 1) % n, (from + 40) % n, (from * 7 + 13) % n][k % 3];
        lines.push(format!("  n{from} --> n{to}"));
    }
    lines.join("\n")
}

fn check(name: &str, d: &Diagram) {
    #[expect(clippy::cast_precision_loss, reason = "test sizes")]
    let boxes = d.nodes.len() as f32;
    let (w, h) = extent(d);
    assert!(
        w <= MOST_PER_BOX * boxes && h <= MOST_PER_BOX * boxes,
        "{name}: {} boxes laid out {w} × {h}",
        d.nodes.len()
    );
    let wrong = problems(d);
    assert!(
        wrong.is_empty(),
        "{name}: {:?}",
        &wrong[..wrong.len().min(5)]
    );
}

#[test]
fn imports_with_many_subgraphs_stay_about_as_big_as_their_boxes() {
    for n in [100, 200] {
        let d = mermaid::import(&subgraphs(n), "contexts.mmd").expect("imports");
        assert_eq!(d.boundaries.len(), n / 10);
        check(&format!("{n} nodes in subgraphs"), &d);
        let again = mermaid::import(&subgraphs(n), "contexts.mmd").expect("imports");
        assert_eq!(d, again, "deterministic");
    }
}

#[test]
fn a_thousand_boxes_in_fifty_contexts_stay_about_as_big_as_their_boxes() {
    for (name, mut d) in [
        ("contexts", shapes::contexts(1000, 7)),
        ("random", shapes::random(1000, 2000, 0x0b16_f11e)),
    ] {
        layered(&mut d, Direction::LeftRight);
        check(name, &d);
    }
}
