//! The labels of a drag preview: each touching arrow's label placed by
//! the full layout's rules ([`labels::place`]) among only what lies in the
//! areas its spots can reach ([`labels::considered`]), gathered from the
//! spatial index.

use super::Drag;
use crate::model::Diagram;
use crate::scene::edges::{self, ARROW_HEAD};
use crate::scene::geometry::{P, R, clip_range};
use crate::scene::labels::{self, EdgeLine, Lines, Obstacles};
use crate::scene::layout::Drawn;

/// How far from its preferred spot (canvas units, a unit of slide costing
/// one) a redrawn label looks first; when that cannot tell, it looks
/// again as far as the cheapest spot found costs, which settles it. On
/// the canvas bench's crowded drawing nine labels in ten find theirs
/// within the first (most within 150 units, but looking again for the
/// others then costs as much as it saves).
const FIRST_LOOK: f32 = 1_000.0;

impl Drag {
    /// The label boxes of the touching arrows, in their order, each
    /// placed by the full layout's rules among what lies near its line:
    /// boxes, titles, every arrowhead and line, the kept labels and the
    /// touching labels placed before it.
    pub(super) fn labels(&self, diagram: &Diagram, lines: &[Drawn]) -> Vec<Option<R>> {
        self.labels_within(diagram, lines, FIRST_LOOK).0
    }

    /// [`Drag::labels`], each label looking for its spot within `first`
    /// units first; also how many looked again.
    fn labels_within(
        &self,
        diagram: &Diagram,
        lines: &[Drawn],
        first: f32,
    ) -> (Vec<Option<R>>, usize) {
        let mut again = 0;
        let mut placed: Vec<R> = Vec::new();
        let mut seen = Seen::new(self.rects.len(), self.changes.len());
        let out = self
            .touching
            .iter()
            .zip(lines)
            .map(|(t, line)| {
                let text = &diagram.edges[t.edge].label;
                if text.is_empty() {
                    return None;
                }
                let own = EdgeLine {
                    points: &line.points,
                    self_loop: line.self_loop,
                    from: self.rects[line.from],
                    offset: line.offset,
                };
                // The spots near the preferred one first: most labels
                // find theirs there, and a long line's far spots would
                // gather what lies along all of it.
                let mut within = first;
                let rect = loop {
                    let (obstacles, drawn) =
                        self.around((own, text.as_str(), within), lines, &placed, &mut seen);
                    let label = (t.edge, own, text.as_str());
                    match labels::place_within(&obstacles, &drawn, label, self.effort, within) {
                        Ok(rect) => break rect,
                        // A second look always tells; a third would be
                        // a rounding case, looking everywhere.
                        Err(cost) => {
                            again += 1;
                            within = if within > first {
                                f32::INFINITY
                            } else {
                                cost + 2.0
                            };
                        }
                    }
                };
                placed.push(rect);
                Some(rect)
            })
            .collect();
        (out, again)
    }

    /// The obstacles and lines that placing the label `text` on `own`
    /// can meet (see [`labels::considered`]): boxes, titles, the kept
    /// arrows (from the spatial index) with their heads and labels, the
    /// touching ones (`lines`) with their heads, and the labels `placed`.
    fn around(
        &self,
        (own, text, within): (EdgeLine<'_>, &str, f32),
        lines: &[Drawn],
        placed: &[R],
        seen: &mut Seen,
    ) -> (Obstacles, Lines) {
        let areas = labels::considered(own, text, self.effort, within);
        let area = areas.iter().copied().reduce(R::union).unwrap_or(own.from);
        // Each box and kept arrow once per label, and once per area for
        // the arrows' pieces there.
        let (mut boxes, mut kept, mut near) = (Vec::new(), Vec::new(), Vec::new());
        let round = seen.next();
        for q in &areas {
            let mut take = |i: usize| {
                if seen.first(Item::Box(i), round) {
                    boxes.push(i);
                }
            };
            if !self.layout.node_grid.visit(*q, &mut take) {
                (0..self.rects.len()).for_each(take);
            }
            let in_area = seen.next();
            let mut here = Vec::new();
            let mut take = |e: usize| {
                if !self.changes[e] && seen.first(Item::Arrow(e), in_area) {
                    here.push(e);
                    if seen.first(Item::Kept(e), round) {
                        kept.push(e);
                    }
                }
            };
            let q = q.expand2(ARROW_HEAD, ARROW_HEAD);
            if !self.layout.edge_grid.visit(q, &mut take) {
                (0..self.changes.len()).for_each(take);
            }
            near.push(here);
        }
        boxes.sort_unstable();
        kept.sort_unstable();
        let mut obstacles = Obstacles::new(area, boxes.len() + 2 * kept.len() + placed.len());
        let mut drawn = Lines::new(area, 2 * kept.len());
        for &i in &boxes {
            obstacles.add(self.rects[i], true);
        }
        let inside = |r: &R| areas.iter().any(|q| q.intersects(r));
        for band in self.titles.iter().filter(|band| inside(band)) {
            obstacles.add(*band, false);
        }
        // Heads and labels once each; lines only in pieces inside each
        // area (every spot's checks lie inside one of them, so they come
        // out as with whole lines).
        let mut add_line = |e: usize, points: &[P], q: R| {
            for w in points.windows(2) {
                let (a, b) = (w[0], w[1]);
                if !R::from_points(a, b).intersects(&q) {
                    continue;
                }
                if let Some((t0, t1)) = clip_range(a, b, q) {
                    drawn.add(e, a + (b - a) * t0, a + (b - a) * t1);
                }
            }
        };
        for (q, found) in areas.iter().zip(&near) {
            for &e in found {
                if let Some(laid) = &self.layout.edges[e] {
                    add_line(e, &laid.points, *q);
                }
            }
            for (t, l) in self.touching.iter().zip(lines) {
                add_line(t.edge, &l.points, *q);
            }
        }
        let ends = kept
            .iter()
            .filter_map(|&e| {
                let laid = self.layout.edges[e].as_ref()?;
                Some((laid.points.as_slice(), laid.self_loop, laid.label))
            })
            .chain(
                lines
                    .iter()
                    .map(|l| (l.points.as_slice(), l.self_loop, None)),
            );
        // An arrowhead lies within its length of the tip.
        let near_tip = |points: &[P]| {
            points.last().is_some_and(|&tip| {
                let tip = R::centered(tip, 2.0 * ARROW_HEAD, 2.0 * ARROW_HEAD);
                areas.iter().any(|q| q.intersects(&tip))
            })
        };
        for (points, self_loop, label) in ends {
            let head = (!self_loop && near_tip(points))
                .then(|| edges::head_rect(points))
                .flatten();
            for r in head.into_iter().chain(label).filter(inside) {
                obstacles.add(r, true);
            }
        }
        for r in placed {
            obstacles.add(*r, true);
        }
        (obstacles, drawn)
    }
}

/// Something a label's placement gathers: a box, an arrow in one area,
/// a kept arrow for the whole label.
#[derive(Clone, Copy, Debug)]
enum Item {
    Box(usize),
    Arrow(usize),
    Kept(usize),
}

/// Which items have been gathered in a round (a label, an area), by the
/// round that last saw them: nothing to clear between rounds.
struct Seen {
    boxes: Vec<u32>,
    arrows: Vec<u32>,
    kept: Vec<u32>,
    round: u32,
}

impl Seen {
    fn new(boxes: usize, arrows: usize) -> Self {
        Self {
            boxes: vec![0; boxes],
            arrows: vec![0; arrows],
            kept: vec![0; arrows],
            round: 0,
        }
    }

    /// A new round.
    fn next(&mut self) -> u32 {
        self.round += 1;
        self.round
    }

    /// Whether `item` is seen for the first time in `round`.
    fn first(&mut self, item: Item, round: u32) -> bool {
        let slot = match item {
            Item::Box(i) => &mut self.boxes[i],
            Item::Arrow(i) => &mut self.arrows[i],
            Item::Kept(i) => &mut self.kept[i],
        };
        let first = *slot != round;
        *slot = round;
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArrowStyle, Edge, EdgeKind, Node, NodeKind, Point};
    use crate::scene::Layout;
    use crate::scene::geometry::p;

    /// Boxes on a grid with labelled arrows to neighbours and across the
    /// drawing, crossing each other: crowded lines, whose labels slide.
    fn crowded(arrows: ArrowStyle) -> Diagram {
        let (n, columns) = (96_usize, 12_usize);
        let mut d = Diagram {
            arrows,
            ..Diagram::default()
        };
        for i in 0..n {
            let kind = NodeKind::ALL[i % NodeKind::ALL.len()];
            #[expect(clippy::cast_precision_loss, reason = "a hundred boxes")]
            let pos = Point::new((i % columns) as f32 * 230.0, (i / columns) as f32 * 150.0);
            d.nodes
                .push(Node::new(&format!("n{i}"), &format!("Box {i}"), kind, pos));
        }
        for k in 0..n * 3 {
            let from = k % n;
            let to = [from + 1, from + columns, from * 7 + 13][k % 3] % n;
            let kind = EdgeKind::ALL[k % EdgeKind::ALL.len()];
            let mut e = Edge::new(
                &format!("e{k}"),
                &format!("n{from}"),
                &format!("n{to}"),
                kind,
            );
            e.label = format!("Event{k}");
            d.edges.push(e);
        }
        d
    }

    /// A label looked for near its preferred spot first lands where a
    /// search along its whole line puts it, with every bound.
    #[test]
    fn labels_looked_for_near_first_land_where_a_whole_search_puts_them() {
        for arrows in [ArrowStyle::Straight, ArrowStyle::Orthogonal] {
            let d = crowded(arrows);
            let base = Layout::new(&d);
            let ids: Vec<String> = [26, 27, 28, 38, 39, 40].map(|i| format!("n{i}")).into();
            let mut drag = Drag::new(&base, &d, &ids);
            let mut slid = 0;
            for step in 1..=4_u8 {
                let f = f32::from(step);
                drag.update(&d, p(47.0 * f, 31.0 * f));
                let lines = drag.lines(&d);
                let (whole, none) = drag.labels_within(&d, &lines, f32::INFINITY);
                assert_eq!(none, 0);
                assert_eq!(whole.len(), drag.touching.len());
                assert!(whole.iter().all(Option::is_some), "every arrow has a label");
                for first in [FIRST_LOOK, 10.0, 0.5] {
                    let (bounded, again) = drag.labels_within(&d, &lines, first);
                    assert_eq!(bounded, whole, "{arrows:?} first within {first}");
                    // Some labels are not at their preferred spot, so the
                    // second look is put to the test.
                    if first < 1.0 {
                        slid += again;
                    }
                }
            }
            assert!(slid > 0, "{arrows:?}: every label at its preferred spot");
        }
    }
}
