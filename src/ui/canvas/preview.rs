//! The drag preview on the canvas: the scene's [`Drag`] kept for the
//! drawing and the boxes being moved, and where those boxes land if they
//! are dropped now — the drop's own spot
//! ([`placement::drop_shift`]), outlined when it is not where the
//! pointer holds them (a drop onto other boxes lands beside them).

use std::collections::BTreeSet;

use egui::{Painter, Shape, Stroke, Vec2, vec2};

use super::CanvasState;
use crate::model::{Diagram, placement};
use crate::scene::{self, Drag, Layout};
use crate::ui::geometry;
use crate::ui::interact::Gesture;
use crate::ui::theme::CanvasTheme;

/// A drag preview kept for the drawing and the boxes it was started with.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DragPreview {
    fingerprint: u64,
    ids: Vec<String>,
    /// Per box of the drawing: whether it is moved.
    moved: Vec<bool>,
    drag: Drag,
    /// The delta the landing was worked out for, and the landing's.
    landing: Option<(Vec2, Vec2)>,
}

impl DragPreview {
    /// The layout at the current delta.
    pub(super) fn layout(&self) -> &Layout {
        self.drag.layout()
    }
}

impl CanvasState {
    /// Brings the drag preview to the gesture in progress: `true` when
    /// the boxes of a move are away from where they were (the preview's
    /// layout is then the one to draw). `base` is the layout of `diagram`.
    pub(super) fn preview(&mut self, diagram: &Diagram, base: &Layout) -> bool {
        let Gesture::MoveNodes { ids, applied, .. } = &self.gesture else {
            self.drag = None;
            return false;
        };
        let fingerprint = self.layout.fingerprint();
        let current = self
            .drag
            .as_ref()
            .is_some_and(|d| d.fingerprint == fingerprint && d.ids == *ids);
        if !current {
            let set: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
            self.drag = Some(DragPreview {
                fingerprint,
                ids: ids.clone(),
                moved: diagram
                    .nodes
                    .iter()
                    .map(|n| set.contains(n.id.as_str()))
                    .collect(),
                drag: Drag::new(base, diagram, ids),
                landing: None,
            });
        }
        let moving = *applied != Vec2::ZERO;
        if let Some(d) = &mut self.drag {
            d.drag.update_labelled(
                diagram,
                geometry::plain_pos(applied.to_pos2()),
                scene::edge_labels_shown(self.viewport.zoom),
            );
            if moving && d.landing.is_none_or(|(at, _)| at != *applied) {
                let (dx, dy) = placement::drop_shift(diagram, &d.moved, (applied.x, applied.y));
                d.landing = Some((*applied, *applied + vec2(dx, dy)));
            }
        }
        moving
    }

    /// Where the boxes being moved land if dropped now: their delta from
    /// where they were — the pointer's, or past it to the nearest spot
    /// where they cover no other box, as the drop places them. `None`
    /// when no boxes are being moved.
    #[must_use]
    pub fn landing(&self) -> Option<Vec2> {
        let Gesture::MoveNodes { applied, .. } = &self.gesture else {
            return None;
        };
        let d = self.drag.as_ref()?;
        match d.landing {
            Some((at, landing)) if at == *applied => Some(landing),
            _ => (*applied != Vec2::ZERO).then_some(*applied),
        }
    }
}

/// Outlines where the moved boxes land when that is not where they are
/// drawn (`layout` is the preview's).
pub(super) fn paint_landing(
    painter: &Painter,
    layout: &Layout,
    state: &CanvasState,
    theme: &CanvasTheme,
) {
    let (Some(d), Some(landing), Gesture::MoveNodes { applied, .. }) =
        (&state.drag, state.landing(), &state.gesture)
    else {
        return;
    };
    let shift = landing - *applied;
    if shift == Vec2::ZERO {
        return;
    }
    let (vp, origin) = (state.viewport, state.screen_rect.min);
    let fill = theme.selection.gamma_multiply(0.08);
    let stroke = Stroke::new(1.5, theme.selection.gamma_multiply(0.7));
    let moved = d.moved.iter().enumerate().filter(|&(_, &m)| m);
    for (i, _) in moved {
        let Some(node) = layout.nodes.get(i) else {
            continue;
        };
        let canvas = geometry::rect(node.rect).translate(shift);
        let screen = vp.screen_rect_from_canvas(origin, canvas);
        if !screen.intersects(painter.clip_rect()) {
            continue;
        }
        painter.rect_filled(screen, 4.0, fill);
        let corners = [
            screen.left_top(),
            screen.right_top(),
            screen.right_bottom(),
            screen.left_bottom(),
            screen.left_top(),
        ];
        painter.extend(Shape::dashed_line(&corners, stroke, 6.0, 4.0));
    }
}
