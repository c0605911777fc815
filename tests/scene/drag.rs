//! Drag previews (`scene::Drag`, `Layout::moved`) on every drawing of
//! `tests/scene.rs`: what touches no moved box is kept, the moved boxes
//! and their arrows move (attached, as the drop draws them when straight),
//! the containers are the drop's, the spatial index finds what moved; and
//! a drag followed frame by frame ends where a fresh preview is.

use archdrill::content::references::REFERENCES;
use archdrill::model::{ArrowStyle, Diagram};
use archdrill::scene::geometry::{P, R, distance_to_polyline, p};
use archdrill::scene::{Drag, EdgeLayout, Layout};

use super::{all_drawings, unattached};

/// The moves a drag preview is tried with on a drawing: its busiest box
/// alone, and the boxes of its first boundary together (as when the
/// boundary is dragged by its title).
fn moves(d: &Diagram) -> Vec<Vec<String>> {
    let degree = |id: &str| {
        d.edges
            .iter()
            .filter(|e| e.from.as_str() == id || e.to.as_str() == id)
            .count()
    };
    let mut out: Vec<Vec<String>> = d
        .nodes
        .iter()
        .rev()
        .max_by_key(|n| degree(n.id.as_str()))
        .map(|n| vec![n.id.to_string()])
        .into_iter()
        .collect();
    if let Some(b) = d.boundaries.first() {
        out.push(
            d.boundary_members(b.id.as_str())
                .into_iter()
                .map(ToString::to_string)
                .collect(),
        );
    }
    out
}

/// `d` with the boxes `ids` moved by `delta`, as the drop commits it.
fn shifted(d: &Diagram, ids: &[String], delta: P) -> Diagram {
    let mut moved = d.clone();
    for n in &mut moved.nodes {
        if ids.iter().any(|id| id == n.id.as_str()) {
            n.pos.x += delta.x;
            n.pos.y += delta.y;
        }
    }
    moved
}

fn close(a: R, b: R) -> bool {
    [a.min - b.min, a.max - b.max]
        .iter()
        .all(|v| v.x.abs() < 1e-3 && v.y.abs() < 1e-3)
}

/// What is wrong with the drag preview of moving `ids` of `d` by
/// `delta`: it must keep everything that touches no moved box as the
/// layout before the drag has it, move the boxes, keep their arrows
/// attached (orthogonal when elbows, as the drop draws them when
/// straight), give the containers the drop's rectangles and find the
/// moved things where they now are.
fn preview_problems(d: &Diagram, ids: &[String], delta: P) -> Vec<String> {
    let before = Layout::new(d);
    let preview = before.moved(d, ids, delta);
    let full = Layout::new(&shifted(d, ids, delta));
    let moved = |id: &str| ids.iter().any(|m| m == id);
    let touching = |e: usize| moved(d.edges[e].from.as_str()) || moved(d.edges[e].to.as_str());
    let mut out = unattached(d, &preview, touching);
    for (i, n) in d.nodes.iter().enumerate() {
        let (now, was) = (&preview.nodes[i], &before.nodes[i]);
        if !moved(n.id.as_str()) {
            if now != was {
                out.push(format!("{} changed without moving", n.id));
            }
            continue;
        }
        if !close(now.rect, was.rect.translate(delta)) || !close(now.rect, full.nodes[i].rect) {
            out.push(format!("{} is not moved by the delta", n.id));
        }
        if now.lines != was.lines {
            out.push(format!("{}'s label changed", n.id));
        }
        if !preview
            .nodes_in(Some(R::centered(now.rect.center(), 1.0, 1.0)))
            .contains(&i)
        {
            out.push(format!("{} is not found where it now is", n.id));
        }
    }
    for (i, e) in d.edges.iter().enumerate() {
        let (now, was) = (&preview.edges[i], &before.edges[i]);
        if !touching(i) {
            if now != was {
                out.push(format!("{} changed without touching a moved box", e.id));
            }
            continue;
        }
        let (Some(now), Some(drop)) = (now, &full.edges[i]) else {
            if now.is_some() != full.edges[i].is_some() {
                out.push(format!("{} is drawn in one layout only", e.id));
            }
            continue;
        };
        out.extend(moved_arrow_problems((d, i), now, drop, &preview));
    }
    let containers = |l: &Layout| {
        l.containers
            .iter()
            .map(|c| (c.index, c.depth))
            .collect::<Vec<_>>()
    };
    if containers(&preview) != containers(&full)
        || preview
            .containers
            .iter()
            .zip(&full.containers)
            .any(|(a, b)| !close(a.rect, b.rect))
    {
        out.push("the containers are not the drop's".to_owned());
    }
    let covered = preview
        .nodes
        .iter()
        .map(|n| n.rect)
        .chain(preview.edges.iter().flatten().map(|e| e.bounds))
        .chain(preview.containers.iter().map(|c| c.rect))
        .all(|r| preview.bounds.union(r) == preview.bounds);
    if !covered {
        out.push("the extent leaves something out".to_owned());
    }
    out
}

/// What is wrong with arrow `i` of `d`, which touches a moved box, drawn
/// `now` by the preview and `drop` by the layout of the drop.
fn moved_arrow_problems(
    (d, i): (&Diagram, usize),
    now: &EdgeLayout,
    drop: &EdgeLayout,
    preview: &Layout,
) -> Vec<String> {
    let e = &d.edges[i];
    let mut out = Vec::new();
    let straight = d.arrow_style(e) == ArrowStyle::Straight || now.self_loop;
    // As routing has it: ports less than half a unit out of line
    // are joined straight.
    let orthogonal = now.points.windows(2).all(|w| {
        let v = w[1] - w[0];
        v.x.abs() < 0.5 || v.y.abs() < 0.5
    });
    let as_dropped = now.points.len() == drop.points.len()
        && now.points.iter().zip(&drop.points).all(|(a, b)| {
            let v = *a - *b;
            v.x.abs() < 1e-3 && v.y.abs() < 1e-3
        });
    if straight && !as_dropped {
        out.push(format!("{} is not drawn as the drop draws it", e.id));
    }
    if !straight && !orthogonal {
        out.push(format!("{} is not orthogonal: {:?}", e.id, now.points));
    }
    match (now.label, e.label.is_empty()) {
        (Some(label), false) => {
            let off = distance_to_polyline(label.center(), &now.points);
            if off > label.w().max(label.h()) + 60.0 {
                out.push(format!("{}'s label is {off} away from its arrow", e.id));
            }
        }
        (None, true) => {}
        _ => out.push(format!("{}'s label is missing or extra", e.id)),
    }
    for w in now.points.windows(2) {
        let middle = w[0] + (w[1] - w[0]) * 0.5;
        if !preview
            .edges_in(Some(R::centered(middle, 1.0, 1.0)))
            .contains(&i)
        {
            out.push(format!("{} is not found where it now runs", e.id));
        }
    }
    out
}

#[test]
fn a_drag_preview_moves_the_boxes_and_only_what_touches_them() {
    let mut failures = Vec::new();
    let mut tried = 0;
    for (name, d) in all_drawings() {
        for arrows in ArrowStyle::ALL {
            let d = Diagram {
                arrows,
                ..d.clone()
            };
            for ids in moves(&d) {
                for delta in [p(137.0, -61.0), p(-410.0, 230.0)] {
                    tried += 1;
                    failures.extend(
                        preview_problems(&d, &ids, delta)
                            .into_iter()
                            .map(|p| format!("{name} ({arrows:?}, {ids:?} by {delta:?}): {p}")),
                    );
                }
            }
        }
    }
    assert!(tried >= 200, "{tried} moves");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A drag's layout kept up to date over several frames is the preview
/// of the last delta, and at no delta it is the layout before the drag.
#[test]
fn a_drag_followed_frame_by_frame_ends_where_a_fresh_preview_is() {
    let d = REFERENCES
        .iter()
        .find(|r| r.id == "five-tier")
        .expect("five-tier")
        .load()
        .expect("loads");
    let before = Layout::new(&d);
    for ids in moves(&d) {
        let mut drag = Drag::new(&before, &d, &ids);
        assert_eq!(drag.layout(), &before);
        for step in 1..=6_u8 {
            let f = f32::from(step);
            drag.update(&d, p(40.0 * f, -25.0 * f));
        }
        let last = p(240.0, -150.0);
        assert_eq!(drag.layout(), &before.moved(&d, &ids, last), "{ids:?}");
        assert_ne!(drag.layout(), &before);
        assert_eq!(before.moved(&d, &ids, p(0.0, 0.0)), before);
    }
}

/// Far out, a drag leaves the redrawn arrows' labels out (they are too
/// small to draw), and places them as a close view does once it is
/// asked for them, at the same delta.
#[test]
fn far_out_a_drag_leaves_out_the_labels_it_would_not_draw() {
    let d = REFERENCES
        .iter()
        .find(|r| r.id == "saga")
        .expect("saga")
        .load()
        .expect("loads");
    let before = Layout::new(&d);
    let labelled: Vec<&str> = d
        .edges
        .iter()
        .filter(|e| !e.label.is_empty())
        .map(|e| e.from.as_str())
        .collect();
    let id = labelled[0].to_owned();
    let ids = vec![id.clone()];
    let delta = p(60.0, 35.0);
    let mut drag = Drag::new(&before, &d, &ids);
    let touching = |layout: &Layout| -> Vec<Option<R>> {
        d.edges
            .iter()
            .zip(&layout.edges)
            .filter(|(e, _)| (e.from.as_str() == id || e.to.as_str() == id) && !e.label.is_empty())
            .map(|(_, laid)| laid.as_ref().and_then(|l| l.label))
            .collect()
    };
    let far = drag.update_labelled(&d, delta, false).clone();
    let left_out = touching(&far);
    assert!(!left_out.is_empty(), "{id} has labelled arrows");
    assert!(left_out.iter().all(Option::is_none), "{left_out:?}");
    // The boxes and lines are the close view's all the same.
    let close = before.moved(&d, &ids, delta);
    assert_eq!(far.nodes, close.nodes);
    let lines = |layout: &Layout| -> Vec<Option<Vec<P>>> {
        layout
            .edges
            .iter()
            .map(|l| l.as_ref().map(|l| l.points.clone()))
            .collect()
    };
    assert_eq!(lines(&far), lines(&close));
    let close_labels = touching(&close);
    assert!(close_labels.iter().all(Option::is_some), "{close_labels:?}");
    // Asked for at the same delta, the labels are placed.
    assert_eq!(drag.update_labelled(&d, delta, true), &close);
    // And kept while the view stays far out at that delta.
    assert_eq!(drag.update_labelled(&d, delta, false), &close);
}
