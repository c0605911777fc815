//! SVG of a diagram: the scene's primitives (drawn as the canvas draws
//! them in light mode) written one element each, fitted to their extent
//! with a margin. Deterministic: fixed number formatting, document order.

use std::fmt::Write as _;

use super::writer::{N, write_primitive, xml};
use crate::model::Diagram;
use crate::scene::geometry::{R, node_rect, p};
use crate::scene::{self, Layout, View, palette};

/// Empty space around the picture.
const MARGIN: f32 = 24.0;
/// The font family named in the SVG; rasterising loads it from the binary.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// The diagram as a standalone SVG document, fitted to its content.
#[must_use]
pub fn svg(diagram: &Diagram) -> String {
    let layout = Layout::new(diagram);
    let primitives = scene::paint(diagram, &layout, &View::default(), None);
    let bounds = scene::extent(&primitives)
        .unwrap_or(R {
            min: p(0.0, 0.0),
            max: p(200.0, 100.0),
        })
        .expand2(MARGIN, MARGIN);
    let (x, y) = (bounds.min.x.floor(), bounds.min.y.floor());
    let (w, h) = ((bounds.max.x - x).ceil(), (bounds.max.y - y).ceil());
    let mut out = String::with_capacity(1024 + primitives.len() * 120);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" font-family=\"{FONT_FAMILY}\">",
        N(x),
        N(y),
        N(w),
        N(h),
        N(w),
        N(h)
    );
    if !diagram.title.is_empty() {
        let _ = writeln!(out, "<title>{}</title>", xml(&diagram.title));
    }
    if !diagram.description.is_empty() {
        let _ = writeln!(out, "<desc>{}</desc>", xml(&diagram.description));
    }
    write_primitive(
        &mut out,
        &scene::Primitive::Rect {
            rect: R {
                min: p(x, y),
                max: p(x + w, y + h),
            },
            radius: 0.0,
            fill: Some(palette::BACKGROUND),
            stroke: None,
        },
    );
    for prim in &primitives {
        write_primitive(&mut out, prim);
    }
    out.push_str("</svg>\n");
    out
}

/// The least extent the picture of `diagram` has (its boxes and
/// containers and the margin; arrows, labels and loops only add to it), in
/// canvas units, computed without drawing: big pictures are refused on it
/// before anything is allocated.
#[must_use]
pub fn least_extent(diagram: &Diagram) -> Option<(f32, f32)> {
    let boxes = diagram.nodes.iter().map(node_rect);
    let containers = scene::boundary_rects(diagram).into_iter().map(|c| c.rect);
    let r = boxes
        .chain(containers)
        .reduce(R::union)?
        .expand2(MARGIN, MARGIN);
    Some((r.w(), r.h()))
}
