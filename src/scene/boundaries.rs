//! Boundary containers: their rectangles, computed inside-out so nested
//! ones fit with room for their parents' titles, and the one order every
//! backend uses.
//!
//! **The order contract.** [`boundary_rects`] lists containers in
//! *painting order*: every boundary comes after every boundary that
//! encloses it (outermost first, then by depth, document order among
//! equals). Backends paint in that order, so a nested container is drawn
//! over its parent; hit tests walk it backwards ([`grab_at`]), so the
//! topmost — the innermost — container under the pointer wins.

use std::collections::BTreeMap;

use super::font;
use super::geometry::{R, node_rect, p};
use crate::model::Diagram;

/// Padding of a boundary container around its member boxes.
pub const BOUNDARY_PADDING: f32 = 18.0;
/// Room a boundary leaves around a nested boundary.
const NESTED_GAP: f32 = 8.0;
/// Room above the contents for the boundary's own title.
const TITLE_ROOM: f32 = 16.0;
/// Font size of boundary titles.
pub const BOUNDARY_TITLE_SIZE: f32 = 12.0;
/// Corner radius of a container.
pub const BOUNDARY_RADIUS: f32 = 10.0;
/// Outline width of a container.
pub const BOUNDARY_STROKE: f32 = 1.3;
/// Where the title sits inside the container's top-left corner.
const TITLE_INSET: (f32, f32) = (8.0, 5.0);
/// Canvas units from a container's top edge that grab it (its title band).
const GRAB_TOP: f32 = 30.0;
/// Canvas units from its other edges that grab it (its frame).
const GRAB_EDGE: f32 = 8.0;

/// One boundary's container.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Container {
    /// Index of the boundary in `diagram.boundaries`.
    pub index: usize,
    /// The container's rectangle.
    pub rect: R,
    /// How many boundaries enclose it (0 at the top level).
    pub depth: usize,
}

/// Every boundary's container, in painting order (see the module docs);
/// boundaries with no member box anywhere inside are left out.
#[must_use]
pub fn boundary_rects(diagram: &Diagram) -> Vec<Container> {
    let n = diagram.boundaries.len();
    let parent = parents(diagram);
    let depth = depths(&parent);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }
    let nodes: BTreeMap<&str, R> = diagram
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), node_rect(n)))
        .collect();
    // Deepest first, so children are known before their parents.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(depth[i]), i));
    let mut rects: Vec<Option<R>> = vec![None; n];
    for i in order {
        let members = diagram.boundaries[i]
            .nodes
            .iter()
            .filter_map(|id| nodes.get(id.as_str()).copied());
        let nested = children[i].iter().filter_map(|&c| rects[c]);
        rects[i] = frame(members, nested, depth[i]);
    }
    let mut out: Vec<Container> = rects
        .into_iter()
        .enumerate()
        .filter_map(|(index, rect)| {
            Some(Container {
                index,
                rect: rect?,
                depth: depth[index],
            })
        })
        .collect();
    out.sort_by_key(|c| (c.depth, c.index));
    out
}

/// The container of a boundary `depth` deep around its member boxes
/// and its nested containers (`None` when it has neither).
pub(super) fn frame(
    members: impl Iterator<Item = R>,
    nested: impl Iterator<Item = R>,
    depth: usize,
) -> Option<R> {
    #[expect(clippy::cast_precision_loss, reason = "nesting depth is small")]
    let pad = BOUNDARY_PADDING * (1.0 + 0.5 / (1.0 + depth as f32));
    let members = members.reduce(R::union).map(|b| R {
        min: p(b.min.x - pad, b.min.y - pad - TITLE_ROOM),
        max: p(b.max.x + pad, b.max.y + pad),
    });
    let nested = nested.reduce(R::union).map(|b| R {
        min: p(b.min.x - NESTED_GAP, b.min.y - NESTED_GAP - TITLE_ROOM),
        max: p(b.max.x + NESTED_GAP, b.max.y + NESTED_GAP),
    });
    members.into_iter().chain(nested).reduce(R::union)
}

/// The parent of each boundary by index (a boundary naming itself or a
/// missing one has none).
pub(super) fn parents(diagram: &Diagram) -> Vec<Option<usize>> {
    let index: BTreeMap<&str, usize> = diagram.boundary_positions();
    diagram
        .boundaries
        .iter()
        .enumerate()
        .map(|(i, b)| {
            b.parent
                .as_ref()
                .and_then(|id| index.get(id.as_str()).copied())
                .filter(|&j| j != i)
        })
        .collect()
}

/// Nesting depth of each boundary from its parent links, in one pass
/// (each boundary's chain is walked once); a parent cycle counts as the
/// top level where it closes.
fn depths(parent: &[Option<usize>]) -> Vec<usize> {
    let mut depth: Vec<Option<usize>> = vec![None; parent.len()];
    let mut on_path = vec![false; parent.len()];
    for start in 0..parent.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        let mut base = 0;
        while let Some(i) = at {
            if let Some(d) = depth[i] {
                base = d + 1;
                break;
            }
            if on_path[i] {
                break;
            }
            on_path[i] = true;
            chain.push(i);
            at = parent[i];
        }
        for (k, &i) in chain.iter().rev().enumerate() {
            on_path[i] = false;
            depth[i] = Some(base + k);
        }
    }
    depth.into_iter().map(Option::unwrap_or_default).collect()
}

/// Where a container's title starts: its top-left corner (the text's top).
#[must_use]
pub fn title_origin(rect: R) -> super::geometry::P {
    p(rect.min.x + TITLE_INSET.0, rect.min.y + TITLE_INSET.1)
}

/// The band a container's title occupies, kept clear by labels and
/// routed arrows.
#[must_use]
pub fn title_band(rect: R, title: &str) -> R {
    let width = font::text_width(title, BOUNDARY_TITLE_SIZE) + 2.0 * TITLE_INSET.0;
    R {
        min: rect.min,
        max: p(
            (rect.min.x + width).min(rect.max.x),
            rect.min.y + font::line_height(BOUNDARY_TITLE_SIZE) + 2.0 * TITLE_INSET.1 - 2.0,
        ),
    }
}

/// The innermost container whose title band or frame is at `q` (its empty
/// inside is left to rubber-band selection): `containers` walked from the
/// last painted to the first. Returns the boundary index.
#[must_use]
pub fn grab_at(containers: &[Container], q: super::geometry::P) -> Option<usize> {
    containers
        .iter()
        .rev()
        .find(|c| {
            let r = c.rect;
            r.contains(q)
                && (q.y - r.min.y <= GRAB_TOP
                    || q.x - r.min.x <= GRAB_EDGE
                    || r.max.x - q.x <= GRAB_EDGE
                    || r.max.y - q.y <= GRAB_EDGE)
        })
        .map(|c| c.index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Boundary, BoundaryId, Node, NodeId, NodeKind, Point};

    fn nested() -> Diagram {
        let mut d = Diagram::default();
        d.nodes.push(Node::new(
            "svc",
            "Order service",
            NodeKind::Service,
            Point::new(0.0, 0.0),
        ));
        // Listed inner first, so document order alone would paint it under
        // its parent.
        for (id, parent, nodes) in [
            ("inner", Some("outer"), vec!["svc"]),
            ("outer", Some("top"), vec![]),
            ("top", None, vec![]),
        ] {
            d.boundaries.push(Boundary {
                id: BoundaryId::from(id),
                label: id.to_owned(),
                parent: parent.map(BoundaryId::from),
                nodes: nodes.into_iter().map(NodeId::from).collect(),
            });
        }
        d
    }

    #[test]
    fn parents_are_painted_before_their_children_and_contain_them() {
        let d = nested();
        let c = boundary_rects(&d);
        let order: Vec<&str> = c
            .iter()
            .map(|c| d.boundaries[c.index].id.as_str())
            .collect();
        assert_eq!(order, ["top", "outer", "inner"]);
        for pair in c.windows(2) {
            let (outer, inner) = (pair[0].rect, pair[1].rect);
            assert!(outer.contains(inner.min) && outer.contains(inner.max));
            assert!(inner.min.y - outer.min.y >= TITLE_ROOM);
        }
    }

    #[test]
    fn the_title_of_a_nested_boundary_grabs_that_boundary() {
        let d = nested();
        let c = boundary_rects(&d);
        for container in &c {
            let title = title_origin(container.rect) + p(4.0, 4.0);
            assert_eq!(grab_at(&c, title), Some(container.index));
        }
    }

    #[test]
    fn a_parent_cycle_does_not_hang() {
        let mut d = nested();
        d.boundaries[2].parent = Some(BoundaryId::from("inner"));
        let c = boundary_rects(&d);
        assert_eq!(c.len(), 3);
    }
}
