//! One open diagram: where it came from, its editor (document + undo
//! history), its recovery copy and its transient view state (canvas, check,
//! walkthrough).

use std::path::PathBuf;

use crate::check::Report;
use crate::edit::Editor;
use crate::io::Origin;
use crate::model::Diagram;
use crate::ui::canvas::{CanvasState, Highlight};
use crate::walkthrough::Player;

/// Where a diagram came from; decides whether it can be edited and saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A shipped reference (read-only).
    Reference(&'static str),
    /// A file on disk.
    File(PathBuf),
    /// A new drawing not saved yet (numbered for its title).
    Untitled(u32),
}

impl From<Origin> for Source {
    fn from(origin: Origin) -> Self {
        match origin {
            Origin::File(path) => Self::File(path),
            Origin::Reference(id) => Self::Reference(id),
        }
    }
}

/// One diagram the user can look at, with its own view state.
pub struct Entry {
    pub source: Source,
    pub editor: Editor,
    pub canvas: CanvasState,
    pub check: Option<CheckView>,
    /// The narrated walkthrough, when playing.
    pub walkthrough: Option<Player>,
    /// Restored from a recovery copy and not saved since: unsaved whatever
    /// the undo history says (its state 0 is not what the file holds).
    pub restored: bool,
    /// Its recovery copy in the data dir.
    pub backup: Backup,
    /// The round this drawing was drawn for, once graded: its check is
    /// the round's grade (the twist included), not the plain check.
    pub round: Option<RoundCheck>,
    /// The Narration window on this drawing, when open.
    pub narration: Option<super::narration::NarrationDraft>,
    /// Presenting this drawing's steps against the clock.
    pub presenting: Option<super::narration::Presentation>,
    /// The simulation panel on this drawing, when open.
    pub sim: Option<super::simulation::SimView>,
    /// The window size and view of the last zoom-to-fit, while the user
    /// has not panned or zoomed since: a window resize then fits again.
    pub fitted: Option<(egui::Vec2, crate::ui::geometry::Viewport)>,
    /// The canvas's place on screen last frame (a panel opening moves it).
    pub canvas_rect: egui::Rect,
    /// The reference this drawing is checked against, once chosen for it
    /// (a round's drawing: its prompt's); else the app's last choice.
    pub against: Option<&'static str>,
}

/// How a round's drawing is graded.
#[derive(Clone, Debug)]
pub struct RoundCheck {
    /// The prompt.
    pub prompt: crate::drill::Prompt,
    /// Whether the twist was announced (and so graded).
    pub twist: bool,
}

impl RoundCheck {
    /// The report for `drawing` against `reference`: the round's grade
    /// when `reference` is the prompt's, else the plain check.
    pub fn report(
        this: Option<&Self>,
        drawing: &Diagram,
        reference: &Diagram,
        reference_id: &str,
    ) -> Report {
        match this.filter(|r| r.prompt.reference == reference_id) {
            Some(round) => crate::drill::round::grade_against(
                &round.prompt,
                drawing,
                reference,
                reference_id,
                round.twist,
            )
            .panel_report(),
            None => crate::check::check(drawing, reference, reference_id),
        }
    }
}

/// An entry's recovery copy: where it is and whether it is up to date.
#[derive(Default)]
pub struct Backup {
    /// The copy on disk, once written (or the one it was restored from).
    pub path: Option<PathBuf>,
    /// The editor's state id as last noticed, to tell when it changes.
    pub seen: Option<u64>,
    /// Input time (egui seconds) of the last change noticed.
    pub changed_at: f64,
    /// `path` holds `seen`.
    pub written: bool,
}

impl Entry {
    pub fn new(source: Source, diagram: Diagram) -> Self {
        Self {
            source,
            editor: Editor::new(diagram),
            canvas: CanvasState::default(),
            check: None,
            walkthrough: None,
            restored: false,
            backup: Backup::default(),
            round: None,
            narration: None,
            presenting: None,
            sim: None,
            fitted: None,
            canvas_rect: egui::Rect::NOTHING,
            against: None,
        }
    }

    /// Whether the document differs from its file, or is a drawing with
    /// something in it that was never saved (imported from pasted Mermaid,
    /// say, which starts with boxes and no undo history).
    pub fn is_dirty(&self) -> bool {
        let unsaved_content =
            matches!(self.source, Source::Untitled(_)) && !self.editor.doc().nodes.is_empty();
        self.restored || unsaved_content || self.editor.is_dirty()
    }

    /// References are read-only; files and new drawings are editable.
    pub const fn editable(&self) -> bool {
        !matches!(self.source, Source::Reference(_))
    }

    /// The name shown in lists and the window title.
    pub fn title(&self) -> String {
        let doc = self.editor.doc();
        if !doc.title.is_empty() {
            return doc.title.clone();
        }
        match &self.source {
            Source::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Source::Reference(id) => (*id).to_owned(),
            Source::Untitled(n) => format!("Untitled {n}"),
        }
    }
}

/// A check report shown beside the canvas, with its overlay. It follows the
/// drawing: when the document changes (or the reference does) it is
/// checked again, and the selected finding stays selected if it still holds.
pub struct CheckView {
    pub report: Report,
    /// The reference checked against.
    pub against: &'static str,
    /// The editor state the report describes.
    pub checked_state: u64,
    /// The finding whose nodes, edges and ghosts are singled out.
    pub selected: Option<usize>,
    pub highlight: Option<Highlight>,
    /// Ghosts of the selected finding (all ghosts are lit when none is).
    pub ghost_focus: Option<Vec<String>>,
    /// Drawn nodes tagged extra ([`Report::extra`]).
    pub extra: Vec<String>,
    /// Drawn edges a finding calls wrong, marked on the canvas.
    pub flagged_edges: Vec<String>,
}

impl CheckView {
    pub fn new(report: Report, against: &'static str, state: u64) -> Self {
        let extra = report.extra.clone();
        let flagged_edges = report
            .findings
            .iter()
            .filter(|f| f.code == "wrong-edge-kind")
            .flat_map(|f| f.edges.iter().cloned())
            .collect();
        Self {
            report,
            against,
            checked_state: state,
            selected: None,
            highlight: None,
            ghost_focus: None,
            extra,
            flagged_edges,
        }
    }

    /// A fresh report for the edited drawing, keeping the selected finding
    /// when one with the same code and nodes is still there.
    pub fn refresh(&mut self, diagram: &Diagram, report: Report, state: u64) {
        let kept = self
            .selected
            .and_then(|i| self.report.findings.get(i))
            .and_then(|old| {
                report
                    .findings
                    .iter()
                    .position(|f| f.code == old.code && f.nodes == old.nodes)
            });
        *self = Self::new(report, self.against, state);
        self.select(diagram, kept);
    }

    pub fn select(&mut self, diagram: &Diagram, index: Option<usize>) {
        self.selected = index;
        let finding = index.and_then(|i| self.report.findings.get(i));
        self.highlight = finding.map(|f| Highlight {
            nodes: f
                .nodes
                .iter()
                .filter(|id| !f.ghosts.contains(id) && diagram.node(id).is_some())
                .cloned()
                .collect(),
            edges: f.edges.clone(),
        });
        self.ghost_focus = finding.map(|f| f.ghosts.clone());
    }
}
