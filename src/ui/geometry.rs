//! The canvas' own geometry in egui's types: the pan/zoom transform
//! between canvas and screen, the zoom ladder, node rectangles and
//! segment clipping. Where edges attach and what a click hits is the
//! scene's (`scene::geometry`, `scene::Layout`).

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::model::Node;
use crate::scene::geometry as plain;

/// Smallest and largest zoom factors. Down to a quarter of a percent, so
/// that zoom to fit shows a whole imported drawing of thousands of boxes
/// (a 2,000-node import in a hundred contexts lays out 156,000 units
/// tall); below 28 % boxes are drawn plain, and nothing drawn costs more
/// for being small.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.0025..=4.0;

/// A zoom as the status bar says it: whole percents, tenths below 1 %.
#[must_use]
pub fn zoom_percent(zoom: f32) -> String {
    let percent = zoom * 100.0;
    if percent < 0.95 {
        format!("{percent:.1}%")
    } else {
        format!("{percent:.0}%")
    }
}

/// One zoom step of the zoom buttons and of a mouse-wheel notch: 10 %.
pub const ZOOM_STEP: f32 = 1.1;

/// The zoom `steps` steps away from `zoom` on the ladder of powers of
/// [`ZOOM_STEP`] (…, 83 %, 91 %, 100 %, 110 %, 121 %, …), so that stepping
/// from a fitted 65 % passes through 100 %; clamped to [`ZOOM_RANGE`].
#[must_use]
pub fn zoom_step(zoom: f32, steps: i16) -> f32 {
    // How many steps above 100 % `zoom` is (a tolerance absorbs rounding).
    let rung = zoom.ln() / ZOOM_STEP.ln();
    let next = if steps >= 0 {
        (rung + 1e-3).floor() + f32::from(steps)
    } else {
        (rung - 1e-3).ceil() + f32::from(steps)
    };
    ZOOM_STEP
        .powf(next)
        .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end())
}

/// Pan and zoom of a canvas: `screen = origin + offset + canvas * zoom`,
/// where `origin` is the top-left of the canvas widget on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Screen-space offset of the canvas origin from the widget's top-left.
    pub offset: Vec2,
    /// Screen pixels per canvas unit.
    pub zoom: f32,
}

impl Default for Viewport {
    fn default() -> Self {
        Self {
            offset: Vec2::ZERO,
            zoom: 1.0,
        }
    }
}

impl Viewport {
    /// Canvas point → screen point, for a widget whose top-left is `origin`.
    #[must_use]
    pub fn screen_from_canvas(&self, origin: Pos2, p: Pos2) -> Pos2 {
        origin + self.offset + p.to_vec2() * self.zoom
    }

    /// Screen point → canvas point.
    #[must_use]
    pub fn canvas_from_screen(&self, origin: Pos2, p: Pos2) -> Pos2 {
        ((p - origin - self.offset) / self.zoom).to_pos2()
    }

    /// Canvas rectangle → screen rectangle.
    #[must_use]
    pub fn screen_rect_from_canvas(&self, origin: Pos2, r: Rect) -> Rect {
        Rect::from_min_max(
            self.screen_from_canvas(origin, r.min),
            self.screen_from_canvas(origin, r.max),
        )
    }

    /// Screen rectangle → canvas rectangle.
    #[must_use]
    pub fn canvas_rect_from_screen(&self, origin: Pos2, r: Rect) -> Rect {
        Rect::from_min_max(
            self.canvas_from_screen(origin, r.min),
            self.canvas_from_screen(origin, r.max),
        )
    }

    /// Multiplies the zoom by `factor` (clamped to [`ZOOM_RANGE`]) keeping
    /// the canvas point under `anchor` (screen) where it is.
    pub fn zoom_about(&mut self, origin: Pos2, anchor: Pos2, factor: f32) {
        let before = self.canvas_from_screen(origin, anchor);
        self.zoom = (self.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        let after = self.screen_from_canvas(origin, before);
        self.offset += anchor - after;
    }

    /// The viewport that shows all of `content` (canvas units) centred in a
    /// widget of `screen_size`, with `margin` pixels around it; never zooms in
    /// past 1.5× so a tiny diagram is not blown up.
    #[must_use]
    pub fn fit(content: Rect, screen_size: Vec2, margin: f32) -> Self {
        let avail = (screen_size - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
        let size = content.size().max(Vec2::splat(1.0));
        let zoom = (avail.x / size.x)
            .min(avail.y / size.y)
            .clamp(*ZOOM_RANGE.start(), 1.5);
        let offset = screen_size * 0.5 - content.center().to_vec2() * zoom;
        Self { offset, zoom }
    }
}

/// A node's rectangle in canvas units.
#[must_use]
pub fn node_rect(node: &Node) -> Rect {
    let size = node.size();
    Rect::from_center_size(pos2(node.pos.x, node.pos.y), vec2(size.w, size.h))
}

/// An egui rectangle as a plain one.
#[must_use]
pub fn plain_rect(r: Rect) -> plain::R {
    plain::R {
        min: plain::P {
            x: r.min.x,
            y: r.min.y,
        },
        max: plain::P {
            x: r.max.x,
            y: r.max.y,
        },
    }
}

/// A plain point as an egui point.
#[must_use]
pub fn pos(q: plain::P) -> Pos2 {
    pos2(q.x, q.y)
}

/// An egui point as a plain one.
#[must_use]
pub fn plain_pos(q: Pos2) -> plain::P {
    plain::p(q.x, q.y)
}

/// A plain rectangle as an egui one.
#[must_use]
pub fn rect(r: plain::R) -> Rect {
    Rect::from_min_max(pos(r.min), pos(r.max))
}

/// The part of segment `[a, b]` inside `rect`, or `None` when the segment
/// misses it.
#[must_use]
pub fn clip_segment([a, b]: [Pos2; 2], rect: Rect) -> Option<[Pos2; 2]> {
    let (t0, t1) = plain::clip_range(
        plain::P { x: a.x, y: a.y },
        plain::P { x: b.x, y: b.y },
        plain_rect(rect),
    )?;
    Some([a + (b - a) * t0, a + (b - a) * t1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Pos2, b: Pos2) -> bool {
        a.distance(b) < 1e-3
    }

    #[test]
    fn clip_segment_keeps_the_inside_part() {
        let r = Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 10.0));
        let inside = [pos2(2.0, 2.0), pos2(8.0, 3.0)];
        assert_eq!(clip_segment(inside, r), Some(inside));
        let across = clip_segment([pos2(-10.0, 5.0), pos2(20.0, 5.0)], r).unwrap_or_default();
        assert!(close(across[0], pos2(0.0, 5.0)) && close(across[1], pos2(10.0, 5.0)));
        assert_eq!(clip_segment([pos2(-5.0, -5.0), pos2(-1.0, 20.0)], r), None);
        assert_eq!(clip_segment([pos2(11.0, 0.0), pos2(11.0, 10.0)], r), None);
    }

    #[test]
    fn screen_and_canvas_are_inverse() {
        let vp = Viewport {
            offset: vec2(30.0, -12.0),
            zoom: 1.7,
        };
        let origin = pos2(100.0, 50.0);
        let p = pos2(-42.5, 310.25);
        assert!(close(
            vp.canvas_from_screen(origin, vp.screen_from_canvas(origin, p)),
            p
        ));
        assert!(close(
            vp.screen_from_canvas(origin, pos2(0.0, 0.0)),
            pos2(130.0, 38.0)
        ));
    }

    #[test]
    fn zoom_steps_are_ten_percent_on_a_ladder_through_100() {
        let pct = |z: f32| format!("{:.0}", z * 100.0);
        assert_eq!(pct(zoom_step(1.0, 1)), "110");
        assert_eq!(pct(zoom_step(1.0, -1)), "91");
        assert_eq!(pct(zoom_step(1.1, -1)), "100");
        // From a fitted 65 %: up to 68, 75, 83, 91, 100.
        let mut z = 0.65;
        let mut seen = Vec::new();
        for _ in 0..5 {
            z = zoom_step(z, 1);
            seen.push(pct(z));
        }
        assert_eq!(seen, ["68", "75", "83", "91", "100"]);
        assert_eq!(pct(zoom_step(0.65, -1)), "62");
        assert!((zoom_step(4.0, 1) - 4.0).abs() < 1e-6, "clamped");
        assert!((zoom_step(0.0025, -3) - 0.0025).abs() < 1e-6, "clamped");
        assert_eq!(zoom_percent(0.005), "0.5%");
        assert_eq!(zoom_percent(0.65), "65%");
        assert_eq!(pct(zoom_step(0.1, -1)), "9", "below 10 %");
    }

    #[test]
    fn zoom_keeps_the_anchor_still_and_clamps() {
        let mut vp = Viewport::default();
        let origin = pos2(10.0, 10.0);
        let anchor = pos2(300.0, 200.0);
        let under = vp.canvas_from_screen(origin, anchor);
        vp.zoom_about(origin, anchor, 2.0);
        assert!((vp.zoom - 2.0).abs() < 1e-6);
        assert!(close(vp.screen_from_canvas(origin, under), anchor));
        vp.zoom_about(origin, anchor, 100.0);
        assert!((vp.zoom - 4.0).abs() < 1e-6);
    }

    #[test]
    fn fit_centres_the_content() {
        let content = Rect::from_min_max(pos2(0.0, 0.0), pos2(1000.0, 500.0));
        let vp = Viewport::fit(content, vec2(520.0, 520.0), 10.0);
        assert!((vp.zoom - 0.5).abs() < 1e-6);
        let origin = Pos2::ZERO;
        assert!(close(
            vp.screen_from_canvas(origin, content.center()),
            pos2(260.0, 260.0)
        ));
        // A tiny diagram is not blown up past 1.5×.
        let tiny = Viewport::fit(
            Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 10.0)),
            vec2(800.0, 600.0),
            10.0,
        );
        assert!((tiny.zoom - 1.5).abs() < 1e-6);
        // A big import is shown whole: 20,000 units tall in 700 pixels.
        let tall = Rect::from_min_max(pos2(0.0, 0.0), pos2(8_000.0, 20_000.0));
        let big = Viewport::fit(tall, vec2(1000.0, 700.0), 20.0);
        assert!((big.zoom - 660.0 / 20_000.0).abs() < 1e-6, "{}", big.zoom);
        // So is a 2,000-node import in a hundred contexts.
        let contexts = Rect::from_min_max(pos2(0.0, 0.0), pos2(8_000.0, 156_000.0));
        let whole = Viewport::fit(contexts, vec2(1000.0, 700.0), 20.0);
        assert!(
            (whole.zoom - 660.0 / 156_000.0).abs() < 1e-6,
            "{}",
            whole.zoom
        );
        assert_eq!(zoom_percent(whole.zoom), "0.4%");
        // Past the floor it is clamped.
        let huge = Rect::from_min_max(pos2(0.0, 0.0), pos2(8_000.0, 1.0e6));
        let floor = Viewport::fit(huge, vec2(1000.0, 700.0), 20.0);
        assert!((floor.zoom - 0.0025).abs() < 1e-6, "{}", floor.zoom);
    }
}
