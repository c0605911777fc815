//! The side panel (diagram list, file buttons, legend), the status bar and
//! the error banner.

use egui::{RichText, Ui};

use super::ArchdrillApp;
use super::commands::UiCommand as C;
use super::entry::{Entry, Source};
use crate::model::{EdgeKind, NodeKind};
use crate::ui::edges::edge_sample_ui;
use crate::walkthrough::Player;

impl ArchdrillApp {
    /// A button for `command`: its label, its tooltip with the shortcut,
    /// greyed out when it cannot run.
    pub(super) fn command_button(&mut self, ui: &mut Ui, command: C) {
        let enabled = self.command_enabled(command);
        if ui
            .add_enabled(enabled, egui::Button::new(command.label()))
            .on_hover_text(command.hint(ui.ctx()))
            .on_disabled_hover_text(command.hint(ui.ctx()))
            .clicked()
        {
            self.run_command(ui, command);
        }
    }

    pub(super) fn side_panel_ui(&mut self, ui: &mut Ui) {
        ui.add_space(6.0);
        ui.heading("archdrill");
        ui.horizontal(|ui| {
            for command in [C::NewDrawing, C::Open] {
                self.command_button(ui, command);
            }
        });
        ui.horizontal(|ui| {
            for command in [C::Save, C::SaveAs] {
                self.command_button(ui, command);
            }
        });
        ui.horizontal_wrapped(|ui| {
            self.command_button(ui, C::Export);
            if ui.button("Copy as Mermaid").clicked() {
                self.copy_as_mermaid(ui);
            }
            self.command_button(ui, C::PasteMermaid);
        });
        ui.separator();
        let opened: Vec<usize> = (0..self.docs.list.len())
            .filter(|&i| !matches!(self.docs.list[i].source, Source::Reference(_)))
            .collect();
        if !opened.is_empty() {
            ui.label(RichText::new("Your drawings").strong());
            for i in opened {
                self.entry_button_ui(ui, i);
            }
            ui.add_space(8.0);
        }
        ui.label(RichText::new("Reference diagrams").strong());
        for i in 0..self.docs.list.len() {
            if matches!(self.docs.list[i].source, Source::Reference(_)) {
                self.entry_button_ui(ui, i);
            }
        }
        ui.separator();
        if let Some(entry) = self.docs.current_mut() {
            ui.label(RichText::new(entry.title()).strong());
            if !entry.editor.doc().description.is_empty() {
                ui.label(&entry.editor.doc().description);
            }
            ui.add_space(4.0);
            if ui
                .button("Zoom to fit")
                .on_hover_text("Fit the whole diagram in view (F)")
                .clicked()
            {
                entry.canvas.request_fit();
            }
            if !entry.editor.doc().walkthrough.is_empty() && entry.walkthrough.is_none() {
                let steps = entry.editor.doc().walkthrough.len();
                if ui
                    .button("▶ Start walkthrough")
                    .on_hover_text(format!(
                        "Step through the narration, {steps} steps (W; then ← → Space)"
                    ))
                    .clicked()
                {
                    entry.walkthrough = Some(Player::default());
                }
            }
        }
        ui.separator();
        legend_ui(ui);
    }

    fn entry_button_ui(&mut self, ui: &mut Ui, i: usize) {
        let title = self.docs.list[i].title();
        let hint = match &self.docs.list[i].source {
            Source::File(path) => path.display().to_string(),
            Source::Reference(id) => {
                format!("reference `{id}` (read-only; Save as… makes an editable copy)")
            }
            Source::Untitled(_) => "not saved yet".to_owned(),
        };
        let title = if self.docs.list[i].is_dirty() {
            format!("● {title}")
        } else {
            title
        };
        if ui
            .selectable_label(self.docs.index == i, title)
            .on_hover_text(hint)
            .clicked()
        {
            self.docs.index = i;
        }
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let toggle = ui
                .selectable_label(self.side_panel, "◧")
                .on_hover_text(C::SidePanel.hint(ui.ctx()));
            if toggle.clicked() {
                self.run_command(ui, C::SidePanel);
            }
            let shown = self.side_panel;
            toggle.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, shown, "Side panel")
            });
            ui.separator();
            if let Some(entry) = self.docs.current_mut() {
                ui.label(format!(
                    "{} · {} · {}",
                    plural(entry.editor.doc().nodes.len(), "node"),
                    plural(entry.editor.doc().edges.len(), "edge"),
                    plural(entry.editor.doc().boundaries.len(), "boundary"),
                ));
                ui.separator();
                zoom_ui(ui, &mut entry.canvas);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                theme_ui(ui);
                ui.separator();
                let editing = self.docs.current().is_some_and(Entry::editable);
                let hint = if editing {
                    "Scroll or middle-drag to pan · Ctrl+scroll to zoom · F to fit · F1 shortcuts"
                } else {
                    "Drag or scroll to pan · Ctrl+scroll to zoom · F to fit · F1 shortcuts"
                };
                // Elided rather than drawn over the counts when space is short.
                ui.add(egui::Label::new(RichText::new(hint).weak()).truncate());
            });
        });
    }

    pub(super) fn errors_ui(&mut self, ui: &mut Ui) {
        let mut dismiss = false;
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                for error in &self.errors {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                dismiss = ui.button("Dismiss").clicked();
            });
        if dismiss {
            self.errors.clear();
        }
    }
}

/// Zoom out, the zoom in percent (click: 100 %), zoom in — 10 % steps
/// about the middle of the canvas — and zoom to fit.
fn zoom_ui(ui: &mut Ui, canvas: &mut crate::ui::canvas::CanvasState) {
    use crate::ui::geometry::zoom_step;
    let zoom = canvas.viewport.zoom;
    let mut wanted = None;
    if named_button(ui, "−", "Zoom out", "Zoom out 10 %") {
        wanted = Some(zoom_step(zoom, -1));
    }
    let percent = crate::ui::geometry::zoom_percent(zoom);
    if named_button(ui, &percent, &format!("Zoom {percent}"), "Zoom to 100 %") {
        wanted = Some(1.0);
    }
    if named_button(ui, "+", "Zoom in", "Zoom in 10 % (or Ctrl+scroll)") {
        wanted = Some(zoom_step(zoom, 1));
    }
    if named_button(ui, "Fit", "Fit", "Fit the whole diagram in view (F)") {
        canvas.request_fit();
    }
    if let Some(wanted) = wanted {
        let rect = canvas.screen_rect;
        if rect.is_positive() {
            canvas
                .viewport
                .zoom_about(rect.min, rect.center(), wanted / zoom);
        }
    }
}

/// A small button showing `text`, named `name` for screen readers (and
/// tests), with a tooltip.
fn named_button(ui: &mut Ui, text: &str, name: &str, hint: &str) -> bool {
    let response = ui.small_button(text).on_hover_text(hint);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    response.clicked()
}

/// Light, dark, or following the system (egui's default, which eframe
/// feeds with the desktop's setting).
fn theme_ui(ui: &mut Ui) {
    let mut preference = ui.options(|o| o.theme_preference);
    let name = |p: egui::ThemePreference| match p {
        egui::ThemePreference::System => "System",
        egui::ThemePreference::Light => "Light",
        egui::ThemePreference::Dark => "Dark",
    };
    let combo = egui::ComboBox::from_id_salt("theme")
        .selected_text(name(preference))
        .show_ui(ui, |ui| {
            for p in [
                egui::ThemePreference::System,
                egui::ThemePreference::Light,
                egui::ThemePreference::Dark,
            ] {
                ui.selectable_value(&mut preference, p, name(p));
            }
        })
        .response;
    // Right to left: the caption goes after the box to sit on its left.
    let caption = ui.label("Theme");
    let _ = combo.labelled_by(caption.id);
    if preference != ui.options(|o| o.theme_preference) {
        ui.ctx().set_theme(preference);
    }
}

/// "1 node", "2 nodes", "3 boundaries".
fn plural(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}

fn legend_ui(ui: &mut Ui) {
    ui.label(RichText::new("Legend").strong());
    for kind in EdgeKind::ALL {
        ui.horizontal(|ui| {
            edge_sample_ui(ui, kind);
            ui.label(kind.title());
        });
    }
    ui.add_space(4.0);
    let theme = crate::ui::theme::CanvasTheme::new(ui.visuals().dark_mode);
    egui::Grid::new("kinds")
        .num_columns(2)
        .spacing([10.0, 2.0])
        .show(ui, |ui| {
            for (i, kind) in NodeKind::ALL.into_iter().enumerate() {
                let (fill, stroke) = theme.node_colors(kind);
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter().rect(
                        rect,
                        2.0,
                        fill,
                        egui::Stroke::new(1.5, stroke),
                        egui::StrokeKind::Inside,
                    );
                    ui.label(kind.title());
                });
                if i % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}
