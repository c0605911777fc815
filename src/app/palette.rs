//! The palette row above the canvas: a button per node kind (click or drag
//! onto the canvas), Quick add, the kind of new arrows, Snap, Tidy, undo
//! and redo.

use egui::{Key, Ui};

use super::commands::UiCommand;
use super::editing::PALETTE;
use super::{ArchdrillApp, keyboard};
use crate::model::{ArrowStyle, EdgeKind, NodeKind, Point, infer_kind};

/// Palette rows narrower than this use the compact form.
const COMPACT_BELOW: f32 = 1200.0;

/// A kind's name on a compact palette button.
const fn short_name(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Edge => "CDN",
        NodeKind::LoadBalancer => "LB",
        NodeKind::Gateway => "Gateway",
        NodeKind::Database => "DB",
        NodeKind::Bus => "Bus",
        NodeKind::External => "External",
        _ => kind.title(),
    }
}

impl ArchdrillApp {
    /// The palette row: one button per kind, quick add, edge kind, undo/redo.
    pub fn palette_ui(&mut self, ui: &mut Ui) {
        // Under ~1200 px (a 1024 px laptop) the kinds get short names and
        // the arrow kinds a drop-down, so the row wraps once, not thrice.
        let compact = ui.available_width() < COMPACT_BELOW;
        ui.horizontal_wrapped(|ui| {
            for (kind, key) in PALETTE {
                let name = if compact {
                    short_name(kind)
                } else {
                    kind.title()
                };
                let response = ui
                    .add(
                        egui::Button::new(format!("+ {name}"))
                            .small()
                            .sense(egui::Sense::click_and_drag()),
                    )
                    .on_hover_text(format!(
                        "Place a {} ({}), or drag it onto the canvas",
                        kind.noun(),
                        key.name()
                    ));
                if response.clicked() {
                    self.add_node(kind, kind.title());
                }
                self.palette_drag(ui, &response, kind);
            }
            if compact {
                ui.end_row();
            } else {
                ui.separator();
            }
            ui.horizontal(|ui| self.quick_add_ui(ui));
            ui.separator();
            // Never broken across the row's wrap ("New" | "arrows").
            let caption = ui.add(egui::Label::new("New arrows").extend());
            if compact {
                let mut chosen = self.edge_kind;
                egui::ComboBox::from_id_salt("new-arrows")
                    .selected_text(chosen.title())
                    .show_ui(ui, |ui| {
                        for kind in EdgeKind::ALL {
                            ui.selectable_value(&mut chosen, kind, kind.title());
                        }
                    })
                    .response
                    .labelled_by(caption.id)
                    .on_hover_text("1–4 set it too (and retype the selected arrows)");
                if chosen != self.edge_kind {
                    self.set_edge_kind(chosen);
                }
            }
            for (n, kind) in EdgeKind::ALL.into_iter().enumerate().filter(|_| !compact) {
                if ui
                    .selectable_label(self.edge_kind == kind, kind.title())
                    .on_hover_text(format!(
                        "Drag from a box's handle to connect; {} sets selected arrows",
                        n + 1
                    ))
                    .clicked()
                {
                    self.set_edge_kind(kind);
                }
            }
            ui.separator();
            self.arrow_style_ui(ui);
            ui.separator();
            ui.checkbox(&mut self.edit_prefs.snap, "Snap")
                .on_hover_text(UiCommand::ToggleSnap.hint(ui.ctx()));
            self.command_button(ui, UiCommand::Tidy);
            ui.separator();
            self.command_button(ui, UiCommand::Undo);
            self.command_button(ui, UiCommand::Redo);
        });
    }

    /// How the drawing's arrows are drawn: straight, or elbows routed
    /// around the boxes (arrows with a style of their own keep it).
    fn arrow_style_ui(&mut self, ui: &mut Ui) {
        let Some(current) = self.current().map(|d| d.arrows) else {
            return;
        };
        ui.label("Arrows");
        for style in ArrowStyle::ALL {
            let hint = match style {
                ArrowStyle::Straight => "Draw arrows as straight lines between the boxes",
                ArrowStyle::Orthogonal => {
                    "Draw arrows as elbows routed around the boxes (they follow when boxes move)"
                }
            };
            let response = ui
                .selectable_label(current == style, style.title())
                .on_hover_text(hint);
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Button,
                    true,
                    current == style,
                    format!("{} arrows", style.title()),
                )
            });
            if response.clicked() && current != style {
                self.apply(&crate::edit::Command::SetArrows { style });
            }
        }
    }

    /// Quick add: Enter adds a box labelled with the text (its kind
    /// inferred) and keeps the field focused for the next one; Esc leaves
    /// (and clears the field).
    /// Lines typed after the Enter within the same frame are boxes too, the
    /// unfinished last one stays in the field.
    fn quick_add_ui(&mut self, ui: &mut Ui) {
        let id = egui::Id::unique(QUICK_ADD_FIELD);
        let typed_on = if ui.memory(|m| m.has_focus(id)) {
            keyboard::take_typing_after_enter(ui)
        } else {
            None
        };
        let label = ui.add(egui::Label::new("Quick add").extend());
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.quick_add)
                    .id(id)
                    .hint_text("e.g. Redis cache")
                    .desired_width(110.0),
            )
            .labelled_by(label.id)
            .on_hover_text(super::commands::UiCommand::QuickAdd.hint(ui.ctx()));
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
            // Esc leaves and takes the unfinished label with it, so it does
            // not turn up in the next drawing or round.
            self.quick_add.clear();
            return;
        }
        if !(response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))) {
            return;
        }
        let mut lines = typed_on.unwrap_or_default();
        let rest = lines.pop().unwrap_or_default();
        let first = std::mem::replace(&mut self.quick_add, rest);
        for text in std::iter::once(first).chain(lines) {
            if !text.trim().is_empty() {
                let kind = infer_kind(&text);
                match self.beside_selected_box(kind) {
                    Some(at) => self.add_node_at(kind, text.trim(), at),
                    None => self.add_node(kind, text.trim()),
                }
            }
        }
        let end = self.quick_add.chars().count();
        keyboard::focus_text_field(ui.ctx(), id, end..end);
    }

    /// Where a Quick add box goes when one box is selected (the one added
    /// before it, typically): to its right, so boxes typed in a row stand
    /// in a row, left to right.
    fn beside_selected_box(&self, kind: NodeKind) -> Option<crate::model::Point> {
        let entry = self.docs.current()?;
        let selection = &entry.canvas.selection;
        if selection.nodes.len() != 1 {
            return None;
        }
        let node = entry.editor.doc().node(selection.nodes.first()?)?;
        let (w, _) = kind.default_size();
        let gap = crate::ui::canvas::GRID * 2.0;
        Some(crate::model::Point::new(
            node.pos.x + node.size().w / 2.0 + gap + w / 2.0,
            node.pos.y,
        ))
    }

    /// Dragging a palette button: a label follows the pointer, and a drop
    /// on the canvas places the kind there.
    fn palette_drag(&mut self, ui: &Ui, response: &egui::Response, kind: NodeKind) {
        let Some(pointer_at) = ui.input(|i| i.pointer.interact_pos()) else {
            return;
        };
        if response.dragged() {
            let painter = ui.ctx().layer_painter(egui::LayerId::new(
                egui::Order::Tooltip,
                egui::Id::unique("palette-drag"),
            ));
            let galley = painter.layout_no_wrap(
                kind.title().to_owned(),
                egui::FontId::proportional(14.0),
                ui.visuals().strong_text_color(),
            );
            let rect =
                egui::Rect::from_center_size(pointer_at, galley.size() + egui::vec2(16.0, 10.0));
            painter.rect(
                rect,
                4.0,
                ui.visuals().extreme_bg_color,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Outside,
            );
            painter.galley(
                rect.min + egui::vec2(8.0, 5.0),
                galley,
                ui.visuals().text_color(),
            );
        }
        if response.drag_stopped()
            && let Some(entry) = self.docs.current()
            && entry.canvas.screen_rect.contains(pointer_at)
        {
            let at = entry
                .canvas
                .viewport
                .canvas_from_screen(entry.canvas.screen_rect.min, pointer_at);
            self.add_node_at(kind, kind.title(), Point::new(at.x, at.y));
        }
    }
}

/// The Quick add field's id.
const QUICK_ADD_FIELD: &str = "quick-add";

/// Puts the keyboard in the Quick add field, after what is already typed
/// in it (`text`).
pub fn focus_quick_add(ctx: &egui::Context, text: &str) {
    let end = text.chars().count();
    keyboard::focus_text_field(ctx, egui::Id::unique(QUICK_ADD_FIELD), end..end);
}
