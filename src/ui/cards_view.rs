//! The Q&A card browser: sections and search on the left; on the right the
//! card, rehearsed as a timed 60–90 s spoken answer, then revealed (answer,
//! table and "Make it yours" note drawn by `card_text`) with its key points
//! to self-grade and likely follow-ups.

use std::sync::Arc;

use egui::{Color32, RichText, Ui};

use super::card_text::AnswerView;
use crate::content::cards::{Card, search};

/// Target length of a spoken answer, seconds.
pub const TARGET_SECS: std::ops::RangeInclusive<f64> = 60.0..=90.0;

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardsAction {
    /// Open the narrated walkthrough of this reference diagram.
    OpenWalkthrough(String),
}

/// Browser state (transient; progress tracking is not stored yet).
pub struct CardsView {
    /// The shipped cards, shared with the Practice mode (parsed once).
    cards: Arc<[Card]>,
    query: String,
    selected: usize,
    revealed: bool,
    hit: Vec<bool>,
    rehearsal: Rehearsal,
    answer: AnswerView,
}

/// The rehearsal timer of the shown card.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Rehearsal {
    /// `ctx` time when the timer started.
    started_at: Option<f64>,
    /// Length of the last finished rehearsal.
    last_secs: Option<f64>,
}

impl Rehearsal {
    /// Answer out loud against the clock; stopping reveals the answer.
    fn ui(&mut self, ui: &mut Ui, now: f64, revealed: &mut bool) {
        ui.horizontal(|ui| match self.started_at {
            None => {
                if ui
                    .button("Rehearse out loud (60–90 s)")
                    .on_hover_text("Answer out loud; the timer runs until you stop it")
                    .clicked()
                {
                    self.started_at = Some(now);
                    *revealed = false;
                }
                if let Some(secs) = self.last_secs {
                    ui.label(RichText::new(verdict(secs)).color(timer_color(secs)));
                }
            }
            Some(start) => {
                let secs = now - start;
                ui.label(
                    RichText::new(format_secs(secs))
                        .monospace()
                        .size(24.0)
                        .color(timer_color(secs)),
                );
                if ui.button("Stop").clicked() {
                    self.last_secs = Some(secs);
                    self.started_at = None;
                    *revealed = true;
                }
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(200));
            }
        });
    }
}

impl CardsView {
    /// A browser over these cards, showing the first.
    #[must_use]
    pub fn new(cards: Arc<[Card]>) -> Self {
        let hit = cards
            .first()
            .map_or_else(Vec::new, |c| vec![false; c.key_points.len()]);
        Self {
            cards,
            query: String::new(),
            selected: 0,
            revealed: false,
            hit,
            rehearsal: Rehearsal::default(),
            answer: AnswerView::default(),
        }
    }

    /// The card shown.
    #[must_use]
    pub fn current(&self) -> Option<&Card> {
        self.cards.get(self.selected)
    }

    /// Whether the answer is shown.
    #[must_use]
    pub const fn revealed(&self) -> bool {
        self.revealed
    }

    fn select(&mut self, index: usize) {
        self.selected = index;
        self.revealed = false;
        self.rehearsal = Rehearsal::default();
        self.hit = vec![false; self.cards.get(index).map_or(0, |c| c.key_points.len())];
    }

    /// Shows the browser; returns an action for the app.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<CardsAction> {
        egui::Panel::left("card-list")
            .resizable(true)
            .default_size(330.0)
            .show(ui, |ui| self.list_ui(ui));
        egui::CentralPanel::default()
            .show(ui, |ui| self.card_ui(ui))
            .inner
    }

    fn list_ui(&mut self, ui: &mut Ui) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("words from questions and answers")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        let matches = search(&self.cards, &self.query);
        ui.label(RichText::new(format!("{} of {} cards", matches.len(), self.cards.len())).weak());
        ui.separator();
        let mut clicked = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut section = "";
                for &i in &matches {
                    let card = &self.cards[i];
                    if card.section != section {
                        section = &card.section;
                        ui.add_space(6.0);
                        ui.label(RichText::new(section).strong());
                    }
                    if ui
                        .selectable_label(i == self.selected, &card.question)
                        .clicked()
                    {
                        clicked = Some(i);
                    }
                }
            });
        if let Some(i) = clicked {
            self.select(i);
        }
    }

    fn card_ui(&mut self, ui: &mut Ui) -> Option<CardsAction> {
        let Some(card) = self.cards.get(self.selected) else {
            ui.label("No cards.");
            return None;
        };
        let mut action = None;
        let now = ui.input(|i| i.time);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(760.0);
                ui.label(RichText::new(&card.section).weak());
                ui.heading(RichText::new(&card.question).size(22.0));
                if let Some(diagram) = &card.diagram
                    && ui
                        .button(format!("▶ Walk through the `{diagram}` diagram"))
                        .on_hover_text("Step through the reference this question is about")
                        .clicked()
                {
                    action = Some(CardsAction::OpenWalkthrough(diagram.clone()));
                }
                ui.add_space(8.0);

                self.rehearsal.ui(ui, now, &mut self.revealed);
                ui.add_space(6.0);
                let toggle = if self.revealed {
                    "Hide answer"
                } else {
                    "Show answer"
                };
                if ui.button(toggle).clicked() {
                    self.revealed = !self.revealed;
                }
                ui.add_space(6.0);
                if !self.revealed {
                    // The key points would give the answer away.
                    ui.label(
                        RichText::new(format!(
                            "{} key points and the follow-ups appear with the answer.",
                            card.key_points.len()
                        ))
                        .weak(),
                    );
                    return;
                }
                ui.separator();
                self.answer.answer_ui(ui, card);
                ui.separator();
                let hits = self.hit.iter().filter(|h| **h).count();
                ui.label(
                    RichText::new(format!(
                        "Key points — did you hit them? {hits}/{}",
                        card.key_points.len()
                    ))
                    .strong(),
                );
                for (point, hit) in card.key_points.iter().zip(self.hit.iter_mut()) {
                    ui.checkbox(hit, point);
                }
                ui.add_space(6.0);
                ui.label(RichText::new("Likely follow-ups").strong());
                for follow_up in &card.follow_ups {
                    ui.label(format!("• {follow_up}"));
                }
            });
        action
    }
}

/// `m:ss`.
#[must_use]
pub fn format_secs(secs: f64) -> String {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a few minutes at most"
    )]
    let whole = secs.max(0.0).floor() as u64;
    format!("{}:{:02}", whole / 60, whole % 60)
}

/// Green inside the 60–90 s window, amber before it, red after.
#[must_use]
pub fn timer_color(secs: f64) -> Color32 {
    if secs < *TARGET_SECS.start() {
        Color32::from_rgb(0xe0, 0x9b, 0x12)
    } else if secs <= *TARGET_SECS.end() {
        Color32::from_rgb(0x3c, 0xb3, 0x71)
    } else {
        Color32::from_rgb(0xe0, 0x3c, 0x31)
    }
}

/// One line of feedback on a rehearsal's length.
#[must_use]
pub fn verdict(secs: f64) -> String {
    let time = format_secs(secs);
    if secs < *TARGET_SECS.start() {
        format!("{time}: short — add the story and a number")
    } else if secs <= *TARGET_SECS.end() {
        format!("{time}: right in the 60–90 s window")
    } else {
        format!("{time}: long — cut to the tradeoff and stop")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timer_feedback() {
        assert_eq!(format_secs(74.9), "1:14");
        assert_eq!(format_secs(5.0), "0:05");
        assert!(verdict(45.0).contains("short"));
        assert!(verdict(75.0).contains("window"));
        assert!(verdict(95.0).contains("long"));
        assert_ne!(timer_color(45.0), timer_color(75.0));
    }
}
