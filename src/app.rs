//! The eframe application shell: the list of diagrams on the left, the
//! canvas in the middle, a status bar at the bottom.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::content::references::REFERENCES;
use crate::io::{Origin, open};
use crate::model::{Diagram, EdgeKind, NodeKind};
use crate::ui::canvas::{CanvasState, canvas_ui, edge_sample_ui};

/// One diagram the user can look at, with its own view state.
struct Entry {
    origin: Origin,
    diagram: Diagram,
    canvas: CanvasState,
}

impl Entry {
    fn title(&self) -> String {
        if !self.diagram.title.is_empty() {
            return self.diagram.title.clone();
        }
        match &self.origin {
            Origin::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Origin::Reference(id) => (*id).to_owned(),
        }
    }
}

/// The app state.
pub struct ArchdrillApp {
    entries: Vec<Entry>,
    selected: usize,
    errors: Vec<String>,
}

impl ArchdrillApp {
    /// Builds the app with every reference, plus `file` opened and selected
    /// when given. Problems become messages in the window, never a crash.
    #[must_use]
    pub fn new(file: Option<PathBuf>) -> Self {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        for reference in REFERENCES {
            match reference.load() {
                Ok(diagram) => entries.push(Entry {
                    origin: Origin::Reference(reference.id),
                    diagram,
                    canvas: CanvasState::default(),
                }),
                Err(e) => errors.push(e.to_string()),
            }
        }
        let mut selected = 0;
        if let Some(path) = file {
            match open(&path) {
                Ok((diagram, origin)) => {
                    if let Some(i) = entries.iter().position(|e| e.origin == origin) {
                        selected = i;
                    } else {
                        entries.insert(
                            0,
                            Entry {
                                origin,
                                diagram,
                                canvas: CanvasState::default(),
                            },
                        );
                    }
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
        Self {
            entries,
            selected,
            errors,
        }
    }

    /// The diagram on the canvas.
    #[must_use]
    pub fn current(&self) -> Option<&Diagram> {
        self.entries.get(self.selected).map(|e| &e.diagram)
    }

    /// Pan and zoom of the canvas showing the current diagram.
    #[must_use]
    pub fn viewport(&self) -> Option<crate::ui::geometry::Viewport> {
        self.entries.get(self.selected).map(|e| e.canvas.viewport)
    }

    /// Draws the whole app into `ui` (the root of the window).
    pub fn ui(&mut self, ui: &mut Ui) {
        egui::Panel::left("diagrams")
            .resizable(true)
            .default_size(270.0)
            .show(ui, |ui| {
                self.side_panel_ui(ui);
            });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar_ui(ui));
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                if !self.errors.is_empty() {
                    self.errors_ui(ui);
                }
                if let Some(entry) = self.entries.get_mut(self.selected) {
                    canvas_ui(ui, &entry.diagram, &mut entry.canvas, None);
                }
            });
    }

    fn side_panel_ui(&mut self, ui: &mut Ui) {
        ui.add_space(6.0);
        ui.heading("archdrill");
        ui.separator();
        let opened: Vec<usize> = (0..self.entries.len())
            .filter(|&i| matches!(self.entries[i].origin, Origin::File(_)))
            .collect();
        if !opened.is_empty() {
            ui.label(RichText::new("Opened").strong());
            for i in opened {
                self.entry_button_ui(ui, i);
            }
            ui.add_space(8.0);
        }
        ui.label(RichText::new("Reference diagrams").strong());
        for i in 0..self.entries.len() {
            if matches!(self.entries[i].origin, Origin::Reference(_)) {
                self.entry_button_ui(ui, i);
            }
        }
        ui.separator();
        if let Some(entry) = self.entries.get_mut(self.selected) {
            ui.label(RichText::new(entry.title()).strong());
            if !entry.diagram.description.is_empty() {
                ui.label(&entry.diagram.description);
            }
            ui.add_space(4.0);
            if ui
                .button("Zoom to fit")
                .on_hover_text("Fit the whole diagram in view (F)")
                .clicked()
            {
                entry.canvas.request_fit();
            }
        }
        ui.separator();
        legend_ui(ui);
    }

    fn entry_button_ui(&mut self, ui: &mut Ui, i: usize) {
        let title = self.entries[i].title();
        let hint = match &self.entries[i].origin {
            Origin::File(path) => path.display().to_string(),
            Origin::Reference(id) => format!("reference `{id}`"),
        };
        if ui
            .selectable_label(self.selected == i, title)
            .on_hover_text(hint)
            .clicked()
        {
            self.selected = i;
        }
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(entry) = self.entries.get(self.selected) {
                ui.label(format!(
                    "{} · {} · {} · zoom {:.0}%",
                    plural(entry.diagram.nodes.len(), "node"),
                    plural(entry.diagram.edges.len(), "edge"),
                    plural(entry.diagram.boundaries.len(), "boundary"),
                    entry.canvas.viewport.zoom * 100.0
                ));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak("Drag or scroll to pan · Ctrl+scroll to zoom · F to fit");
            });
        });
    }

    fn errors_ui(&mut self, ui: &mut Ui) {
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

impl eframe::App for ArchdrillApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        Self::ui(self, ui);
    }
}

/// Opens the window and runs until it is closed.
///
/// # Errors
/// When no window can be created (no display, no OpenGL).
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let app = ArchdrillApp::new(file);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("archdrill")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "archdrill",
        options,
        Box::new(|cc| {
            crate::ui::fonts::install(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
