//! The window icon: a tiny typed graph — a client calling a service that
//! writes to its database — in the palette's dark-theme colours, drawn in
//! code at [`SIDE`] pixels. Without an icon of our own eframe decodes its
//! 512 px egui logo at start-up and keeps it (1 MiB of heap) although on
//! Linux it never shows it; this one costs 16 KiB and the window manager
//! does show it.

use egui::IconData;

use crate::model::{EdgeKind, NodeKind};
use crate::scene::palette::{DARK, Rgba};

/// Width and height of the icon in pixels.
pub const SIDE: usize = 64;

/// A box of the icon: its kind and its pixel rectangle `[x0, y0, x1, y1)`.
const BOXES: [(NodeKind, [usize; 4]); 3] = [
    (NodeKind::Client, [6, 7, 30, 21]),
    (NodeKind::Service, [34, 25, 58, 39]),
    (NodeKind::Database, [6, 43, 30, 57]),
];

/// The arrows as axis-aligned runs `[x0, y0, x1, y1)`, drawn under the
/// boxes: client → service (right, then down), service → database (down,
/// then left).
const WIRES: [[usize; 4]; 4] = [
    [30, 13, 46, 15],
    [45, 13, 47, 25],
    [45, 39, 47, 51],
    [30, 49, 47, 51],
];

/// Corner radius of the background tile, in pixels.
const TILE_RADIUS: usize = 12;

/// The icon's pixels (straight-alpha RGBA, row by row).
#[must_use]
pub fn app_icon() -> IconData {
    let mut rgba = vec![0; SIDE * SIDE * 4];
    let mut put = |x: usize, y: usize, c: Rgba| {
        let i = (y * SIDE + x) * 4;
        rgba[i..i + 4].copy_from_slice(&[c.0, c.1, c.2, c.3]);
    };
    for y in 0..SIDE {
        for x in 0..SIDE {
            if in_tile(x, y) {
                put(x, y, DARK.background);
            }
        }
    }
    let wire = DARK.edge_color(EdgeKind::Sync);
    for [x0, y0, x1, y1] in WIRES {
        for y in y0..y1 {
            for x in x0..x1 {
                put(x, y, wire);
            }
        }
    }
    for (kind, [x0, y0, x1, y1]) in BOXES {
        let (fill, stroke) = DARK.node_colors(kind);
        for y in y0..y1 {
            for x in x0..x1 {
                let border = x < x0 + 2 || x + 2 >= x1 || y < y0 + 2 || y + 2 >= y1;
                put(x, y, if border { stroke } else { fill });
            }
        }
    }
    #[expect(clippy::cast_possible_truncation, reason = "SIDE is 64")]
    let side = SIDE as u32;
    IconData {
        rgba,
        width: side,
        height: side,
    }
}

/// Whether pixel `(x, y)` lies on the rounded background tile.
fn in_tile(x: usize, y: usize) -> bool {
    let r = TILE_RADIUS;
    // Distance from the nearest corner's centre, when in a corner square.
    let dx = if x < r {
        r - x
    } else {
        (x + r + 1).saturating_sub(SIDE)
    };
    let dy = if y < r {
        r - y
    } else {
        (y + r + 1).saturating_sub(SIDE)
    };
    dx == 0 || dy == 0 || dx * dx + dy * dy <= r * r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixel(icon: &IconData, x: usize, y: usize) -> [u8; 4] {
        let i = (y * SIDE + x) * 4;
        [
            icon.rgba[i],
            icon.rgba[i + 1],
            icon.rgba[i + 2],
            icon.rgba[i + 3],
        ]
    }

    fn bytes(c: Rgba) -> [u8; 4] {
        [c.0, c.1, c.2, c.3]
    }

    #[test]
    fn the_icon_is_a_small_square_that_eframe_does_not_take_for_none() {
        let icon = app_icon();
        assert_eq!((icon.width, icon.height), (64, 64));
        assert_eq!(icon.rgba.len(), SIDE * SIDE * 4);
        // eframe treats `IconData::default()` as "no icon" and would then
        // decode its own logo.
        assert_ne!(icon, IconData::default());
    }

    #[test]
    fn the_tile_has_rounded_transparent_corners() {
        let icon = app_icon();
        for (x, y) in [(0, 0), (63, 0), (0, 63), (63, 63), (2, 2)] {
            assert_eq!(pixel(&icon, x, y)[3], 0, "corner pixel {x},{y}");
        }
        assert_eq!(pixel(&icon, 32, 0), bytes(DARK.background), "top edge");
        assert_eq!(pixel(&icon, 0, 32), bytes(DARK.background), "left edge");
        assert_eq!(
            pixel(&icon, 12, 3),
            bytes(DARK.background),
            "beside a corner"
        );
    }

    #[test]
    fn each_box_shows_its_kind_colours_and_the_wires_join_them() {
        let icon = app_icon();
        for (kind, [x0, y0, x1, y1]) in BOXES {
            let (fill, stroke) = DARK.node_colors(kind);
            assert_eq!(
                pixel(&icon, x0.midpoint(x1), y0.midpoint(y1)),
                bytes(fill),
                "{kind:?}"
            );
            assert_eq!(pixel(&icon, x0, y0), bytes(stroke), "{kind:?} outline");
        }
        let wire = bytes(DARK.edge_color(EdgeKind::Sync));
        assert_eq!(pixel(&icon, 38, 14), wire, "client → service");
        assert_eq!(pixel(&icon, 46, 45), wire, "service → database");
    }
}
