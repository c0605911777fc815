//! Arrow samples for legends, drawn from the scene's description of an
//! arrow (the canvas draws arrows as part of the scene).

use egui::{Sense, Ui, vec2};

use super::geometry::Viewport;
use super::paint::{Screen, paint};
use crate::model::EdgeKind;
use crate::scene::edges::{EDGE_STROKE, EdgePaint, arrow};
use crate::scene::geometry::p;
use crate::scene::palette::Palette;

/// A short sample of an edge style, for legends.
pub fn edge_sample_ui(ui: &mut Ui, kind: EdgeKind) -> egui::Response {
    let (response, painter) = ui.allocate_painter(vec2(44.0, 14.0), Sense::hover());
    let theme = super::theme::CanvasTheme::new(ui.visuals().dark_mode);
    let rect = response.rect;
    let palette: Palette = theme.palette;
    let points = [
        p(0.0, rect.height() * 0.5),
        p(rect.width(), rect.height() * 0.5),
    ];
    let mut out = Vec::new();
    arrow(
        &mut out,
        kind,
        &points,
        false,
        EdgePaint {
            color: palette.edge_color(kind),
            width: EDGE_STROKE,
            dashes: true,
            min_head: 0.0,
            background: palette.background,
        },
    );
    let screen = Screen {
        vp: Viewport::default(),
        origin: rect.min,
    };
    paint(&painter, screen, &out);
    response
}
