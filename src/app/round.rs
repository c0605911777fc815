//! The whiteboard round in the app: before it starts, the prompt, its brief,
//! its reference and the rubric it is graded by (what the check looks for,
//! with points — not the answer) and an adjustable time limit; under way, a
//! blank drawing in the Diagrams mode with a countdown bar above the canvas
//! (phase and its budget, the twist once announced, Submit); at Submit or
//! time up, the grade is recorded in the progress, the findings panel opens
//! on the drawing against the prompt's reference (ghosts included) and the
//! reference's walkthrough is offered. Past attempts can be reopened.

use egui::{RichText, Ui};

use super::ArchdrillApp;
use super::entry::{RoundCheck, Source};
use crate::drill::round::{DEFAULT_ROUND_SECS, RoundPlan, grade};
use crate::drill::{Prompt, RoundAttempt, RoundSubmission, Timestamp};
use crate::ui::rehearsal::{format_secs, whole_secs};

/// A round being set up (shown in the Practice mode).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundSetup {
    /// The prompt id.
    pub prompt: String,
    /// The chosen time limit.
    pub time_limit_secs: u32,
}

/// A round under way, or just submitted.
#[derive(Clone, Debug)]
pub struct RoundRun {
    /// The prompt.
    pub prompt: Prompt,
    /// Its plan.
    pub plan: RoundPlan,
    /// The drawing's entry (`Source::Untitled(n)`).
    pub untitled: u32,
    /// Drill clock at the start.
    pub started_at: Timestamp,
    /// egui time at the start (the countdown runs on it).
    pub started_egui: f64,
    /// The recorded attempt, once submitted.
    pub finished: Option<RoundAttempt>,
    /// What the twist added and the drawing lacked, once submitted.
    pub twist_missed: Vec<String>,
}

impl RoundRun {
    /// Seconds into the round at egui time `now`, at most the limit.
    #[must_use]
    pub fn elapsed_secs(&self, now: f64) -> u32 {
        whole_secs(now - self.started_egui).min(self.plan.time_limit_secs)
    }

    /// Whether the twist has been announced by `elapsed`.
    #[must_use]
    pub fn twist_announced(&self, elapsed: u32) -> bool {
        self.plan.twist_at_secs.is_some_and(|t| elapsed >= t)
    }
}

impl ArchdrillApp {
    /// Opens the setup of a round for `prompt_id` in the Practice mode.
    pub fn set_up_round(&mut self, prompt_id: &str) {
        if self.practice.catalog.prompt(prompt_id).is_some() {
            self.practice.setup = Some(RoundSetup {
                prompt: prompt_id.to_owned(),
                time_limit_secs: DEFAULT_ROUND_SECS,
            });
            self.mode = super::Mode::Practice;
        }
    }

    /// The round under way or just submitted.
    #[must_use]
    pub const fn round(&self) -> Option<&RoundRun> {
        self.practice.round.as_ref()
    }

    /// Starts the round that is set up: a blank drawing, the countdown on.
    pub fn start_round(&mut self, now_egui: f64) {
        let Some(setup) = self.practice.setup.take() else {
            return;
        };
        let Some(prompt) = self.practice.catalog.prompt(&setup.prompt).cloned() else {
            return;
        };
        self.new_drawing();
        if let Some(entry) = self.docs.current_mut() {
            let blank = crate::model::Diagram {
                title: format!("Round: {}", prompt.title),
                arrows: crate::model::ArrowStyle::Orthogonal,
                ..crate::model::Diagram::default()
            };
            *entry = super::entry::Entry::new(Source::Untitled(self.untitled), blank);
            // Ctrl+K during the round checks against the round's reference.
            entry.against = crate::content::references::find(&prompt.reference).map(|r| r.id);
        }
        self.practice.round = Some(RoundRun {
            plan: RoundPlan::new(&prompt, setup.time_limit_secs),
            prompt,
            untitled: self.untitled,
            started_at: self.now(),
            started_egui: now_egui,
            finished: None,
            twist_missed: Vec::new(),
        });
    }

    /// Grades the round's drawing, records the attempt (drawing saved in
    /// the data dir), opens the findings against the prompt's reference.
    pub fn submit_round(&mut self, now_egui: f64) {
        let Some(run) = self
            .practice
            .round
            .as_ref()
            .filter(|r| r.finished.is_none())
        else {
            return;
        };
        let Some(index) = self.docs.position(&Source::Untitled(run.untitled)) else {
            return;
        };
        let elapsed = run.elapsed_secs(now_egui);
        let twist = run.twist_announced(elapsed);
        let drawing = self.docs.list[index].editor.doc().clone();
        let grade = match grade(&run.prompt, &drawing, twist) {
            Ok(grade) => grade,
            Err(e) => {
                self.errors.push(e.to_string());
                return;
            }
        };
        let submission = RoundSubmission {
            prompt: &run.prompt,
            drawing: &drawing,
            grade: &grade,
            started_at: run.started_at,
            finished_at: run.started_at.plus_secs(i64::from(elapsed)),
            time_limit_secs: run.plan.time_limit_secs,
            twist_included: twist,
        };
        let Some(data) = self.persist.data.clone() else {
            self.errors
                .push("No data directory: the round was graded but not kept.".to_owned());
            return;
        };
        let recorded =
            self.practice
                .progress
                .record_round(&data, &self.practice.catalog, &submission);
        let reference = run.prompt.reference.clone();
        let prompt = run.prompt.clone();
        let twist_missed = grade
            .twist_findings
            .iter()
            .map(|f| format!("{} (−{})", f.message, f.points))
            .collect();
        match recorded {
            Ok((attempt, _)) => {
                self.mock_round_done(&attempt);
                if let Some(run) = self.practice.round.as_mut() {
                    run.finished = Some(attempt);
                    run.twist_missed = twist_missed;
                }
                self.save_progress();
            }
            Err(e) => {
                self.errors.push(e.to_string());
                return;
            }
        }
        self.docs.list[index].round = Some(RoundCheck { prompt, twist });
        self.docs.index = index;
        self.mode = super::Mode::Diagrams;
        self.check_against_reference(&reference);
    }

    /// Checks the current drawing against `reference` (findings, ghosts);
    /// the choice is the drawing's own, the toolbar's stays as it was.
    fn check_against_reference(&mut self, reference: &str) {
        if let Some(found) = crate::content::references::find(reference) {
            if let Some(entry) = self.docs.current_mut() {
                entry.against = Some(found.id);
            }
            self.run_check();
        }
    }

    /// Opens a past attempt's drawing with its findings.
    pub fn reopen_attempt(&mut self, attempt_id: &str) {
        let Some(attempt) = self
            .practice
            .progress
            .rounds
            .iter()
            .find(|a| a.id == attempt_id)
            .cloned()
        else {
            return;
        };
        let Some(data) = self.persist.data.clone() else {
            return;
        };
        match crate::drill::progress::load_round_drawing(&data, &attempt) {
            Ok(diagram) => {
                self.new_drawing();
                let prompt = self.practice.catalog.prompt(&attempt.prompt).cloned();
                if let Some(entry) = self.docs.current_mut() {
                    *entry = super::entry::Entry::new(Source::Untitled(self.untitled), diagram);
                    entry.round = prompt.clone().map(|prompt| RoundCheck {
                        prompt,
                        twist: attempt.twist,
                    });
                }
                if let Some(prompt) = prompt {
                    self.check_against_reference(&prompt.reference);
                }
            }
            Err(e) => self.errors.push(e.to_string()),
        }
    }

    /// The countdown bar above the canvas while the round's drawing is
    /// shown; submits when time is up.
    pub(super) fn round_bar_ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        let Some(run) = self.practice.round.as_ref() else {
            return;
        };
        let on_canvas = self
            .docs
            .current()
            .is_some_and(|e| e.source == Source::Untitled(run.untitled));
        if !on_canvas {
            return;
        }
        let elapsed = run.elapsed_secs(now);
        let limit = run.plan.time_limit_secs;
        let mut submit = elapsed >= limit && run.finished.is_none();
        let mut walkthrough = false;
        let mut mock_next = false;
        let in_mock = self.practice.mock.as_ref().is_some_and(|m| {
            m.attempt.is_some()
                && m.attempt.as_ref().map(|a| &a.id) == run.finished.as_ref().map(|a| &a.id)
        });
        egui::Panel::top("round").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(&run.prompt.title);
                if let Some(attempt) = &run.finished {
                    ui.label(format!(
                        "Score {} · {} · {} used",
                        attempt.score,
                        attempt.rating.title(),
                        format_secs(f64::from(attempt.seconds_used))
                    ));
                    if ui.button("Walk through the reference").clicked() {
                        walkthrough = true;
                    }
                    if in_mock && ui.button("Mock panel: on to the cards →").clicked() {
                        mock_next = true;
                    }
                    return;
                }
                let phase = &run.plan.phases[run.plan.phase_at(elapsed)];
                ui.label(format!(
                    "{} ({} budget)",
                    phase.name,
                    format_secs(f64::from(phase.secs))
                ));
                ui.label(
                    RichText::new(format!(
                        "{} left",
                        format_secs(f64::from(limit.saturating_sub(elapsed)))
                    ))
                    .monospace()
                    .size(18.0),
                );
                if ui.button("Submit round").clicked() {
                    submit = true;
                }
            });
            if run.finished.is_none() {
                let fraction = f64::from(elapsed) / f64::from(limit.max(1));
                #[expect(clippy::cast_possible_truncation, reason = "a 0–1 fraction")]
                let bar = egui::ProgressBar::new(fraction as f32).desired_height(6.0);
                ui.add(bar);
                ui.horizontal(|ui| {
                    for phase in &run.plan.phases {
                        ui.label(
                            RichText::new(format!(
                                "{} {}",
                                phase.name,
                                format_secs(f64::from(phase.secs))
                            ))
                            .weak(),
                        );
                    }
                });
            }
            if let Some(twist) = run.prompt.twist.as_ref()
                && run.twist_announced(elapsed)
            {
                ui.colored_label(ui.visuals().warn_fg_color, format!("Twist: {}", twist.text));
            }
            for missed in &run.twist_missed {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("Twist missed: {missed}"),
                );
            }
        });
        if run.finished.is_none() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        }
        let reference = run.prompt.reference.clone();
        if submit {
            self.submit_round(now);
        }
        if walkthrough {
            self.open_walkthrough(&reference);
        }
        if mock_next {
            self.mock_next(now);
        }
    }

    /// Shows the round's drawing (Diagrams mode, its entry selected).
    pub(super) fn show_round_drawing(&mut self) {
        let Some(run) = self.practice.round.as_ref() else {
            return;
        };
        if let Some(index) = self.docs.position(&Source::Untitled(run.untitled)) {
            self.docs.index = index;
            self.mode = super::Mode::Diagrams;
        }
    }

    /// The round's setup in the Practice mode: prompt, brief, reference,
    /// rubric, time limit, Start.
    pub(super) fn round_setup_ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        let Some(setup) = self.practice.setup.as_mut() else {
            return;
        };
        let Some(prompt) = self.practice.catalog.prompt(&setup.prompt) else {
            return;
        };
        let mut start = false;
        let mut back = false;
        if ui.button("← Due today").clicked() {
            back = true;
        }
        if let Some(mock) = self.practice.mock.as_ref() {
            ui.label(
                RichText::new(format!(
                    "Mock panel, part 1 of {}: this round, then {} cards from other sections.",
                    1 + mock.plan.cards.len(),
                    mock.plan.cards.len()
                ))
                .strong(),
            );
        }
        ui.heading(&prompt.title);
        for line in &prompt.brief {
            ui.label(format!("• {line}"));
        }
        ui.label(format!(
            "Checked against the reference `{}`.",
            prompt.reference
        ));
        if prompt.twist.is_some() {
            ui.label("An interviewer's twist arrives at the deep dive; the grade includes it.");
        }
        let mut minutes = setup.time_limit_secs / 60;
        ui.horizontal(|ui| {
            let label = ui.label("Time limit (minutes)");
            ui.add(egui::DragValue::new(&mut minutes).range(1..=60))
                .labelled_by(label.id);
        });
        setup.time_limit_secs = minutes.max(1) * 60;
        let plan = RoundPlan::new(prompt, setup.time_limit_secs);
        ui.horizontal(|ui| {
            for phase in &plan.phases {
                ui.label(format!(
                    "{} {}",
                    phase.name,
                    format_secs(f64::from(phase.secs))
                ));
            }
        });
        if ui.button("Start round").clicked() {
            start = true;
        }
        ui.separator();
        let rubric = crate::content::references::find(&prompt.reference)
            .and_then(|r| r.load().ok())
            .map(|d| crate::check::rubric::for_reference(&d))
            .unwrap_or_default();
        // Closed until asked for: the list names the parts to draw.
        egui::CollapsingHeader::new("What the check looks for")
            .id_salt("round-rubric")
            .default_open(false)
            .show(ui, |ui| {
                ui.label(
                    RichText::new("It names the parts the reference has: try the round first.")
                        .weak(),
                );
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for price in &rubric {
                        ui.label(format!("{} · {}", price.cost(), price.looks_for));
                    }
                });
            });
        if back {
            self.practice.setup = None;
        }
        if start {
            self.start_round(now);
        }
    }
}
