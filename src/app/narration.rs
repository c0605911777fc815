//! "Your project": the user narrates their own drawing and rehearses
//! presenting it. The Narration window edits the drawing's walkthrough
//! steps (title, what you say, the boxes and arrows highlighted — the same
//! steps references carry, saved in the drawing's RON); every change is
//! one undo step, a text field's edits landing when it loses focus.
//! "Rehearse presenting" plays the steps against a total timer with a
//! budget per step, then asks the closing question an interviewer asks —
//! what breaks first — and, once answered out loud, shows what the
//! simulator says about the drawing at 10× traffic.

use egui::{RichText, Ui};

use super::ArchdrillApp;
use crate::edit::Command;
use crate::model::{EdgeId, NodeId, Step};
use crate::ui::rehearsal::{format_secs, whole_secs};
use crate::walkthrough::Player;

/// A presentation's default length: five minutes, about a third of the
/// interview's first question.
pub const DEFAULT_PRESENT_SECS: u32 = 5 * 60;

/// The Narration window's state: the steps being edited.
#[derive(Clone, Debug, Default)]
pub struct NarrationDraft {
    /// The steps as edited (written to the document when no field of
    /// the window has focus).
    pub steps: Vec<Step>,
    /// The editor state the draft was last in step with.
    synced: Option<u64>,
    /// Minutes for the whole presentation.
    pub minutes: u32,
    /// A step whose title takes the keyboard next frame (just added).
    focus_title: Option<usize>,
}

/// The id of step `index`'s title field.
fn title_id(index: usize) -> egui::Id {
    egui::Id::unique(("narration title", index))
}

/// The id of step `index`'s narration field.
fn text_id(index: usize) -> egui::Id {
    egui::Id::unique(("narration text", index))
}

/// A presentation under way on the current drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    /// egui time at the start.
    pub started_at: f64,
    /// The whole presentation.
    pub total_secs: u32,
    /// Past the last step: the closing question is shown.
    pub closing: bool,
    /// The simulator's answer is shown (after the user's own).
    pub answer_shown: bool,
    /// Seconds used, once finished.
    pub finished_secs: Option<u32>,
}

impl Presentation {
    /// Seconds into the presentation at egui time `now`.
    #[must_use]
    pub fn elapsed(&self, now: f64) -> u32 {
        self.finished_secs
            .unwrap_or_else(|| whole_secs(now - self.started_at))
    }

    /// Each step's budget: the total over the steps plus the closing one.
    #[must_use]
    pub fn step_budget(&self, steps: usize) -> u32 {
        let parts = u32::try_from(steps + 1).unwrap_or(u32::MAX);
        self.total_secs / parts.max(1)
    }
}

/// What the closing step asks.
pub const CLOSING_QUESTION: &str = "What breaks first at 10× traffic? Name the box, the metric \
     you would watch, and what you would do before it saturates. Then: what does the system do \
     while that box is down?";

impl ArchdrillApp {
    /// Opens (or closes) the Narration window on the current drawing.
    pub fn toggle_narration(&mut self) {
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        entry.narration = match entry.narration.take() {
            Some(_) => None,
            None => Some(NarrationDraft {
                minutes: DEFAULT_PRESENT_SECS / 60,
                ..NarrationDraft::default()
            }),
        };
    }

    /// Starts presenting the current drawing's steps from the first one.
    pub fn start_presenting(&mut self, now: f64, total_secs: u32) {
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        if entry.editor.doc().walkthrough.is_empty() {
            return;
        }
        entry.walkthrough = Some(Player::default());
        // The steps are written; the window would cover the narration bar.
        entry.narration = None;
        entry.presenting = Some(Presentation {
            started_at: now,
            total_secs,
            closing: false,
            answer_shown: false,
            finished_secs: None,
        });
    }

    /// The presentation under way on the current drawing.
    #[must_use]
    pub fn presentation(&self) -> Option<&Presentation> {
        self.docs.current()?.presenting.as_ref()
    }

    /// The Narration window, when open.
    pub(super) fn narration_ui(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        let editable = entry.editable();
        let Some(draft) = entry.narration.as_mut() else {
            return;
        };
        let state = entry.editor.state_id();
        if draft.synced != Some(state) {
            draft.steps.clone_from(&entry.editor.doc().walkthrough);
            draft.synced = Some(state);
        }
        let selection = &entry.canvas.selection;
        let picked_nodes: Vec<NodeId> = selection.node_ids();
        let picked_edges: Vec<EdgeId> = selection.edges.iter().cloned().map(EdgeId).collect();
        if let Some(i) = draft.focus_title.take()
            && let Some(step) = draft.steps.get(i)
        {
            let len = step.title.chars().count();
            super::keyboard::focus_text_field(ctx, title_id(i), 0..len);
        }
        let mut open = true;
        let mut typing = false;
        let mut present = None;
        egui::Window::new("Narration")
            .open(&mut open)
            .default_width(380.0)
            // Over the canvas's top left: clear of the walkthrough bar
            // along the bottom and of the Selection panel on the right.
            .pivot(egui::Align2::LEFT_TOP)
            .default_pos(ctx.content_rect().left_top() + egui::vec2(290.0, 90.0))
            .show(ctx, |ui| {
                ui.label(
                    RichText::new(
                        "The steps you say when asked to walk through your architecture. \
                         Select boxes and arrows on the canvas, then highlight them on a step.",
                    )
                    .weak(),
                );
                ui.add_enabled_ui(editable, |ui| {
                    let before = draft.steps.len();
                    typing = steps_ui(ui, &mut draft.steps, &picked_nodes, &picked_edges);
                    if draft.steps.len() > before {
                        draft.focus_title = Some(draft.steps.len() - 1);
                    }
                });
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label("Presentation (minutes)");
                    ui.add(egui::DragValue::new(&mut draft.minutes).range(1..=30))
                        .labelled_by(label.id);
                    let ready = !draft.steps.is_empty();
                    if ui
                        .add_enabled(ready, egui::Button::new("Rehearse presenting"))
                        .on_disabled_hover_text("Add a step first")
                        .clicked()
                    {
                        present = Some(draft.minutes.max(1) * 60);
                    }
                });
            });
        // A text field's edits land once it lets go of the keyboard; a
        // button's at once. Either way: one undo step.
        let pending = !typing && draft.steps != entry.editor.doc().walkthrough;
        let steps = pending.then(|| draft.steps.clone());
        if !open {
            entry.narration = None;
        }
        if let Some(steps) = steps.filter(|_| editable) {
            self.apply(&Command::SetWalkthrough { steps });
        }
        if let Some(total) = present {
            self.start_presenting(now, total);
        }
    }

    /// The presentation's bar over the canvas: time used of the total,
    /// the step's budget, then the closing question and the simulator's
    /// answer.
    pub(super) fn presentation_bar_ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        let steps = entry.editor.doc().walkthrough.len();
        let at_last = entry
            .walkthrough
            .as_ref()
            .is_some_and(|p| p.index + 1 >= steps);
        let Some(show) = entry.presenting.as_mut() else {
            return;
        };
        let elapsed = show.elapsed(now);
        let budget = show.step_budget(steps);
        let mut stop = false;
        egui::Panel::top("presentation").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("Presenting your architecture");
                let over = elapsed > show.total_secs;
                let time = RichText::new(format!(
                    "{} of {}",
                    format_secs(f64::from(elapsed)),
                    format_secs(f64::from(show.total_secs))
                ))
                .monospace()
                .size(18.0);
                ui.label(if over {
                    time.color(ui.visuals().error_fg_color)
                } else {
                    time
                });
                ui.label(format!("about {} a step", format_secs(f64::from(budget))));
                if !show.closing && at_last && ui.button("Closing question →").clicked() {
                    show.closing = true;
                }
                if ui.button("Finish presenting").clicked() {
                    stop = true;
                }
            });
            if show.closing {
                ui.heading("What breaks first?");
                ui.label(RichText::new(CLOSING_QUESTION).size(15.0));
                if show.answer_shown {
                    for line in simulator_answer(entry.editor.doc()) {
                        ui.label(format!("• {line}"));
                    }
                } else if ui
                    .button("Answered out loud — show what the simulator says")
                    .clicked()
                {
                    show.answer_shown = true;
                    show.finished_secs = Some(elapsed);
                }
            }
        });
        if show.finished_secs.is_none() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        }
        if stop {
            entry.presenting = None;
            entry.walkthrough = None;
        }
    }
}

/// Every step's fields and buttons, then "Add step"; true while one of
/// its text fields has the keyboard.
fn steps_ui(ui: &mut Ui, steps: &mut Vec<Step>, nodes: &[NodeId], edges: &[EdgeId]) -> bool {
    let mut typing = false;
    let mut remove = None;
    let mut swap = None;
    let count = steps.len();
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for (i, step) in steps.iter_mut().enumerate() {
                ui.group(|ui| {
                    ui.horizontal(|ui| {
                        let name = ui.strong(format!("Step {}", i + 1));
                        // Enter in the title goes on to what you say, with
                        // whatever was typed after it in the same frame.
                        let typed_on = ui
                            .memory(|m| m.has_focus(title_id(i)))
                            .then(|| super::keyboard::take_typing_after_enter(ui))
                            .flatten();
                        let title = ui
                            .add(
                                egui::TextEdit::singleline(&mut step.title)
                                    .id(title_id(i))
                                    .hint_text("Title")
                                    .desired_width(200.0),
                            )
                            .labelled_by(name.id);
                        typing |= title.has_focus();
                        if let Some(lines) = typed_on {
                            // The Enter itself is the title's, not a new line.
                            ui.input_mut(|i| {
                                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)
                            });
                            step.text.push_str(&lines.join("\n"));
                            let end = step.text.chars().count();
                            super::keyboard::focus_text_field(ui.ctx(), text_id(i), end..end);
                            typing = true;
                        }
                        if ui
                            .add_enabled(i > 0, egui::Button::new("↑"))
                            .on_hover_text("Earlier")
                            .clicked()
                        {
                            swap = Some(i - 1);
                        }
                        if ui
                            .add_enabled(i + 1 < count, egui::Button::new("↓"))
                            .on_hover_text("Later")
                            .clicked()
                        {
                            swap = Some(i);
                        }
                        if ui.button("✕").on_hover_text("Delete this step").clicked() {
                            remove = Some(i);
                        }
                    });
                    let say =
                        ui.label(RichText::new(format!("What you say at step {}", i + 1)).weak());
                    let text = ui
                        .add(
                            egui::TextEdit::multiline(&mut step.text)
                                .id(text_id(i))
                                .desired_rows(2)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(say.id);
                    typing |= text.has_focus();
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(highlight_summary(step.nodes.len(), step.edges.len()))
                                .weak(),
                        );
                        if ui
                            .button("Highlight the selection")
                            .on_hover_text("The boxes and arrows selected on the canvas")
                            .clicked()
                        {
                            step.nodes = nodes.to_vec();
                            step.edges = edges.to_vec();
                        }
                    });
                });
            }
        });
    if let Some(i) = remove {
        steps.remove(i);
    }
    if let Some(i) = swap {
        steps.swap(i, i + 1);
    }
    if ui
        .button("+ Add step")
        .on_hover_text("A new step highlighting the selection")
        .clicked()
    {
        steps.push(Step {
            title: format!("Step {}", steps.len() + 1),
            text: String::new(),
            nodes: nodes.to_vec(),
            edges: edges.to_vec(),
            latency_ms: None,
        });
    }
    typing
}

/// "2 boxes, 1 arrow highlighted".
fn highlight_summary(nodes: usize, edges: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {} highlighted",
        plural(nodes, "box", "boxes"),
        plural(edges, "arrow", "arrows")
    )
}

/// The simulator's sentences on `diagram` at 10× its traffic, or why
/// there are none.
#[must_use]
pub fn simulator_answer(diagram: &crate::model::Diagram) -> Vec<String> {
    match crate::simulate::simulate(diagram, &crate::simulate::Scenario::at(10.0)) {
        Ok(sim) => {
            let mut lines = sim.sentences();
            if lines.is_empty() {
                lines.push("The simulator finds no bottleneck at 10×.".to_owned());
            }
            lines
        }
        Err(e) => vec![format!("The simulator cannot run on this drawing: {e}")],
    }
}
