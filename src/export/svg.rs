//! SVG of a diagram: the scene's primitives (drawn as the canvas draws
//! them in light mode) written one element each, fitted to their extent
//! with a margin. Deterministic: fixed number formatting, document order.

use std::fmt::Write as _;

use super::writer::{N, write_primitive, xml};
use crate::model::Diagram;
use crate::scene::geometry::{R, node_rect, p};
use crate::scene::{self, Layout, Picture, View, palette};

/// Empty space around the picture.
const MARGIN: f32 = 24.0;
/// Empty space around a picture with a title or legend (one for a slide).
const FRAMED_MARGIN: f32 = 40.0;
/// The font family named in the SVG; rasterising loads it from the binary.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// The diagram as a standalone SVG document, fitted to its content.
#[must_use]
pub fn svg(diagram: &Diagram) -> String {
    svg_with(diagram, &Picture::default())
}

/// The diagram as a standalone SVG document with what `picture` adds (a
/// title above, a legend below), fitted to it all.
#[must_use]
pub fn svg_with(diagram: &Diagram, picture: &Picture) -> String {
    let layout = Layout::new(diagram);
    let mut primitives = scene::paint(diagram, &layout, &View::default(), None);
    let content = scene::extent(&primitives).unwrap_or(R {
        min: p(0.0, 0.0),
        max: p(200.0, 100.0),
    });
    let margin = if picture.is_plain() {
        MARGIN
    } else {
        primitives.extend(scene::picture::frame(diagram, content, picture));
        FRAMED_MARGIN
    };
    let bounds = scene::extent(&primitives)
        .unwrap_or(content)
        .expand2(margin, margin);
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
    let title = picture
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&diagram.title);
    if !title.is_empty() {
        let _ = writeln!(out, "<title>{}</title>", xml(title));
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
