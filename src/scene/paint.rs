//! From a layout and the view options to primitives in painting order:
//! containers, arrows, arrow labels, boxes, the checker's overlay.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::edges::{self, EdgePaint};
use super::geometry::{R, p};
use super::palette::{self, Palette, Rgba, Theme};
use super::primitive::{Align, Primitive, Stroke};
use super::shapes::{self, NodePaint};
use super::{Layout, boundaries, font, labels};
use crate::model::{Diagram, NodeKind, Point};

/// Ids to emphasise (a walkthrough step, a finding); everything else is
/// dimmed.
#[derive(Clone, Copy, Debug, Default)]
pub struct Highlight<'a> {
    /// Highlighted boxes.
    pub nodes: &'a [String],
    /// Highlighted arrows.
    pub edges: &'a [String],
}

/// What is selected on the canvas.
#[derive(Clone, Copy, Debug)]
pub struct Selected<'a> {
    /// Selected boxes.
    pub nodes: &'a BTreeSet<String>,
    /// Selected arrows.
    pub edges: &'a BTreeSet<String>,
    /// Selected boundaries.
    pub boundaries: &'a BTreeSet<String>,
}

/// Colours laid over the drawing by id (the simulation: boxes tinted by
/// utilisation, failed and degraded paths in red and amber).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tint {
    /// Tint per box id: mixed into its fill, and a ring around it.
    pub nodes: BTreeMap<String, Rgba>,
    /// Emphasis colour per arrow id: a wide translucent halo under the
    /// arrow, along its line.
    pub edges: BTreeMap<String, Rgba>,
}

/// How strongly a tint shows in a box's fill.
const TINT_FILL: f32 = 0.22;
/// Width of an arrow's halo, canvas units.
const HALO: f32 = 8.0;

/// A reference box the drawing lacks (the checker's ghost).
#[derive(Clone, Copy, Debug)]
pub struct Ghost<'a> {
    /// Its kind.
    pub kind: NodeKind,
    /// Its label.
    pub label: &'a str,
    /// Where it would go.
    pub pos: Point,
    /// Lit (the selected finding names it, or none is selected) or faded
    /// to an outline.
    pub lit: bool,
    /// Only notes name it (it costs nothing): drawn faint and neutral,
    /// tagged "OPTIONAL", rather than red and "MISSING".
    pub optional: bool,
}

/// The tag on boxes the checker calls extra.
pub const EXTRA_TAG: &str = "EXTRA";

/// The tag above a ghost.
#[must_use]
pub const fn ghost_tag(optional: bool) -> &'static str {
    if optional { "OPTIONAL" } else { "MISSING" }
}

/// Gap between a ghost's box and its dashed frame.
const GHOST_FRAME: f32 = 5.0;

/// A ghost's dashed frame: its kind's box around `pos`, grown by the gap.
#[must_use]
pub fn ghost_frame(kind: NodeKind, pos: Point) -> R {
    let (w, h) = kind.default_size();
    R::centered(p(pos.x, pos.y), w, h).expand2(GHOST_FRAME, GHOST_FRAME)
}

/// Everything a ghost paints at `zoom`: its frame and the tag above it.
/// The checker keeps this clear of boxes, boundaries and other ghosts.
#[must_use]
pub fn ghost_extent(kind: NodeKind, pos: Point, optional: bool, zoom: f32) -> R {
    let frame = ghost_frame(kind, pos);
    frame.union(badge_rect(frame, ghost_tag(optional), zoom))
}

/// Everything a box's badge ("EXTRA") adds above it at `zoom`.
#[must_use]
pub fn badge_extent(frame: R, text: &str, zoom: f32) -> R {
    badge_rect(frame, text, zoom)
}

/// How to draw a layout: everything that is not geometry.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    /// Colours.
    pub theme: Theme,
    /// Pixels per canvas unit: decides the level of detail (plain boxes,
    /// no dashes, no text when they would be too small to see) and keeps
    /// heads and badges visible when zoomed far out. 1 for pictures.
    pub zoom: f32,
    /// Emphasise these and dim the rest.
    pub highlight: Option<Highlight<'a>>,
    /// The canvas' selection.
    pub selected: Option<Selected<'a>>,
    /// The box under the pointer (index).
    pub hovered: Option<usize>,
    /// Per-box fills and per-arrow emphasis colours.
    pub tint: Option<&'a Tint>,
    /// The checker's ghosts.
    pub ghosts: &'a [Ghost<'a>],
    /// Boxes marked "extra".
    pub extra: &'a [String],
    /// Arrows the checker calls wrong, marked "!".
    pub flagged_edges: &'a [String],
}

impl Default for View<'_> {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            zoom: 1.0,
            highlight: None,
            selected: None,
            hovered: None,
            tint: None,
            ghosts: &[],
            extra: &[],
            flagged_edges: &[],
        }
    }
}

/// Below this zoom boxes are plain rectangles without text (and lines
/// solid): backends may draw them in bulk.
pub const SHAPE_MIN_ZOOM: f32 = 0.28;
/// Below this zoom lines are solid: the kind shows by colour alone.
const DASH_MIN_ZOOM: f32 = 0.4;
/// Text smaller than this many pixels is not drawn (box labels, titles).
const MIN_TEXT_PX: f32 = 4.0;
/// Arrow labels smaller than this many pixels are not drawn.
const MIN_LABEL_PX: f32 = 5.0;
/// Whether arrow labels are drawn at `zoom` (they would be too small to
/// read further out).
#[must_use]
pub fn edge_labels_shown(zoom: f32) -> bool {
    labels::EDGE_LABEL_SIZE * zoom >= MIN_LABEL_PX
}

/// Kind tags smaller than this many pixels are not drawn.
const MIN_TAG_PX: f32 = 6.0;

/// How strongly a box or arrow is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Emphasis {
    Normal,
    Hovered,
    Highlighted,
    Dimmed,
}

fn contains(list: &[String], id: &str) -> bool {
    list.iter().any(|x| x == id)
}

/// The primitives of `diagram` laid out as `layout`, drawn as `view`
/// says, in painting order; with `visible` (canvas units) only what may
/// show inside it.
#[must_use]
pub fn paint<'a>(
    diagram: &Diagram,
    layout: &'a Layout,
    view: &View<'_>,
    visible: Option<R>,
) -> Vec<Primitive<'a>> {
    let shows = |r: R| visible.is_none_or(|v| v.intersects(&r));
    let palette = Palette::of(view.theme);
    // Only what may show: the spatial index's candidates.
    let edges = layout.edges_in(visible);
    let nodes = layout.nodes_in(visible);
    // About what they paint (a line and a head per arrow, a shape and a
    // label per box, a frame and a title per boundary), so that tens of
    // thousands of primitives are not copied again and again as the list
    // grows.
    let mut out =
        Vec::with_capacity(2 * layout.containers.len() + 2 * edges.len() + 3 * nodes.len());
    paint_containers(&mut out, diagram, layout, view, &palette, &shows);
    paint_edges(&mut out, (diagram, &edges), layout, view, &palette, &shows);
    paint_nodes(&mut out, (diagram, &nodes), layout, view, &palette, &shows);
    paint_overlay(&mut out, diagram, layout, view, &palette);
    out
}

fn paint_containers<'a>(
    out: &mut Vec<Primitive<'a>>,
    diagram: &Diagram,
    layout: &'a Layout,
    view: &View<'_>,
    palette: &Palette,
    shows: &dyn Fn(R) -> bool,
) {
    let base = if view.highlight.is_some() {
        palette.boundary.faded(0.4)
    } else {
        palette.boundary
    };
    for c in &layout.containers {
        if !shows(c.rect) {
            continue;
        }
        let boundary = &diagram.boundaries[c.index];
        let selected = view
            .selected
            .is_some_and(|s| s.boundaries.contains(boundary.id.as_str()));
        let color = if selected { palette.selection } else { base };
        out.push(Primitive::Rect {
            rect: c.rect,
            radius: boundaries::BOUNDARY_RADIUS,
            fill: Some(palette.boundary_fill),
            stroke: Some(Stroke::dashed(
                color,
                boundaries::BOUNDARY_STROKE,
                (view.zoom >= DASH_MIN_ZOOM).then_some(palette::BOUNDARY_DASH),
            )),
        });
        if boundaries::BOUNDARY_TITLE_SIZE * view.zoom >= MIN_LABEL_PX {
            let at = boundaries::title_origin(c.rect);
            out.push(Primitive::Text {
                lines: Cow::Owned(vec![boundary.label.clone()]),
                x: at.x,
                top: at.y,
                size: boundaries::BOUNDARY_TITLE_SIZE,
                color,
                align: Align::Left,
            });
        }
    }
}

fn paint_edges<'a>(
    out: &mut Vec<Primitive<'a>>,
    (diagram, candidates): (&Diagram, &[usize]),
    layout: &'a Layout,
    view: &View<'_>,
    palette: &Palette,
    shows: &dyn Fn(R) -> bool,
) {
    if let Some(tint) = view.tint {
        for &i in candidates {
            let (edge, laid) = (&diagram.edges[i], &layout.edges[i]);
            if let (Some(laid), Some(c)) = (laid, tint.edges.get(edge.id.as_str()))
                && shows(laid.bounds)
            {
                out.push(Primitive::Polyline {
                    points: Cow::Borrowed(&laid.points),
                    stroke: Stroke::solid(c.faded(0.45), HALO.max(4.0 / view.zoom.max(0.01))),
                });
            }
        }
    }
    let mut labels = Vec::new();
    for &i in candidates {
        let (edge, laid) = (&diagram.edges[i], &layout.edges[i]);
        let Some(laid) = laid else { continue };
        if !shows(laid.bounds) {
            continue;
        }
        let id = edge.id.as_str();
        let emphasis = match (view.highlight, view.selected) {
            (Some(h), _) if contains(h.edges, id) => Emphasis::Highlighted,
            (Some(_), _) => Emphasis::Dimmed,
            (None, Some(s)) if s.edges.contains(id) => Emphasis::Highlighted,
            _ => Emphasis::Normal,
        };
        let color = palette.edge_color(edge.kind);
        let color = if emphasis == Emphasis::Dimmed {
            color.faded(0.22)
        } else {
            color
        };
        let width = if emphasis == Emphasis::Highlighted {
            edges::EDGE_STROKE_STRONG
        } else {
            edges::EDGE_STROKE
        };
        edges::arrow(
            out,
            edge.kind,
            &laid.points,
            laid.self_loop,
            EdgePaint {
                color,
                width,
                dashes: view.zoom >= DASH_MIN_ZOOM,
                min_head: 5.0 / view.zoom.max(0.01),
                background: palette.background,
            },
        );
        if let Some(rect) = laid.label
            && edge_labels_shown(view.zoom)
            && shows(rect)
        {
            labels.push((laid, rect, color, emphasis));
        }
    }
    // Labels last, so no line crosses them.
    for (laid, rect, color, emphasis) in labels {
        let (text, background) = if emphasis == Emphasis::Dimmed {
            (
                palette.weak_text.faded(0.35),
                palette.label_background.faded(0.5),
            )
        } else {
            (color, palette.label_background)
        };
        out.push(Primitive::Rect {
            rect,
            radius: 3.0,
            fill: Some(background),
            stroke: None,
        });
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let height =
            font::line_height(labels::EDGE_LABEL_SIZE) * laid.label_lines.len().max(1) as f32;
        out.push(Primitive::Text {
            lines: Cow::Borrowed(&laid.label_lines),
            x: rect.center().x,
            top: rect.center().y - height * 0.5,
            size: labels::EDGE_LABEL_SIZE,
            color: text,
            align: Align::Center,
        });
    }
}

fn paint_nodes<'a>(
    out: &mut Vec<Primitive<'a>>,
    (diagram, candidates): (&Diagram, &[usize]),
    layout: &'a Layout,
    view: &View<'_>,
    palette: &Palette,
    shows: &dyn Fn(R) -> bool,
) {
    for &i in candidates {
        let (node, laid) = (&diagram.nodes[i], &layout.nodes[i]);
        if !shows(shapes::extent(node.kind, laid.rect).expand2(8.0, 8.0)) {
            continue;
        }
        let id = node.id.as_str();
        let emphasis = match (view.highlight, view.selected) {
            (Some(h), _) if contains(h.nodes, id) => Emphasis::Highlighted,
            (Some(_), _) => Emphasis::Dimmed,
            (None, Some(s)) if s.nodes.contains(id) => Emphasis::Highlighted,
            _ if view.hovered == Some(i) => Emphasis::Hovered,
            _ => Emphasis::Normal,
        };
        node_ui(
            out,
            node.kind,
            laid.rect,
            Cow::Borrowed(&laid.lines),
            (view, palette),
            emphasis,
            view.tint.and_then(|t| t.nodes.get(id)).copied(),
        );
        if contains(view.extra, id) {
            badge(
                out,
                laid.rect.expand2(2.0, 2.0),
                EXTRA_TAG,
                palette::EXTRA,
                view.zoom,
            );
        }
    }
}

/// One box: glow when highlighted, its shape, tag and label.
fn node_ui<'a>(
    out: &mut Vec<Primitive<'a>>,
    kind: NodeKind,
    rect: R,
    lines: Cow<'a, [String]>,
    (view, palette): (&View<'_>, &Palette),
    emphasis: Emphasis,
    tint: Option<Rgba>,
) {
    let (fill, outline) = palette.node_colors(kind);
    let fill = tint.map_or(fill, |t| fill.mix(t, TINT_FILL));
    let dim = |c: Rgba| {
        if emphasis == Emphasis::Dimmed {
            c.faded(0.28)
        } else {
            c
        }
    };
    let (fill, outline) = (dim(fill), dim(outline));
    let width = match emphasis {
        Emphasis::Highlighted => 3.0,
        Emphasis::Hovered => 2.2,
        Emphasis::Normal | Emphasis::Dimmed => shapes::NODE_STROKE,
    };
    if emphasis == Emphasis::Highlighted {
        out.push(Primitive::Rect {
            rect: rect.expand2(6.0, 6.0),
            radius: 12.0,
            fill: Some(outline.faded(0.25)),
            stroke: None,
        });
    }
    let plain = view.zoom < SHAPE_MIN_ZOOM;
    if let Some(t) = tint {
        out.push(Primitive::Rect {
            rect: rect.expand2(3.0, 3.0),
            radius: 6.0,
            fill: None,
            stroke: Some(Stroke::solid(t, 2.5)),
        });
    }
    shapes::shape(
        out,
        kind,
        rect,
        NodePaint {
            fill,
            outline,
            width,
        },
        plain,
    );
    if plain || shapes::LABEL_SIZE * view.zoom < MIN_TEXT_PX {
        return;
    }
    let tag = (shapes::TAG_SIZE * view.zoom >= MIN_TAG_PX).then_some(outline);
    shapes::text(out, kind, rect, lines, (dim(palette.text), tag));
}

/// The font size of badges at `zoom`: 9 units, at least 7 pixels.
fn badge_size(zoom: f32) -> f32 {
    9.0_f32.max(7.0 / zoom.max(0.01))
}

/// Where a badge with `text` goes above `frame`'s top-left corner.
fn badge_rect(frame: R, text: &str, zoom: f32) -> R {
    let zoom = zoom.max(0.01);
    let size = badge_size(zoom);
    let (w, h) = (font::text_width(text, size), font::line_height(size));
    let (pad_x, pad_y) = (8.0 / zoom, 4.0 / zoom);
    R {
        min: p(frame.min.x, frame.min.y - h - pad_y),
        max: p(frame.min.x + w + pad_x, frame.min.y),
    }
}

/// A small coloured tag with white capitals above `frame`'s top-left
/// corner ("MISSING", "OPTIONAL", "EXTRA"), legible at any zoom.
fn badge(out: &mut Vec<Primitive<'_>>, frame: R, text: &str, color: Rgba, zoom: f32) {
    let zoom = zoom.max(0.01);
    let size = badge_size(zoom);
    let h = font::line_height(size);
    let rect = badge_rect(frame, text, zoom);
    out.push(Primitive::Rect {
        rect,
        radius: 3.0 / zoom,
        fill: Some(color),
        stroke: None,
    });
    out.push(Primitive::Text {
        lines: Cow::Owned(vec![text.to_owned()]),
        x: rect.center().x,
        top: rect.center().y - h * 0.5,
        size,
        color: palette::BADGE_TEXT,
        align: Align::Center,
    });
}

/// The checker's overlay: ghosts of missing boxes and "!" on wrong arrows.
fn paint_overlay(
    out: &mut Vec<Primitive<'_>>,
    diagram: &Diagram,
    layout: &Layout,
    view: &View<'_>,
    palette: &Palette,
) {
    let zoom = view.zoom.max(0.01);
    for ghost in view.ghosts {
        let frame = ghost_frame(ghost.kind, ghost.pos);
        let rect = frame.expand2(-GHOST_FRAME, -GHOST_FRAME);
        // A required part is red; an optional one (only notes name it)
        // neutral and fainter, so a 100/100 drawing shows no alarm.
        let color = if ghost.optional {
            palette::OPTIONAL
        } else {
            palette::MISSING
        };
        if !ghost.lit {
            out.push(Primitive::Rect {
                rect: frame,
                radius: 4.0 / zoom,
                fill: None,
                stroke: Some(Stroke::solid(color.faded(0.25), 1.0 / zoom)),
            });
            continue;
        }
        if ghost.optional {
            // The outline and the label only, faint: no filled box.
            out.push(Primitive::Rect {
                rect,
                radius: 6.0,
                fill: None,
                stroke: Some(Stroke::solid(color.faded(0.5), 1.0 / zoom)),
            });
            if shapes::LABEL_SIZE * view.zoom >= MIN_TEXT_PX && view.zoom >= SHAPE_MIN_ZOOM {
                let lines = shapes::label_lines(ghost.kind, rect, ghost.label);
                shapes::text(
                    out,
                    ghost.kind,
                    rect,
                    Cow::Owned(lines),
                    (
                        palette.weak_text.faded(0.8),
                        (shapes::TAG_SIZE * view.zoom >= MIN_TAG_PX).then_some(color.faded(0.8)),
                    ),
                );
            }
        } else {
            let lines = shapes::label_lines(ghost.kind, rect, ghost.label);
            node_ui(
                out,
                ghost.kind,
                rect,
                Cow::Owned(lines),
                (view, palette),
                Emphasis::Dimmed,
                None,
            );
        }
        out.push(Primitive::Rect {
            rect: frame,
            radius: 0.0,
            fill: None,
            stroke: Some(Stroke::dashed(
                if ghost.optional {
                    color.faded(0.7)
                } else {
                    color
                },
                if ghost.optional {
                    (0.6 / zoom).max(1.0)
                } else {
                    2.0 * (0.6 / zoom).max(1.0)
                },
                Some(palette::EXTERNAL_DASH),
            )),
        });
        badge(out, frame, ghost_tag(ghost.optional), color, view.zoom);
    }
    for id in view.flagged_edges {
        let Some(i) = diagram.edges.iter().position(|e| e.id.as_str() == id) else {
            continue;
        };
        let Some(laid) = &layout.edges[i] else {
            continue;
        };
        let center = labels::point_along(&laid.points, 0.5);
        let radius = (9.0 * zoom).clamp(6.0, 14.0) / zoom;
        out.push(Primitive::Rect {
            rect: R::centered(center, 2.0 * radius, 2.0 * radius),
            radius,
            fill: Some(palette::WRONG_EDGE),
            stroke: Some(Stroke::solid(palette::BADGE_TEXT, 1.5 / zoom)),
        });
        let size = radius * 1.4;
        out.push(Primitive::Text {
            lines: Cow::Owned(vec!["!".to_owned()]),
            x: center.x,
            top: center.y - font::line_height(size) * 0.5,
            size,
            color: palette::BADGE_TEXT,
            align: Align::Center,
        });
    }
}
