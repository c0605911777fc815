//! The primitives a scene is made of, in canvas units: rectangles with
//! rounded corners, convex polygons, polylines, paths with elliptical
//! arcs and runs of text already broken into lines. Each has a fill, a
//! stroke (with an optional dash pattern) or both. The canvas paints them
//! with egui's painter, the SVG writer writes one element each.

use std::borrow::Cow;

use super::font;
use super::geometry::{P, R, p};
use super::palette::Rgba;

/// An outline: colour, width and dash pattern, in canvas units. Strokes
/// are centred on the geometry they outline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    /// Colour.
    pub color: Rgba,
    /// Width, canvas units.
    pub width: f32,
    /// (dash, gap), canvas units; `None` for a solid line.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    /// A solid stroke.
    #[must_use]
    pub const fn solid(color: Rgba, width: f32) -> Self {
        Self {
            color,
            width,
            dash: None,
        }
    }

    /// A dashed stroke (solid when `dash` is `None`).
    #[must_use]
    pub const fn dashed(color: Rgba, width: f32, dash: Option<(f32, f32)>) -> Self {
        Self { color, width, dash }
    }
}

/// One piece of a [`Primitive::Path`] after its start point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seg {
    /// A straight line to a point.
    Line(P),
    /// An elliptical arc around `center` with `radii`, from angle `from`
    /// to angle `to` (radians, y down, so positive angles turn clockwise
    /// on screen); it starts where the path is.
    Arc {
        /// Centre of the ellipse.
        center: P,
        /// Horizontal and vertical radius.
        radii: P,
        /// Start angle.
        from: f32,
        /// End angle.
        to: f32,
    },
}

/// Horizontal alignment of a text run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Each line starts at `x`.
    Left,
    /// Each line is centred on `x`.
    Center,
}

/// A drawing instruction of a scene.
#[derive(Clone, Debug, PartialEq)]
pub enum Primitive<'a> {
    /// A rectangle with rounded corners.
    Rect {
        /// The rectangle (a stroke is centred on its border).
        rect: R,
        /// Corner radius (clamped to half the shorter side when drawn).
        radius: f32,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// A closed convex polygon.
    Polygon {
        /// Corners in order.
        points: Vec<P>,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// An open line through points.
    Polyline {
        /// The points.
        points: Cow<'a, [P]>,
        /// The line's stroke.
        stroke: Stroke,
    },
    /// A path of lines and arcs; when `fill` is set it is closed (and
    /// convex).
    Path {
        /// Where it starts.
        start: P,
        /// What follows.
        segs: Vec<Seg>,
        /// Fill, if any (closes the path).
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// Lines of text, one below the other, already wrapped.
    Text {
        /// The lines.
        lines: Cow<'a, [String]>,
        /// The anchor: centre or left end of every line.
        x: f32,
        /// Top of the first line.
        top: f32,
        /// Font size, canvas units.
        size: f32,
        /// Colour.
        color: Rgba,
        /// How lines align on `x`.
        align: Align,
    },
}

impl Primitive<'_> {
    /// The area the primitive covers (strokes included), canvas units.
    #[must_use]
    pub fn bounds(&self) -> Option<R> {
        let half = |s: &Option<Stroke>| s.map_or(0.0, |s| s.width * 0.5);
        match self {
            Self::Rect { rect, stroke, .. } => Some(rect.expand2(half(stroke), half(stroke))),
            Self::Polygon { points, stroke, .. } => {
                bounds_of(points.iter().copied()).map(|r| r.expand2(half(stroke), half(stroke)))
            }
            Self::Polyline { points, stroke } => bounds_of(points.iter().copied())
                .map(|r| r.expand2(stroke.width * 0.5, stroke.width * 0.5)),
            Self::Path {
                start,
                segs,
                stroke,
                ..
            } => {
                let points = segs.iter().flat_map(|s| match *s {
                    Seg::Line(q) => [q, q],
                    Seg::Arc { center, radii, .. } => [center - radii, center + radii],
                });
                bounds_of(std::iter::once(*start).chain(points))
                    .map(|r| r.expand2(half(stroke), half(stroke)))
            }
            Self::Text {
                lines,
                x,
                top,
                size,
                align,
                ..
            } => {
                let width = lines
                    .iter()
                    .map(|l| font::text_width(l, *size))
                    .fold(0.0, f32::max);
                #[expect(clippy::cast_precision_loss, reason = "a few lines")]
                let height = font::line_height(*size) * lines.len() as f32;
                let left = match align {
                    Align::Left => *x,
                    Align::Center => x - width * 0.5,
                };
                Some(R {
                    min: p(left, *top),
                    max: p(left + width, top + height),
                })
            }
        }
    }
}

/// The smallest rectangle holding every point.
#[must_use]
pub fn bounds_of(points: impl IntoIterator<Item = P>) -> Option<R> {
    points
        .into_iter()
        .map(|q| R { min: q, max: q })
        .reduce(R::union)
}

/// Points along an elliptical arc (for backends that draw arcs as lines),
/// `from` → `to`, with one point every ~8° at least.
#[must_use]
pub fn flatten_arc(center: P, radii: P, from: f32, to: f32) -> Vec<P> {
    let sweep = to - from;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive count"
    )]
    let steps = ((sweep.abs() / 0.14).ceil() as usize).clamp(2, 64);
    #[expect(clippy::cast_precision_loss, reason = "a small count")]
    (0..=steps)
        .map(|i| {
            let t = from + sweep * i as f32 / steps as f32;
            center + p(radii.x * t.cos(), radii.y * t.sin())
        })
        .collect()
}
