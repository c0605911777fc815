//! The mock panel in the app: a whiteboard round (its usual setup, blank
//! drawing and countdown), then the panel's cards rehearsed one after the
//! other (→ goes to the panel's next card, not the next due one), then a
//! summary. Each part is recorded as it is done — the round's attempt, each
//! card's review — so leaving half-way loses nothing already answered.

use egui::{RichText, Ui};

use super::ArchdrillApp;
use crate::drill::RoundAttempt;
use crate::drill::mock::{CardResult, DEFAULT_MOCK_CARDS, MockPlan, MockSummary, plan, summarise};

/// A mock panel under way (kept in `<data>/mock.ron` until it ends, so a
/// restart picks it up where it stood).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MockRun {
    /// What it asks.
    pub plan: MockPlan,
    /// The round's attempt, once submitted.
    pub attempt: Option<RoundAttempt>,
    /// The cards rated so far, in order.
    pub results: Vec<CardResult>,
}

impl MockRun {
    /// The panel's next card, if any is left.
    fn next_card(&self) -> Option<&str> {
        self.plan.cards.get(self.results.len()).map(String::as_str)
    }

    /// "part 2 of 5".
    pub(super) fn part(&self) -> String {
        let done = usize::from(self.attempt.is_some()) + self.results.len();
        let total = 1 + self.plan.cards.len();
        format!("part {} of {total}", (done + 1).min(total))
    }
}

impl ArchdrillApp {
    /// Starts a mock panel: plans it and opens its round's setup.
    pub fn start_mock(&mut self) {
        let Some(plan) = plan(
            &self.practice.catalog,
            &self.practice.progress,
            self.now(),
            DEFAULT_MOCK_CARDS,
        ) else {
            self.errors
                .push("No whiteboard prompt is available for a mock panel.".to_owned());
            return;
        };
        self.set_up_round(&plan.prompt);
        self.practice.mock = Some(MockRun {
            plan,
            attempt: None,
            results: Vec::new(),
        });
        self.keep_mock();
    }

    /// Writes the panel under way to the data dir, or removes the file
    /// when none is (finished or abandoned).
    pub(super) fn keep_mock(&mut self) {
        let Some(data) = self.persist.data.as_ref() else {
            return;
        };
        let path = data.mock_path();
        let written = match &self.practice.mock {
            Some(mock) => crate::store::write_ron(mock, &path),
            None => crate::store::remove(&path),
        };
        if let Err(e) = written {
            self.errors.push(e.to_string());
        }
    }

    /// Picks up the panel that was under way when the app last closed; a
    /// damaged file is reported and dropped.
    pub(super) fn load_mock(&mut self, data: &crate::store::DataDir) {
        match crate::store::read_ron::<MockRun>(&data.mock_path()) {
            Ok(mock) => self.practice.mock = mock,
            Err(e) => {
                self.errors
                    .push(format!("{e}. The mock panel under way is dropped."));
                let _ignored = crate::store::remove(&data.mock_path());
            }
        }
    }

    /// The mock panel under way, if any.
    #[must_use]
    pub const fn mock(&self) -> Option<&MockRun> {
        self.practice.mock.as_ref()
    }

    /// Notes a submitted round as the panel's first part.
    pub(super) fn mock_round_done(&mut self, attempt: &RoundAttempt) {
        if let Some(mock) = self
            .practice
            .mock
            .as_mut()
            .filter(|m| m.attempt.is_none() && m.plan.prompt == attempt.prompt)
        {
            mock.attempt = Some(attempt.clone());
        }
        self.keep_mock();
    }

    /// Notes a rated card when it is the panel's next one.
    pub(super) fn mock_card_done(&mut self, result: CardResult) {
        if let Some(mock) = self
            .practice
            .mock
            .as_mut()
            .filter(|m| m.next_card() == Some(result.card.as_str()))
        {
            mock.results.push(result);
        }
        self.keep_mock();
    }

    /// Goes on with the panel: its next card, or the summary when every
    /// card is rated. False when no panel is under way.
    pub(super) fn mock_next(&mut self, now: f64) -> bool {
        let Some(mock) = self.practice.mock.as_ref() else {
            return false;
        };
        if mock.attempt.is_none() {
            return false;
        }
        self.mode = super::Mode::Practice;
        match mock.next_card().map(str::to_owned) {
            Some(card) => self.rehearse(&card, now),
            None => self.practice.view = super::practice::View::MockSummary,
        }
        true
    }

    /// The summary of the panel under way.
    #[must_use]
    pub fn mock_summary(&self) -> Option<MockSummary> {
        let mock = self.practice.mock.as_ref()?;
        let catalog = &self.practice.catalog;
        // A card or prompt by its title, a finding code in words.
        let title = |id: &str| {
            catalog.get(id).map_or_else(
                || crate::drill::stats::title_of(catalog, id),
                |i| i.title.clone(),
            )
        };
        Some(summarise(mock.attempt.as_ref(), &mock.results, &title))
    }

    /// The line over the queue while a panel is under way: where it stands,
    /// Continue, Abandon.
    pub(super) fn mock_banner_ui(&mut self, ui: &mut Ui, now: f64) {
        let Some(mock) = self.practice.mock.as_ref() else {
            if ui
                .button("Mock panel")
                .on_hover_text(format!(
                    "A whiteboard round, then {DEFAULT_MOCK_CARDS} cards from different sections, \
                     then a summary"
                ))
                .clicked()
            {
                self.start_mock();
            }
            return;
        };
        let part = mock.part();
        let round_pending = mock.attempt.is_none();
        let prompt = mock.plan.prompt.clone();
        ui.label(RichText::new(format!("Mock panel under way: {part}")).strong());
        if ui.button("Continue mock panel").clicked() {
            if round_pending {
                if self
                    .practice
                    .round
                    .as_ref()
                    .is_some_and(|r| r.prompt.id == prompt)
                {
                    self.show_round_drawing();
                } else {
                    self.set_up_round(&prompt);
                }
            } else {
                self.mock_next(now);
            }
        }
        if ui.button("Abandon mock panel").clicked() {
            self.practice.mock = None;
            self.keep_mock();
        }
    }

    /// The summary view: one line per part, the totals, Done.
    pub(super) fn mock_summary_ui(&mut self, ui: &mut Ui) {
        let Some(summary) = self.mock_summary() else {
            self.practice.view = super::practice::View::Queue;
            return;
        };
        ui.heading("Mock panel summary");
        if let Some(score) = summary.round_score {
            ui.label(format!("Whiteboard score: {score} / 100"));
        }
        ui.label(format!(
            "Cards passed (Good or Easy): {} % · key points hit: {} %",
            summary.cards_passed_percent, summary.points_percent
        ));
        ui.separator();
        for line in &summary.lines {
            ui.label(line);
        }
        if !summary.off_time.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{} of your answers ran outside 60–90 s: rehearse the shape of the answer, \
                     not only its facts.",
                    summary.off_time.len()
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        ui.separator();
        if ui.button("Done").clicked() {
            self.practice.mock = None;
            self.keep_mock();
            self.practice.view = super::practice::View::Queue;
        }
    }
}
