//! What a picture adds around the drawing: an optional title above it and
//! an optional legend below it — one sample of each box kind and each
//! arrow kind the drawing uses, drawn with the same shapes and strokes as
//! the drawing itself — laid out to the drawing's width.

use std::borrow::Cow;

use super::edges::{EDGE_STROKE, EdgePaint, arrow};
use super::font;
use super::geometry::{P, R, p};
use super::palette::{self, Palette};
use super::primitive::{Align, Primitive, Stroke};
use super::shapes::{self, NodePaint};
use crate::model::{Diagram, EdgeKind, NodeKind};

/// Font size of a picture's title.
pub const TITLE_SIZE: f32 = 22.0;
/// Font size of the legend's entries.
const ENTRY_SIZE: f32 = 11.0;
/// A box sample in the legend.
const SAMPLE: P = p(34.0, 20.0);
/// An arrow sample in the legend.
const ARROW_SAMPLE: f32 = 40.0;
/// Between the drawing and the title or legend.
const GAP: f32 = 24.0;
/// Between a sample and its name, and between entries.
const INNER: (f32, f32) = (6.0, 20.0);
/// Height of a legend row.
const ROW: f32 = 28.0;
/// The legend is at least this wide (a small drawing's legend wraps less).
const MIN_WIDTH: f32 = 480.0;

/// What to add around a drawing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picture {
    /// A title above the drawing.
    pub title: Option<String>,
    /// A legend of the kinds used, below the drawing.
    pub legend: bool,
}

impl Picture {
    /// Whether it adds anything.
    #[must_use]
    pub fn is_plain(&self) -> bool {
        self.title.as_deref().is_none_or(str::is_empty) && !self.legend
    }
}

/// The title and legend of `diagram` around a drawing covering `content`
/// (light theme): primitives to paint after the drawing.
#[must_use]
pub fn frame(diagram: &Diagram, content: R, picture: &Picture) -> Vec<Primitive<'static>> {
    let palette = palette::LIGHT;
    let mut out = Vec::new();
    if let Some(title) = picture.title.as_deref().filter(|t| !t.trim().is_empty()) {
        let width = content.w().max(MIN_WIDTH);
        let lines = font::wrap(title.trim(), TITLE_SIZE, width);
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let height = font::line_height(TITLE_SIZE) * lines.len() as f32;
        out.push(Primitive::Text {
            lines: Cow::Owned(lines),
            x: content.min.x,
            top: content.min.y - GAP - height,
            size: TITLE_SIZE,
            color: palette.text,
            align: Align::Left,
        });
    }
    if picture.legend {
        legend(&mut out, diagram, content, &palette);
    }
    out
}

/// One legend entry: its sample's width, and how to draw it at a point
/// (the sample's left middle).
enum Entry {
    Kind(NodeKind),
    Edge(EdgeKind),
}

impl Entry {
    fn name(&self) -> &'static str {
        match self {
            Self::Kind(k) => k.title(),
            Self::Edge(k) => k.title(),
        }
    }

    fn sample_width(&self) -> f32 {
        match *self {
            // What the shape covers: a worker's back card reaches out.
            Self::Kind(kind) => shapes::extent(
                kind,
                R {
                    min: p(0.0, 0.0),
                    max: SAMPLE,
                },
            )
            .w(),
            Self::Edge(_) => ARROW_SAMPLE,
        }
    }

    fn width(&self) -> f32 {
        self.sample_width() + INNER.0 + font::text_width(self.name(), ENTRY_SIZE)
    }

    fn draw(&self, out: &mut Vec<Primitive<'static>>, at: P, palette: &Palette) {
        match *self {
            Self::Kind(kind) => {
                let rect = R {
                    min: p(at.x, at.y - SAMPLE.y * 0.5),
                    max: p(at.x + SAMPLE.x, at.y + SAMPLE.y * 0.5),
                };
                let (fill, outline) = palette.node_colors(kind);
                shapes::shape(
                    out,
                    kind,
                    rect,
                    NodePaint {
                        fill,
                        outline,
                        width: 1.2,
                    },
                    false,
                );
            }
            Self::Edge(kind) => {
                let line = vec![at, p(at.x + ARROW_SAMPLE, at.y)];
                let mut prims = Vec::new();
                arrow(
                    &mut prims,
                    kind,
                    &line,
                    false,
                    EdgePaint {
                        color: palette.edge_color(kind),
                        width: EDGE_STROKE,
                        dashes: true,
                        min_head: 0.0,
                        background: palette.background,
                    },
                );
                out.extend(prims.into_iter().map(owned));
            }
        }
        out.push(Primitive::Text {
            lines: Cow::Owned(vec![self.name().to_owned()]),
            x: at.x + self.sample_width() + INNER.0,
            top: at.y - font::line_height(ENTRY_SIZE) * 0.5,
            size: ENTRY_SIZE,
            color: palette.weak_text,
            align: Align::Left,
        });
    }
}

/// The same primitive, borrowing nothing.
fn owned(prim: Primitive<'_>) -> Primitive<'static> {
    match prim {
        Primitive::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => Primitive::Rect {
            rect,
            radius,
            fill,
            stroke,
        },
        Primitive::Polygon {
            points,
            fill,
            stroke,
        } => Primitive::Polygon {
            points,
            fill,
            stroke,
        },
        Primitive::Polyline { points, stroke } => Primitive::Polyline {
            points: Cow::Owned(points.into_owned()),
            stroke,
        },
        Primitive::Path {
            start,
            segs,
            fill,
            stroke,
        } => Primitive::Path {
            start,
            segs,
            fill,
            stroke,
        },
        Primitive::Text {
            lines,
            x,
            top,
            size,
            color,
            align,
        } => Primitive::Text {
            lines: Cow::Owned(lines.into_owned()),
            x,
            top,
            size,
            color,
            align,
        },
    }
}

/// The legend below `content`: a rule, the box kinds used, then the arrow
/// kinds used, wrapping at the drawing's width.
fn legend(out: &mut Vec<Primitive<'static>>, d: &Diagram, content: R, palette: &Palette) {
    let kinds = NodeKind::ALL
        .into_iter()
        .filter(|k| d.nodes.iter().any(|n| n.kind == *k))
        .map(Entry::Kind);
    let arrows: Vec<Entry> = EdgeKind::ALL
        .into_iter()
        .filter(|k| d.edges.iter().any(|e| e.kind == *k))
        .map(Entry::Edge)
        .collect();
    let groups: [Vec<Entry>; 2] = [kinds.collect(), arrows];
    if groups.iter().all(Vec::is_empty) {
        return;
    }
    let width = content.w().max(MIN_WIDTH);
    let (left, top) = (content.min.x, content.max.y + GAP);
    out.push(Primitive::Polyline {
        points: Cow::Owned(vec![p(left, top), p(left + width, top)]),
        stroke: Stroke::solid(palette.boundary.faded(0.5), 1.0),
    });
    let mut y = top + INNER.1 * 0.5 + ROW * 0.5;
    for group in groups.iter().filter(|g| !g.is_empty()) {
        let mut x = left;
        for entry in group {
            let w = entry.width();
            if x > left && x + w > left + width {
                x = left;
                y += ROW;
            }
            entry.draw(out, p(x, y), palette);
            x += w + INNER.1;
        }
        y += ROW;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, Point};

    fn drawing() -> Diagram {
        let mut d = Diagram::default();
        d.nodes.push(Node::new(
            "a",
            "Orders",
            NodeKind::Service,
            Point::new(0.0, 0.0),
        ));
        d.nodes.push(Node::new(
            "b",
            "Orders DB",
            NodeKind::Database,
            Point::new(300.0, 0.0),
        ));
        d.edges.push(Edge::new("e", "a", "b", EdgeKind::Data));
        d
    }

    fn texts(prims: &[Primitive<'_>]) -> Vec<String> {
        prims
            .iter()
            .filter_map(|p| match p {
                Primitive::Text { lines, .. } => Some(lines.join(" ")),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_legend_names_the_kinds_used_and_the_title_sits_above() {
        let content = R {
            min: p(-80.0, -30.0),
            max: p(370.0, 36.0),
        };
        let picture = Picture {
            title: Some("Orders".to_owned()),
            legend: true,
        };
        let prims = frame(&drawing(), content, &picture);
        let names = texts(&prims);
        assert_eq!(names[0], "Orders", "the title first");
        for name in ["Service", "Database", "Data access"] {
            assert!(names.iter().any(|n| n == name), "{name}: {names:?}");
        }
        assert!(
            !names.iter().any(|n| n == "Cache" || n == "Sync call"),
            "{names:?}"
        );
        let Some(Primitive::Text { top, .. }) = prims.first() else {
            panic!("a title");
        };
        assert!(*top < content.min.y);
        let extent = super::super::extent(&prims[1..]).unwrap_or(content);
        assert!(extent.min.y > content.max.y, "the legend is below");
        assert!(frame(&drawing(), content, &Picture::default()).is_empty());
    }

    #[test]
    fn every_legend_sample_keeps_its_gap_to_its_name() {
        let mut d = drawing();
        d.nodes.push(Node::new(
            "w",
            "Mailer",
            NodeKind::Worker,
            Point::new(600.0, 0.0),
        ));
        let content = R {
            min: p(-80.0, -30.0),
            max: p(700.0, 36.0),
        };
        let prims = frame(
            &d,
            content,
            &Picture {
                title: None,
                legend: true,
            },
        );
        // Each entry is its sample's primitives, then its name.
        let mut sample: Vec<&Primitive<'_>> = Vec::new();
        let mut checked = 0;
        for prim in &prims {
            if let Primitive::Text { x, .. } = prim {
                for part in &sample {
                    let right = part.bounds().map_or(f32::MIN, |b| b.max.x);
                    assert!(
                        right + INNER.0 - 1.0 <= *x,
                        "{:?} crowds its name at {x}",
                        part.bounds()
                    );
                }
                checked += 1;
                sample.clear();
            } else if prim.bounds().is_some_and(|b| b.w() < content.w() * 0.5) {
                // (The rule across the picture is no sample.)
                sample.push(prim);
            }
        }
        assert!(checked >= 4, "service, database, worker, data access");
    }
}
