//! The drawing of a diagram, described once for every backend (no egui
//! here). [`Layout`] is the view-independent geometry — box rectangles
//! and wrapped labels, boundary containers in painting order, each
//! arrow's drawn line and its label's box. [`paint`] turns a layout and
//! the [`View`] options (theme, zoom, highlight, selection, simulation
//! tint, the checker's ghosts and badges) into [`Primitive`]s in painting
//! order: containers, arrows, arrow labels, boxes, overlay. The canvas
//! paints those primitives with egui's painter; the SVG writer writes
//! them; the PNG is resvg over that SVG.

pub mod boundaries;
mod drag;
pub mod edges;
pub mod font;
pub mod geometry;
pub mod index;
mod label_space;
pub mod labels;
mod layout;
mod paint;
pub mod palette;
pub mod picture;
pub mod primitive;
pub mod route;
pub mod shapes;

pub use boundaries::{Container, boundary_rects};
pub use drag::Drag;
pub use layout::{EdgeLayout, Layout, NodeLayout, fingerprint};
pub use paint::{
    EXTRA_TAG, Ghost, Highlight, SHAPE_MIN_ZOOM, Selected, Tint, View, badge_extent,
    edge_labels_shown, ghost_extent, ghost_frame, ghost_tag, paint,
};
pub use palette::{Palette, Rgba, Theme};
pub use picture::Picture;
pub use primitive::{Align, Primitive, Seg, Stroke};

use geometry::{P, R, p};

use crate::model::Point;

/// The area everything in `primitives` covers.
#[must_use]
pub fn extent(primitives: &[Primitive<'_>]) -> Option<R> {
    primitives
        .iter()
        .filter_map(Primitive::bounds)
        .reduce(R::union)
}

/// Shorthand for a point from a model point.
#[must_use]
pub fn point(q: Point) -> P {
    p(q.x, q.y)
}
