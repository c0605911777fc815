//! The simulator's overlay on the canvas. The tints are the scene's
//! (`scene::Tint`: every box tinted by its utilisation, the arrows of
//! failed request paths haloed in red and of degraded ones in amber, drawn
//! with the rest of the drawing); this adds what only the canvas shows: ρ
//! written under each box, boxes taken down crossed out, and the first
//! bottleneck called out with the metric to watch.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, vec2};

use super::geometry::{self, Viewport};
use super::paint::color;
use crate::model::Diagram;
use crate::scene::palette::sim as colors;
use crate::scene::{Layout, Tint};
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
    /// Box fills and arrow halos, for the scene.
    pub tint: Tint,
}

impl SimDecor {
    /// The overlay of `sim` on `diagram`.
    #[must_use]
    pub fn new(diagram: &Diagram, sim: &Simulation) -> Self {
        let nodes: Vec<(String, Heat, String)> = sim
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
        let mut tint = Tint::default();
        for (id, heat, _) in &nodes {
            tint.nodes.insert(id.clone(), heat_rgba(*heat));
        }
        for (ids, c) in [(&degraded, colors::DEGRADED), (&failed, colors::FAILED)] {
            for id in ids {
                tint.edges.insert(id.clone(), c);
            }
        }
        Self {
            nodes,
            failed_edges: failed,
            degraded_edges: degraded,
            callout,
            tint,
        }
    }
}

/// The scene colour of a heat.
#[must_use]
pub const fn heat_rgba(heat: Heat) -> crate::scene::Rgba {
    match heat {
        Heat::Idle => colors::IDLE,
        Heat::Cool => colors::COOL,
        Heat::Warm => colors::WARM,
        Heat::Saturated => colors::SATURATED,
        Heat::Buffering => colors::BUFFERING,
        Heat::Down => colors::DOWN,
    }
}

/// The tint of a heat (also the legend's swatches).
#[must_use]
pub fn heat_color(heat: Heat) -> Color32 {
    color(heat_rgba(heat))
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
#[must_use]
pub fn failed_color() -> Color32 {
    color(colors::FAILED)
}

/// ρ labels, crosses on down boxes and the bottleneck's callout, over
/// the boxes (their tints are the scene's).
pub fn paint_nodes(
    painter: &Painter,
    (vp, origin): (Viewport, Pos2),
    layout: &Layout,
    decor: &SimDecor,
) {
    let size = (10.0 * vp.zoom).clamp(8.0, 14.0);
    // Where the boxes are drawn (a dragged box carries its badge along).
    let screen_rect = |id: &str| {
        let i = layout.node_index(id)?;
        Some(vp.screen_rect_from_canvas(origin, geometry::rect(layout.nodes[i].rect)))
    };
    for (id, heat, text) in &decor.nodes {
        let Some(screen) = screen_rect(id) else {
            continue;
        };
        let color = heat_color(*heat);
        badge(
            painter,
            screen.center_bottom() + vec2(0.0, 6.0 * vp.zoom),
            text,
            color,
            size,
        );
        if *heat == Heat::Down {
            let stroke = Stroke::new((3.0 * vp.zoom).max(2.0), failed_color());
            painter.line_segment([screen.left_top(), screen.right_bottom()], stroke);
            painter.line_segment([screen.right_top(), screen.left_bottom()], stroke);
        }
    }
    if let Some((id, text)) = &decor.callout
        && let Some(screen) = screen_rect(id)
    {
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
