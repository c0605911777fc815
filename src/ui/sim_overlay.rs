//! The simulator's overlay on the canvas: every box tinted by its
//! utilisation (with ρ written under it), boxes taken down crossed out,
//! arrows of failed request paths in red and of degraded ones in amber
//! under the boxes, and the first bottleneck called out with the metric
//! to watch.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, vec2};

use super::geometry::{self, Viewport};
use crate::model::Diagram;
use crate::simulate::{Heat, PathStatus, Simulation};

/// What the overlay draws, from one simulation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimDecor {
    /// Each node's heat and what its badge says (ρ, or the load of a
    /// box without a capacity).
    pub nodes: Vec<(String, Heat, String)>,
    /// Arrows on a failed request path.
    pub failed_edges: Vec<String>,
    /// Arrows on a degraded path (and on no failed one).
    pub degraded_edges: Vec<String>,
    /// The first bottleneck's node and what to say about it.
    pub callout: Option<(String, String)>,
}

impl SimDecor {
    /// The overlay of `sim` on `diagram`.
    #[must_use]
    pub fn new(diagram: &Diagram, sim: &Simulation) -> Self {
        let nodes = sim
            .nodes
            .iter()
            .map(|n| {
                let text = match (n.heat(), n.capacity_rps) {
                    (Heat::Down, _) => "DOWN".to_owned(),
                    (Heat::Idle, _) => "idle".to_owned(),
                    (_, None) => format!("{}/s", crate::simulate::rate(n.load_rps)),
                    (_, Some(_)) => format!("ρ {:.2}", n.utilisation),
                };
                (n.id.to_string(), n.heat(), text)
            })
            .collect();
        let mut failed = Vec::new();
        let mut degraded = Vec::new();
        for path in &sim.paths {
            let list = match path.status {
                PathStatus::Failed => &mut failed,
                PathStatus::Degraded => &mut degraded,
                PathStatus::Unaffected => continue,
            };
            for hop in path.nodes.windows(2) {
                let edge = diagram
                    .edges
                    .iter()
                    .find(|e| e.from == hop[0] && e.to == hop[1]);
                if let Some(edge) = edge
                    && !list.contains(&edge.id.to_string())
                {
                    list.push(edge.id.to_string());
                }
            }
        }
        degraded.retain(|e| !failed.contains(e));
        let callout = sim.first_bottleneck.as_ref().map(|b| {
            (
                b.node.to_string(),
                format!(
                    "First to saturate: at {} · watch {}",
                    crate::simulate::times(b.at_traffic),
                    b.metric
                ),
            )
        });
        Self {
            nodes,
            failed_edges: failed,
            degraded_edges: degraded,
            callout,
        }
    }
}

/// The tint of a heat (also the legend's swatches).
#[must_use]
pub const fn heat_color(heat: Heat) -> Color32 {
    match heat {
        Heat::Idle => Color32::from_rgb(0x8a, 0x8f, 0x98),
        Heat::Cool => Color32::from_rgb(0x3c, 0xa0, 0x5a),
        Heat::Warm => Color32::from_rgb(0xe0, 0x9b, 0x12),
        Heat::Saturated => Color32::from_rgb(0xe0, 0x3c, 0x31),
        Heat::Buffering => Color32::from_rgb(0x4a, 0x8c, 0xe0),
        Heat::Down => Color32::from_rgb(0x60, 0x60, 0x66),
    }
}

/// What each heat means, for the legend.
pub const LEGEND: [(Heat, &str); 6] = [
    (Heat::Cool, "under 70 % of capacity"),
    (Heat::Warm, "70–100 %: latency climbs"),
    (Heat::Saturated, "at or over capacity"),
    (Heat::Buffering, "draining a growing backlog"),
    (Heat::Idle, "no traffic"),
    (Heat::Down, "taken down"),
];

/// Colour of the arrows of failed paths.
pub const FAILED: Color32 = Color32::from_rgb(0xe0, 0x3c, 0x31);
/// Colour of the arrows of degraded paths.
pub const DEGRADED: Color32 = Color32::from_rgb(0xe0, 0x9b, 0x12);

/// The arrows of failed and degraded paths, wide and translucent, to be
/// painted under the arrows themselves.
pub fn paint_paths(
    painter: &Painter,
    vp: Viewport,
    origin: Pos2,
    diagram: &Diagram,
    decor: &SimDecor,
) {
    let width = (8.0 * vp.zoom).max(4.0);
    for (ids, color) in [
        (&decor.degraded_edges, DEGRADED),
        (&decor.failed_edges, FAILED),
    ] {
        for id in ids {
            let Some(edge) = diagram.edge(id) else {
                continue;
            };
            let (Some(a), Some(b)) = (
                diagram.node(edge.from.as_str()),
                diagram.node(edge.to.as_str()),
            ) else {
                continue;
            };
            let from = vp.screen_from_canvas(origin, Pos2::new(a.pos.x, a.pos.y));
            let to = vp.screen_from_canvas(origin, Pos2::new(b.pos.x, b.pos.y));
            painter.line_segment([from, to], Stroke::new(width, color.gamma_multiply(0.45)));
        }
    }
}

/// Tints, ρ labels, crosses on down boxes and the bottleneck's callout,
/// over the boxes.
pub fn paint_nodes(
    painter: &Painter,
    vp: Viewport,
    origin: Pos2,
    diagram: &Diagram,
    decor: &SimDecor,
) {
    let size = (10.0 * vp.zoom).clamp(8.0, 14.0);
    for (id, heat, text) in &decor.nodes {
        let Some(node) = diagram.node(id) else {
            continue;
        };
        let screen = vp.screen_rect_from_canvas(origin, geometry::node_rect(node));
        let color = heat_color(*heat);
        painter.rect_filled(screen, 6.0 * vp.zoom, color.gamma_multiply(0.22));
        painter.rect_stroke(
            screen.expand(3.0 * vp.zoom),
            6.0 * vp.zoom,
            Stroke::new((2.5 * vp.zoom).max(1.5), color),
            StrokeKind::Outside,
        );
        badge(
            painter,
            screen.center_bottom() + vec2(0.0, 6.0 * vp.zoom),
            text,
            color,
            size,
        );
        if *heat == Heat::Down {
            let stroke = Stroke::new((3.0 * vp.zoom).max(2.0), FAILED);
            painter.line_segment([screen.left_top(), screen.right_bottom()], stroke);
            painter.line_segment([screen.right_top(), screen.left_bottom()], stroke);
        }
    }
    if let Some((id, text)) = &decor.callout
        && let Some(node) = diagram.node(id)
    {
        let screen = vp.screen_rect_from_canvas(origin, geometry::node_rect(node));
        badge(
            painter,
            screen.center_top() - vec2(0.0, size * 2.2),
            text,
            heat_color(Heat::Saturated),
            size * 1.1,
        );
    }
}

/// White text on a rounded `color` plate centred at `at`.
fn badge(painter: &Painter, at: Pos2, text: &str, color: Color32, size: f32) {
    let galley =
        painter.layout_no_wrap(text.to_owned(), FontId::proportional(size), Color32::WHITE);
    let rect = Rect::from_center_size(at, galley.size() + vec2(10.0, 4.0));
    painter.rect_filled(rect, 4.0, color);
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(size),
        Color32::WHITE,
    );
}
