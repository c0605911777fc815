//! The simulator's overlay on the canvas. The tints are the scene's
//! (`scene::Tint`: every box tinted by its utilisation, the arrows of
//! failed request paths haloed in red and of degraded ones in amber, drawn
//! with the rest of the drawing); this adds what only the canvas shows: ρ
//! written under each box, boxes taken down crossed out, and the first
//! bottleneck and the first consumer to fall behind called out with the
//! metric to watch — each callout placed where it covers no box and no
//! badge ([`plates`]).

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, Vec2, vec2};

use super::geometry::{self, Viewport};
use super::paint::color;
use crate::model::Diagram;
use crate::scene::palette::sim as colors;
use crate::scene::{Layout, Tint};
use crate::simulate::{Heat, Limit, PathStatus, Simulation};

/// A plate over the drawing naming a limit of one box.
#[derive(Clone, Debug, PartialEq)]
pub struct Callout {
    /// The box it points at.
    pub node: String,
    /// What it says.
    pub text: String,
    /// Its colour.
    pub heat: Heat,
}

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
    /// The callouts: the first synchronous bottleneck and the first
    /// consumer to fall behind, earliest first.
    pub callouts: Vec<Callout>,
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
        let mut limits: Vec<&crate::simulate::Bottleneck> = sim
            .first_saturated
            .iter()
            .chain(&sim.first_behind)
            .collect();
        limits.sort_by(|a, b| a.at_traffic.total_cmp(&b.at_traffic));
        let callouts = limits
            .into_iter()
            .map(|b| {
                let (what, heat) = match b.limit {
                    Limit::Saturates => ("First to saturate", Heat::Saturated),
                    Limit::FallsBehind => ("First to fall behind", Heat::Buffering),
                };
                Callout {
                    node: b.node.to_string(),
                    text: format!(
                        "{what}: at {} · watch {}",
                        crate::simulate::times(b.at_traffic),
                        b.metric
                    ),
                    heat,
                }
            })
            .collect();
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
            callouts,
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

/// Where the overlay's plates go, in screen space.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plates {
    /// Each of `SimDecor::nodes`' badges (`None` for a node the drawing
    /// lacks).
    pub badges: Vec<Option<Rect>>,
    /// Each of `SimDecor::callouts` (`None` for a node the drawing lacks).
    pub callouts: Vec<Option<Rect>>,
}

/// The badge's text size at a zoom.
fn badge_size(zoom: f32) -> f32 {
    (10.0 * zoom).clamp(8.0, 14.0)
}

/// A plate's padding around its text.
const PAD: Vec2 = vec2(10.0, 4.0);

/// Lays the plates out: each badge under its box, then each callout at the
/// first place near its box that covers no box, no badge and no earlier
/// callout and stays inside `view` (above, beside, below its badge, then
/// farther out); when the drawing leaves no such place, the one that
/// covers least. `measure` gives a text's size at a font size (the
/// painter's fonts on screen).
#[must_use]
pub fn plates(
    vp: Viewport,
    origin: Pos2,
    view: Rect,
    layout: &Layout,
    decor: &SimDecor,
    measure: &dyn Fn(&str, f32) -> Vec2,
) -> Plates {
    let size = badge_size(vp.zoom);
    let screen = |id: &str| screen_rect(vp, origin, layout, id);
    let badges: Vec<Option<Rect>> = decor
        .nodes
        .iter()
        .map(|(id, _, text)| {
            screen(id).map(|r| {
                Rect::from_center_size(
                    r.center_bottom() + vec2(0.0, 6.0 * vp.zoom),
                    measure(text, size) + PAD,
                )
            })
        })
        .collect();
    let mut taken: Vec<Rect> = layout
        .nodes
        .iter()
        .map(|n| vp.screen_rect_from_canvas(origin, geometry::rect(n.rect)))
        .chain(badges.iter().flatten().copied())
        .collect();
    let mut callouts = Vec::new();
    for c in &decor.callouts {
        let Some(target) = screen(&c.node) else {
            callouts.push(None);
            continue;
        };
        let badge = decor
            .nodes
            .iter()
            .position(|(id, _, _)| *id == c.node)
            .and_then(|i| badges[i]);
        let plate = measure(&c.text, size * 1.1) + PAD;
        let gap = 4.0_f32.max(3.0 * vp.zoom);
        let rect = place(target, badge, plate, (&taken, view), gap);
        taken.push(rect);
        callouts.push(Some(rect));
    }
    Plates { badges, callouts }
}

/// The first candidate rectangle of `size` around `target` that overlaps
/// nothing in `taken` and lies inside `view`, else the one covering least
/// (what lies outside the view counts as covered).
fn place(
    target: Rect,
    badge: Option<Rect>,
    size: Vec2,
    (taken, view): (&[Rect], Rect),
    gap: f32,
) -> Rect {
    let below = badge.map_or(target.bottom(), |b| b.bottom().max(target.bottom()));
    let mut candidates: Vec<Rect> = Vec::new();
    for step in 0..8_u8 {
        let out = f32::from(step) * (size.y + gap);
        let up = target.top() - gap - out;
        let down = below + gap + out;
        for (x_min, y_min) in [
            // Above: centred, then flush with either side.
            (target.center().x - size.x / 2.0, up - size.y),
            (target.left(), up - size.y),
            (target.right() - size.x, up - size.y),
            // Beside, level with the box.
            (
                target.right() + gap + f32::from(step) * (size.x / 2.0),
                target.center().y - size.y / 2.0,
            ),
            (
                target.left() - gap - size.x - f32::from(step) * (size.x / 2.0),
                target.center().y - size.y / 2.0,
            ),
            // Below the badge.
            (target.center().x - size.x / 2.0, down),
            (target.left(), down),
            (target.right() - size.x, down),
        ] {
            candidates.push(Rect::from_min_size(Pos2::new(x_min, y_min), size));
        }
    }
    let area = |r: Rect| if r.is_positive() { r.area() } else { 0.0 };
    let covered = |r: &Rect| -> f32 {
        let outside = r.area() - area(r.intersect(view));
        // A little air around every plate: touching reads as covering.
        let padded = r.expand(gap / 2.0);
        outside
            + taken
                .iter()
                .map(|t| area(padded.intersect(*t)))
                .sum::<f32>()
    };
    let mut best = candidates[0];
    let mut least = f32::INFINITY;
    for r in candidates {
        let c = covered(&r);
        if c <= 0.0 {
            return r;
        }
        if c < least {
            least = c;
            best = r;
        }
    }
    best
}

/// ρ labels, crosses on down boxes and the callouts, over the boxes (their
/// tints are the scene's).
pub fn paint_nodes(
    painter: &Painter,
    (vp, origin): (Viewport, Pos2),
    layout: &Layout,
    decor: &SimDecor,
) {
    let size = badge_size(vp.zoom);
    let measure = |text: &str, size: f32| {
        painter
            .layout_no_wrap(text.to_owned(), FontId::proportional(size), Color32::WHITE)
            .size()
    };
    let laid = plates(vp, origin, painter.clip_rect(), layout, decor, &measure);
    for ((id, heat, text), rect) in decor.nodes.iter().zip(&laid.badges) {
        let (Some(screen), Some(rect)) = (screen_rect(vp, origin, layout, id), rect) else {
            continue;
        };
        badge(painter, *rect, text, heat_color(*heat), size);
        if *heat == Heat::Down {
            let stroke = Stroke::new((3.0 * vp.zoom).max(2.0), failed_color());
            painter.line_segment([screen.left_top(), screen.right_bottom()], stroke);
            painter.line_segment([screen.right_top(), screen.left_bottom()], stroke);
        }
    }
    for (c, rect) in decor.callouts.iter().zip(&laid.callouts) {
        let (Some(screen), Some(rect)) = (screen_rect(vp, origin, layout, &c.node), rect) else {
            continue;
        };
        let color = heat_color(c.heat);
        // A leader from the plate to its box when they do not touch.
        let from = rect.clamp(screen.center());
        let to = screen.clamp(rect.center());
        if from.distance(to) > size {
            painter.line_segment([from, to], Stroke::new(1.5, color));
        }
        badge(painter, *rect, &c.text, color, size * 1.1);
    }
}

/// Where box `id` is drawn on screen: its rectangle in `layout` (so a
/// dragged box carries its badge and callout along).
fn screen_rect(vp: Viewport, origin: Pos2, layout: &Layout, id: &str) -> Option<Rect> {
    let i = layout.node_index(id)?;
    Some(vp.screen_rect_from_canvas(origin, geometry::rect(layout.nodes[i].rect)))
}

/// White text on a rounded `color` plate.
fn badge(painter: &Painter, rect: Rect, text: &str, color: Color32, size: f32) {
    painter.rect_filled(rect, 4.0, color);
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(size),
        Color32::WHITE,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::references;
    use crate::simulate::{Scenario, simulate};

    /// Roughly the proportional font's metrics: enough to test placement.
    fn measure(text: &str, size: f32) -> Vec2 {
        #[expect(clippy::cast_precision_loss, reason = "short labels")]
        let chars = text.chars().count() as f32;
        vec2(chars * size * 0.55, size * 1.25)
    }

    fn overlaps(a: Rect, b: Rect) -> bool {
        a.intersect(b).is_positive()
    }

    /// QA (s69): at 1,000× with Redis down and 53 % zoom, the "First to
    /// saturate" plate above Orders Postgres covered Cart service's ρ
    /// badge. No callout may cover a box, a badge or another callout, at
    /// any zoom, whatever is down.
    #[test]
    fn callouts_cover_no_box_and_no_badge() {
        let d = references::find("five-tier")
            .and_then(|r| r.load().ok())
            .expect("reference");
        let layout = Layout::new(&d);
        for scenario in [
            Scenario::at(1_000.0).with_down("redis"),
            Scenario::at(10.0),
            Scenario::at(1.0),
            Scenario::at(3.0).with_down("stripe"),
        ] {
            let sim = simulate(&d, &scenario).expect("simulates");
            let decor = SimDecor::new(&d, &sim);
            assert_eq!(decor.callouts.len(), 2, "{scenario:?}");
            for zoom in [0.3, 0.53, 0.8, 1.0, 1.5, 2.0] {
                let vp = Viewport {
                    offset: vec2(40.0, 300.0),
                    zoom,
                };
                let view = Rect::from_min_size(Pos2::new(265.0, 30.0), vec2(680.0, 740.0));
                let laid = plates(
                    vp,
                    Pos2::new(265.0, 30.0),
                    Rect::EVERYTHING,
                    &layout,
                    &decor,
                    &measure,
                );
                // In a canvas as wide as the app's beside the panel, the
                // plates stay in view when there is room (at zoom ≤ 1).
                let in_view = plates(vp, Pos2::new(265.0, 30.0), view, &layout, &decor, &measure);
                if zoom <= 0.53 {
                    for c in in_view.callouts.iter().flatten() {
                        assert!(
                            view.contains_rect(*c),
                            "{scenario:?} at {zoom}: {c:?} out of view"
                        );
                    }
                }
                let boxes: Vec<Rect> = d
                    .nodes
                    .iter()
                    .map(|n| {
                        vp.screen_rect_from_canvas(Pos2::new(265.0, 30.0), geometry::node_rect(n))
                    })
                    .collect();
                let callouts: Vec<Rect> = laid.callouts.iter().flatten().copied().collect();
                assert_eq!(callouts.len(), 2);
                for (i, c) in callouts.iter().enumerate() {
                    for (b, n) in boxes.iter().zip(&d.nodes) {
                        assert!(
                            !overlaps(*c, *b),
                            "{scenario:?} at {zoom}: callout {i} covers box {}",
                            n.id
                        );
                    }
                    for (b, (id, _, _)) in laid.badges.iter().zip(&decor.nodes) {
                        let b = b.expect("a badge");
                        assert!(
                            !overlaps(*c, b),
                            "{scenario:?} at {zoom}: callout {i} covers {id}'s badge"
                        );
                    }
                    for other in &callouts[i + 1..] {
                        assert!(
                            !overlaps(*c, *other),
                            "{scenario:?} at {zoom}: callouts overlap"
                        );
                    }
                }
            }
        }
    }
}
