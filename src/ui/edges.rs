//! Painting arrows: one stroke per edge kind (solid sync, dashed async,
//! dotted data, red compensation), arrowheads, self-loops, parallel edges
//! side by side and labels on an opaque background.

use egui::{Color32, FontId, Painter, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};

use super::canvas::Highlight;
use super::geometry::{self, Viewport};
use super::shapes::Emphasis;
use super::theme::CanvasTheme;
use crate::model::{Diagram, Edge, EdgeKind};

/// Paints every edge (labels last, so lines never cross them); edges in
/// `highlight` stand out and the rest dim, `selected` ones are emphasised.
/// `offsets` are the parallel-edge offsets, indexed like the edges;
/// `containers` the boundary rectangles, whose titles labels keep clear of.
pub fn paint_edges(
    painter: &Painter,
    diagram: &Diagram,
    (vp, origin): (Viewport, Pos2),
    theme: &CanvasTheme,
    (highlight, selected): (Option<&Highlight>, &std::collections::BTreeSet<String>),
    (offsets, containers): (&[f32], &[(usize, crate::export::geometry::R)]),
) {
    // Labels below a legible size are not drawn, so not placed either.
    let label_rects = if crate::export::labels::EDGE_LABEL_SIZE * vp.zoom >= MIN_LABEL_PX {
        crate::export::labels::edge_label_rects(diagram, offsets, containers)
    } else {
        vec![None; diagram.edges.len()]
    };
    let nodes: std::collections::HashMap<&str, &crate::model::Node> =
        diagram.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let visible = painter.clip_rect();
    let mut labels = Vec::new();
    for ((edge, &offset), label) in diagram.edges.iter().zip(offsets).zip(label_rects) {
        let (Some(from), Some(to)) = (
            nodes.get(edge.from.as_str()).copied(),
            nodes.get(edge.to.as_str()).copied(),
        ) else {
            continue;
        };
        // Off screen: both ends' boxes span a rectangle that misses the view.
        let reach = vp.screen_rect_from_canvas(
            origin,
            geometry::node_rect(from).union(geometry::node_rect(to)),
        );
        if !reach.expand(40.0 * vp.zoom.max(1.0)).intersects(visible) {
            continue;
        }
        let emphasis = match highlight {
            Some(h) if h.edges.iter().any(|id| id == edge.id.as_str()) => Emphasis::Highlighted,
            Some(_) => Emphasis::Dimmed,
            None if selected.contains(edge.id.as_str()) => Emphasis::Highlighted,
            None => Emphasis::Normal,
        };
        let segment = if edge.from == edge.to {
            None
        } else {
            Some(geometry::edge_segment(
                geometry::node_rect(from),
                geometry::node_rect(to),
                offset,
            ))
        };
        let color = theme.edge_color(edge.kind);
        let color = if emphasis == Emphasis::Dimmed {
            color.gamma_multiply(0.22)
        } else {
            color
        };
        let width = if emphasis == Emphasis::Highlighted {
            3.2
        } else {
            1.6
        } * vp.zoom.max(0.5);
        let stroke = Stroke::new(width, color);
        match segment {
            Some([a, b]) => {
                let (a, b) = (
                    vp.screen_from_canvas(origin, a),
                    vp.screen_from_canvas(origin, b),
                );
                paint_edge_line(painter, edge.kind, [a, b], stroke, vp.zoom);
            }
            None => paint_self_loop(
                painter,
                vp.screen_rect_from_canvas(origin, geometry::node_rect(from)),
                edge.kind,
                stroke,
                vp.zoom,
            ),
        }
        if let Some(rect) = label {
            let rect =
                Rect::from_min_max(pos2(rect.min.x, rect.min.y), pos2(rect.max.x, rect.max.y));
            labels.push((
                edge,
                vp.screen_rect_from_canvas(origin, rect),
                color,
                emphasis,
            ));
        }
    }
    // Labels last, so lines never cross them.
    for (edge, rect, color, emphasis) in labels {
        paint_edge_label(painter, edge, rect, color, theme, vp.zoom, emphasis);
    }
}

/// Edge labels smaller than this many pixels are not drawn.
const MIN_LABEL_PX: f32 = 5.0;

/// Below this zoom dashes are not drawn: lines are solid and the kind
/// shows by colour alone (a dash pattern is barely visible there, and
/// thousands of sub-pixel dashes would cost more than the rest of the
/// frame).
const DASH_MIN_ZOOM: f32 = 0.4;

/// A polyline dashed in a pattern of `dash` and `gap` canvas units at
/// `zoom` (never under a few pixels), or solid when zoomed far out.
#[must_use]
pub fn dashed(points: &[Pos2], stroke: Stroke, (dash, gap): (f32, f32), zoom: f32) -> Vec<Shape> {
    dashed_from(points, stroke, (dash, gap), zoom, 0.0)
}

/// [`dashed`], with the pattern continued from `start` pixels before the
/// first point (so a clipped line keeps its dashes in place when panned).
fn dashed_from(
    points: &[Pos2],
    stroke: Stroke,
    (dash, gap): (f32, f32),
    zoom: f32,
    start: f32,
) -> Vec<Shape> {
    if zoom < DASH_MIN_ZOOM {
        return vec![Shape::line(points.to_vec(), stroke)];
    }
    let (dash, gap) = ((dash * zoom).max(2.0), (gap * zoom).max(3.0));
    let period = dash + gap;
    // The helper starts with a gap of `offset`: skip to the next dash.
    let offset = (period - start.rem_euclid(period)).rem_euclid(period);
    Shape::dashed_line_with_offset(points, stroke, &[dash], &[gap], offset)
}

/// Paints one arrow from `a` to `b` in the stroke of its kind.
pub fn paint_edge_line(
    painter: &Painter,
    kind: EdgeKind,
    [a, b]: [Pos2; 2],
    stroke: Stroke,
    zoom: f32,
) {
    let dir = (b - a).normalized();
    let head = (10.0 * zoom).max(5.0);
    let tip = b;
    let base = tip - dir * head;
    // Only the visible part is stroked: a long edge crossing a zoomed-in
    // view would otherwise make thousands of off-screen dashes.
    let margin = 24.0 * zoom.max(1.0);
    let Some([from, to]) = geometry::clip_segment([a, base], painter.clip_rect().expand(margin))
    else {
        return;
    };
    let start = from.distance(a);
    match kind {
        EdgeKind::Sync => {
            painter.line_segment([from, to], stroke);
        }
        EdgeKind::Async => {
            painter.extend(dashed_from(&[from, to], stroke, (8.0, 5.0), zoom, start));
        }
        EdgeKind::Data => {
            painter.extend(dashed_from(&[from, to], stroke, (2.5, 3.5), zoom, start));
        }
        EdgeKind::Compensation => {
            painter.extend(dashed_from(
                &[from, to],
                Stroke::new(stroke.width * 1.2, stroke.color),
                (12.0, 4.0),
                zoom,
                start,
            ));
        }
    }
    arrow_head(
        painter,
        tip,
        dir,
        head,
        stroke.color,
        kind == EdgeKind::Compensation,
    );
}

fn arrow_head(painter: &Painter, tip: Pos2, dir: Vec2, size: f32, color: Color32, hollow: bool) {
    let normal = vec2(-dir.y, dir.x);
    let base = tip - dir * size;
    let points = vec![
        tip,
        base + normal * size * 0.45,
        base - normal * size * 0.45,
    ];
    if hollow {
        painter.add(Shape::closed_line(points, Stroke::new(1.6, color)));
    } else {
        painter.add(Shape::convex_polygon(points, color, Stroke::NONE));
    }
}

fn paint_self_loop(painter: &Painter, rect: Rect, kind: EdgeKind, stroke: Stroke, zoom: f32) {
    let r = crate::export::labels::SELF_LOOP_RADIUS * zoom;
    // Same place as `labels::self_loop_center`, scaled to the screen.
    let center = rect.right_top() + vec2(-r * 0.6, -r * 0.2);
    let points: Vec<Pos2> = (0..=20)
        .map(|i| {
            #[expect(clippy::cast_precision_loss, reason = "twenty steps")]
            let t = std::f32::consts::PI * (0.9 - 1.6 * i as f32 / 20.0);
            center + vec2(t.cos(), -t.sin()) * r
        })
        .collect();
    let end = points[points.len() - 1];
    let dir = (end - points[points.len() - 2]).normalized();
    if kind == EdgeKind::Sync {
        painter.add(Shape::line(points, stroke));
    } else {
        painter.extend(dashed(&points, stroke, (6.0, 4.0), zoom));
    }
    arrow_head(
        painter,
        end,
        dir,
        8.0 * zoom,
        stroke.color,
        kind == EdgeKind::Compensation,
    );
}

fn paint_edge_label(
    painter: &Painter,
    edge: &Edge,
    rect: Rect,
    color: Color32,
    theme: &CanvasTheme,
    zoom: f32,
    emphasis: Emphasis,
) {
    let size = crate::export::labels::EDGE_LABEL_SIZE * zoom;
    if size < MIN_LABEL_PX || !rect.intersects(painter.clip_rect()) {
        return;
    }
    let text_color = if emphasis == Emphasis::Dimmed {
        theme.weak_text.gamma_multiply(0.35)
    } else {
        color
    };
    let background = if emphasis == Emphasis::Dimmed {
        theme.label_background.gamma_multiply(0.5)
    } else {
        theme.label_background
    };
    painter.rect_filled(rect, 3.0 * zoom, background);
    let galley = painter.layout_no_wrap(edge.label.clone(), FontId::proportional(size), text_color);
    painter.galley(rect.center() - galley.size() * 0.5, galley, text_color);
}

/// A short sample of an edge style, for legends.
pub fn edge_sample_ui(ui: &mut Ui, kind: EdgeKind) -> egui::Response {
    let (response, painter) = ui.allocate_painter(vec2(44.0, 14.0), Sense::hover());
    let theme = CanvasTheme::new(ui.visuals().dark_mode);
    let rect = response.rect;
    let stroke = Stroke::new(1.6, theme.edge_color(kind));
    paint_edge_line(
        &painter,
        kind,
        [rect.left_center(), rect.right_center()],
        stroke,
        1.0,
    );
    response
}
