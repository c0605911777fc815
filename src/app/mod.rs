//! The eframe application shell: the list of diagrams on the left, the
//! canvas in the middle, a status bar at the bottom.

use std::path::PathBuf;

use egui::Ui;

use crate::content::references::REFERENCES;
pub use command_palette::{PaletteItem, fuzzy_score};
pub use commands::UiCommand;
use entry::{Entry, Source};
pub use narration::{Presentation, simulator_answer};
pub use practice::Clock;

mod arrange;
mod checking;
mod closing;
mod command_palette;
mod commands;
mod connect;
mod documents;
mod due_view;
mod editing;
mod entry;
mod export;
mod figures;
mod files;
mod inspect;
mod keyboard;
mod mock;
mod narration;
mod palette;
mod panels;
mod paste_mermaid;
mod practice;
mod properties;
mod recent;
mod recovery;
mod round;
mod settings;
mod simulation;
mod view;
mod walkthrough;

use crate::model::{Diagram, EdgeKind};
use crate::ui::canvas::{Decor, Highlight, canvas_ui};
use crate::ui::cards_view::{CardsAction, CardsView};
use crate::ui::findings::findings_ui;

/// The app state.
pub struct ArchdrillApp {
    /// The open drawings and the one on the canvas.
    docs: documents::Documents,
    errors: Vec<String>,
    /// Reference id the Check button compares with.
    against: &'static str,
    mode: Mode,
    cards: CardsView,
    /// Kind of arrows drawn from now on.
    edge_kind: EdgeKind,
    /// The Quick add field.
    quick_add: String,
    /// An inline rename in progress.
    rename: Option<editing::Rename>,
    /// Labels being typed in the properties panel.
    drafts: properties::Drafts,
    /// The open / save-as window.
    file_window: Option<files::FileWindow>,
    /// Title and legend on or off, as last exported (this run).
    export_picture: export::PictureChoice,
    /// Number of the last untitled drawing.
    untitled: u32,
    /// The title last sent to the window.
    window_title: String,
    /// The paste-Mermaid window.
    paste_mermaid: Option<paste_mermaid::PasteMermaid>,
    /// The shortcuts window is open.
    help_open: bool,
    /// The side panel (drawings, files, legend) is shown.
    side_panel: bool,
    /// The command palette, when open.
    command_palette: Option<command_palette::Palette>,
    /// An arrow being drawn from the keyboard.
    connect: Option<connect::ConnectPrompt>,
    /// Closing the window: the unsaved-changes prompt and what was chosen.
    closing: closing::Closing,
    /// Who owns the keyboard (text fields before the canvas).
    keyboard: keyboard::KeyboardGuard,
    /// Preferences kept between runs, and when they were last written.
    settings: settings::SettingsState,
    /// Recovery copies, recent files and the restore window.
    persist: recovery::Persistence,
    /// Editing preferences and the in-app clipboard.
    edit_prefs: editing::EditPrefs,
    /// The drills: due queue, progress, rehearsal.
    practice: practice::Practice,
}

/// The two views of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Diagrams on the canvas.
    Diagrams,
    /// The Q&A card browser.
    Cards,
    /// The drills: due queue and rehearsal.
    Practice,
}

impl ArchdrillApp {
    /// Builds the app with every reference, plus `file` opened and selected
    /// when given. Problems become messages in the window, never a crash.
    #[must_use]
    pub fn new(file: Option<PathBuf>) -> Self {
        let mut docs = documents::Documents::default();
        let mut errors = Vec::new();
        for reference in REFERENCES {
            match reference.load() {
                Ok(diagram) => docs
                    .list
                    .push(Entry::new(Source::Reference(reference.id), diagram)),
                Err(e) => errors.push(e.to_string()),
            }
        }
        if let Some(path) = file {
            match crate::io::open_with_note(&path) {
                Ok((diagram, origin, note)) => {
                    errors.extend(note.map(|n| format!("{}: {n}", path.display())));
                    let origin = Source::from(origin);
                    if let Some(i) = docs.position(&origin) {
                        docs.index = i;
                    } else {
                        docs.open_first(Entry::new(origin, diagram));
                    }
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
        let cards: std::sync::Arc<[_]> = match crate::content::cards::all() {
            Ok(cards) => cards.into(),
            Err(e) => {
                errors.push(e.to_string());
                std::sync::Arc::new([])
            }
        };
        let practice = practice::Practice::new(std::sync::Arc::clone(&cards), &mut errors);
        Self {
            docs,
            errors,
            against: "five-tier",
            mode: Mode::Diagrams,
            cards: CardsView::new(cards),
            edge_kind: EdgeKind::Sync,
            quick_add: String::new(),
            rename: None,
            drafts: properties::Drafts::default(),
            file_window: None,
            export_picture: export::PictureChoice::default(),
            untitled: 0,
            window_title: String::new(),
            help_open: false,
            side_panel: true,
            command_palette: None,
            connect: None,
            paste_mermaid: None,
            closing: closing::Closing::default(),
            keyboard: keyboard::KeyboardGuard::default(),
            settings: settings::SettingsState::default(),
            persist: recovery::Persistence::default(),
            edit_prefs: editing::EditPrefs::default(),
            practice,
        }
    }

    /// The diagram on the canvas.
    #[must_use]
    pub fn current(&self) -> Option<&Diagram> {
        self.docs.current().map(|e| e.editor.doc())
    }

    /// Pan and zoom of the canvas showing the current diagram.
    #[must_use]
    pub fn viewport(&self) -> Option<crate::ui::geometry::Viewport> {
        self.docs.current().map(|e| e.canvas.viewport)
    }

    /// Draws the whole app into `ui` (the root of the window), then backs up
    /// unsaved drawings that have been idle long enough.
    pub fn ui(&mut self, ui: &mut Ui) {
        self.restore_ui(ui);
        self.frame_ui(ui);
        self.keyboard.end_frame(ui.ctx());
        self.autosave(ui);
        self.keep_settings(ui);
    }

    fn frame_ui(&mut self, ui: &mut Ui) {
        self.global_keys(ui);
        // Before the windows draw, so the Esc that closes one is spent.
        self.close_window_on_escape(ui);
        if self.help_open {
            let rows: Vec<(String, &str)> = commands::UiCommand::ALL
                .into_iter()
                .filter(|c| c.shortcut().is_some())
                .map(|c| (c.shortcut_text(ui.ctx()), c.label()))
                .collect();
            crate::ui::help::help_ui(ui.ctx(), &mut self.help_open, &rows);
        }
        self.title_and_close_ui(ui);
        self.file_window_ui(ui);
        self.paste_mermaid_ui(ui);
        self.command_palette_ui(ui);
        self.connect_ui(ui);
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        let editable =
            self.mode == Mode::Diagrams && self.docs.current().is_some_and(Entry::editable);
        if editable {
            egui::Panel::top("palette").show(ui, |ui| self.palette_ui(ui));
            self.rename_ui(ui);
        }
        if self.mode == Mode::Cards {
            if let Some(CardsAction::OpenWalkthrough(id)) = self.cards.ui(ui) {
                self.open_walkthrough(&id);
            }
            return;
        }
        if self.mode == Mode::Practice {
            self.practice_ui(ui);
            return;
        }
        self.round_bar_ui(ui);
        self.presentation_bar_ui(ui);
        // First, so the status bar spans the window under every panel.
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar_ui(ui));
        self.walkthrough_ui(ui);
        self.narration_ui(ui.ctx());
        if self.docs.current().is_some_and(|e| e.sim.is_some()) {
            self.simulation_panel_ui(ui);
        }
        self.follow_check();
        let has_selection = self
            .docs
            .current()
            .is_some_and(|e| !e.canvas.selection.is_empty());
        let has_check = self.docs.current().is_some_and(|e| e.check.is_some());
        if has_check {
            let action = egui::Panel::right("findings")
                .resizable(true)
                .default_size(340.0)
                .show(ui, |ui| {
                    // The selection's properties sit above the findings, so
                    // the drawing stays editable while the check is open.
                    if editable && has_selection {
                        egui::CollapsingHeader::new("Selection")
                            .default_open(true)
                            .show(ui, |ui| self.properties_ui(ui));
                        ui.separator();
                    }
                    self.docs
                        .current()
                        .and_then(|e| e.check.as_ref())
                        .and_then(|view| findings_ui(ui, &view.report, view.selected))
                })
                .inner;
            if let Some(action) = action {
                self.apply_findings_action(action);
            }
        } else if editable && has_selection {
            egui::Panel::right("properties")
                .resizable(true)
                .default_size(240.0)
                .show(ui, |ui| self.properties_ui(ui));
        }
        // Ctrl+B hides it; dragging its edge closed (or open again) does too.
        let mut side_panel = self.side_panel;
        egui::Panel::left("diagrams")
            .resizable(true)
            .default_size(270.0)
            .show_collapsible(ui, &mut side_panel, |ui| {
                // Scrolls when the window is too short for list and legend.
                egui::ScrollArea::vertical().show(ui, |ui| self.side_panel_ui(ui));
            });
        self.side_panel = side_panel;
        let events = self.central_panel_ui(ui);
        self.canvas_events(events);
        // Last: every widget that can take the keyboard has run.
        self.canvas_keys(ui);
    }

    /// The canvas with the current diagram (and any error banner above it).
    fn central_panel_ui(&mut self, ui: &mut Ui) -> Vec<crate::ui::interact::CanvasEvent> {
        let mut events = Vec::new();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                if !self.errors.is_empty() {
                    self.errors_ui(ui);
                }
                let mut editable_canvas = None;
                if let Some(entry) = self.docs.current_mut() {
                    let step_highlight = entry
                        .walkthrough
                        .as_ref()
                        .and_then(|p| entry.editor.doc().walkthrough.get(p.index))
                        .map(|step| Highlight {
                            nodes: step.nodes.iter().map(ToString::to_string).collect(),
                            edges: step.edges.iter().map(ToString::to_string).collect(),
                        });
                    let mut decor =
                        entry
                            .check
                            .as_ref()
                            .map_or_else(Decor::default, |view| Decor {
                                highlight: view.highlight.as_ref(),
                                ghosts: &view.report.ghosts,
                                ghost_focus: view.ghost_focus.as_deref(),
                                extra: &view.extra,
                                flagged_edges: &view.flagged_edges,
                                ..Decor::default()
                            });
                    decor.sim = entry.sim.as_ref().map(|s| &s.decor);
                    if step_highlight.is_some() {
                        decor = Decor {
                            highlight: step_highlight.as_ref(),
                            editable: false,
                            sim: decor.sim,
                            ..Decor::default()
                        };
                    } else {
                        // Editable with the findings open too: the check
                        // follows every edit.
                        decor.editable = entry.editable();
                        decor.snap = self.edit_prefs.snap;
                    }
                    decor.revision = Some(entry.editor.state_id());
                    let fitting = entry.canvas.fit_pending;
                    // F6 hands the keyboard on from the canvas to the next
                    // widget; egui passes it on as the canvas registers.
                    let canvas_id = crate::ui::canvas::canvas_id(ui);
                    if ui.memory(|m| m.has_focus(canvas_id))
                        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F6))
                    {
                        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
                    }
                    let output = canvas_ui(ui, entry.editor.doc(), &mut entry.canvas, decor);
                    self.keyboard.canvas_drawn(output.response.id);
                    // A click on the canvas gives it the keyboard, and so
                    // does nothing else having it (after New drawing, or a
                    // text field let go). It keeps Tab (next box) and the
                    // arrows (nudge) instead of egui moving the focus to a
                    // button; F6 (above) moves on to the panels.
                    if output.response.clicked()
                        || output.response.drag_started()
                        || ui.memory(|m| m.focused().is_none())
                    {
                        output.response.request_focus();
                    }
                    view::describe_for_screen_readers(ui, &output.response, entry);
                    if output.response.has_focus() {
                        let filter = egui::EventFilter {
                            tab: !entry.editor.doc().nodes.is_empty(),
                            horizontal_arrows: true,
                            vertical_arrows: true,
                            escape: true,
                        };
                        ui.memory_mut(|m| m.set_focus_lock_filter(output.response.id, filter));
                    }
                    events = output.events;
                    let editable = decor.editable;
                    if view::keep_selection_in_view(entry) {
                        ui.ctx().request_repaint();
                    }
                    let window = ui.ctx().content_rect().size();
                    if view::follow_fit(entry, fitting, window) {
                        ui.ctx().request_repaint();
                    }
                    if let Some(sim) = entry.sim.as_mut()
                        && output.response.secondary_clicked()
                    {
                        let doc = entry.editor.doc();
                        sim.menu_target = output
                            .response
                            .interact_pointer_pos()
                            .and_then(|p| entry.canvas.node_at_screen(doc, p))
                            .map(|i| doc.nodes[i].id.to_string());
                    }
                    let menu = editable || entry.sim.is_some();
                    editable_canvas = menu.then_some((output.response, editable));
                }
                if let Some((response, editable)) = editable_canvas {
                    response.context_menu(|ui| {
                        if editable {
                            self.canvas_menu_ui(ui);
                        }
                        self.down_menu_ui(ui);
                    });
                }
            });
        events
    }

    fn toolbar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.mode, Mode::Diagrams, "Diagrams");
            ui.selectable_value(&mut self.mode, Mode::Cards, "Q&A cards");
            ui.selectable_value(&mut self.mode, Mode::Practice, "Practice");
            self.command_button(ui, commands::UiCommand::Shortcuts);
            self.command_button(ui, commands::UiCommand::Palette);
            self.recent_menu_ui(ui);
            ui.separator();
            if self.mode != Mode::Diagrams {
                return;
            }
            let label = ui.label("Check against");
            let mut against = self.current_against();
            egui::ComboBox::from_id_salt("against")
                .selected_text(against)
                .show_ui(ui, |ui| {
                    for reference in REFERENCES {
                        ui.selectable_value(&mut against, reference.id, reference.id);
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text(
                    "The reference this drawing is checked against (each drawing keeps its own)",
                );
            if against != self.current_against() {
                self.choose_against(against);
            }
            for command in [
                commands::UiCommand::Check,
                commands::UiCommand::Simulate,
                commands::UiCommand::Narration,
            ] {
                if command != commands::UiCommand::Narration || self.command_enabled(command) {
                    self.command_button(ui, command);
                }
            }
        });
    }
}

impl eframe::App for ArchdrillApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        Self::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        crate::ui::fonts::cap_texture_side(raw_input);
    }
}

/// Opens the window (at the size it had last time) and runs until it is
/// closed; recovery copies, recent files and settings live under `data_dir`
/// (see [`crate::store::locate_data_dir`]).
///
/// # Errors
/// When no window can be created (no display, no OpenGL).
pub fn run(file: Option<PathBuf>, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let app = ArchdrillApp::new(file).with_data_dir(data_dir);
    let size = app.restored_window_size().unwrap_or([1280.0, 800.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("archdrill")
            .with_inner_size(size)
            .with_min_inner_size([640.0, 400.0])
            .with_icon(std::sync::Arc::new(crate::ui::icon::app_icon())),
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
