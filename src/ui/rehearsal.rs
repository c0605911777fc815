//! Answer rehearsal of one due card: the question alone with a running
//! 60–90 s timer; revealed (Space), the answer and its key points to tick;
//! then the four rating buttons, the suggested one preselected, each
//! showing the wait it would schedule ("Good · 10 m"). Keys are read by the
//! app (which knows who owns the keyboard); this widget only draws and
//! returns what was clicked.

use egui::{Color32, RichText, Ui};

use super::card_text::AnswerView;
use crate::content::cards::Card;
use crate::drill::{Rating, Scheduled, suggest_card_rating};

/// The rehearsal of one card. Its timer is an egui time, so it keeps
/// running across frames and while another view is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Rehearsal {
    /// The card rehearsed.
    pub card_id: String,
    /// egui time when the question was shown.
    pub started_at: f64,
    /// Seconds spoken, frozen when the answer is revealed.
    pub spoken_secs: Option<f64>,
    /// One per key point: ticked as hit.
    pub ticked: Vec<bool>,
    /// The rating given and the wait it scheduled, once rated.
    pub rated: Option<(Rating, String)>,
}

impl Rehearsal {
    /// A rehearsal of `card` starting at egui time `now`.
    #[must_use]
    pub fn new(card: &Card, now: f64) -> Self {
        Self {
            card_id: card.id.clone(),
            started_at: now,
            spoken_secs: None,
            ticked: vec![false; card.key_points.len()],
            rated: None,
        }
    }

    /// Whether the answer is shown.
    #[must_use]
    pub const fn revealed(&self) -> bool {
        self.spoken_secs.is_some()
    }

    /// Seconds on the timer at egui time `now`.
    #[must_use]
    pub fn secs(&self, now: f64) -> f64 {
        self.spoken_secs.unwrap_or(now - self.started_at).max(0.0)
    }

    /// Stops the timer and shows the answer.
    pub fn reveal(&mut self, now: f64) {
        if self.spoken_secs.is_none() {
            self.spoken_secs = Some((now - self.started_at).max(0.0));
        }
    }

    /// The rating suggested from the ticks and the time spoken.
    #[must_use]
    pub fn suggested(&self, now: f64) -> Rating {
        let hit = self.ticked.iter().filter(|t| **t).count();
        suggest_card_rating(hit, self.ticked.len(), whole_secs(self.secs(now)))
    }
}

/// Whole seconds of a non-negative time.
#[must_use]
pub fn whole_secs(secs: f64) -> u32 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0..=u32::MAX first"
    )]
    let whole = secs.clamp(0.0, f64::from(u32::MAX)) as u32;
    whole
}

/// What the user clicked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RehearsalAction {
    /// Show the answer.
    Reveal,
    /// Rate the card.
    Rate(Rating),
    /// Go on to the next due card.
    Next,
    /// Back to the queue.
    Back,
    /// Step through the reference diagram the card is about.
    OpenWalkthrough(String),
}

/// `m:ss`.
#[must_use]
pub fn format_secs(secs: f64) -> String {
    let whole = whole_secs(secs);
    format!("{}:{:02}", whole / 60, whole % 60)
}

fn timer_color(secs: f64) -> Color32 {
    if secs < 60.0 {
        Color32::from_rgb(0x6a, 0x8c, 0xc8)
    } else if secs <= 90.0 {
        Color32::from_rgb(0x3c, 0xa0, 0x5a)
    } else {
        Color32::from_rgb(0xd0, 0x5a, 0x3c)
    }
}

/// Draws the rehearsal of `card` (its answer through `answer`); `previews` is what each rating would
/// schedule, worst first.
pub fn rehearsal_ui(
    ui: &mut Ui,
    answer: &mut AnswerView,
    card: &Card,
    state: &mut Rehearsal,
    now: f64,
    previews: &[Scheduled; 4],
) -> Option<RehearsalAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        if ui.button("← Due today").clicked() {
            action = Some(RehearsalAction::Back);
        }
        ui.label(RichText::new(&card.section).weak());
    });
    ui.add_space(8.0);
    ui.heading(&card.question);
    ui.add_space(8.0);
    let secs = state.secs(now);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format_secs(secs))
                .monospace()
                .size(28.0)
                .color(timer_color(secs)),
        );
        ui.label("Answer out loud: 60–90 s.");
    });
    if !state.revealed() {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(200));
        ui.add_space(8.0);
        if ui.button("Reveal answer").on_hover_text("Space").clicked() {
            action = Some(RehearsalAction::Reveal);
        }
        return action;
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(ui.available_height() - 90.0)
        .show(ui, |ui| {
            answer.answer_ui(ui, card);
            ui.add_space(8.0);
            ui.strong("Key points — tick the ones you said");
            for (point, ticked) in card.key_points.iter().zip(&mut state.ticked) {
                ui.checkbox(ticked, point.as_str());
            }
            if let Some(diagram) = &card.diagram {
                ui.add_space(8.0);
                if ui
                    .button(format!("▶ Walk through the `{diagram}` diagram"))
                    .on_hover_text("The reference this card is about (Practice → back here)")
                    .clicked()
                {
                    action = Some(RehearsalAction::OpenWalkthrough(diagram.clone()));
                }
            }
        });
    ui.separator();
    if let Some((rating, wait)) = &state.rated {
        ui.label(format!("Rated {} — due again in {wait}.", rating.title()));
        if ui
            .button("Next card →")
            .on_hover_text("→, Space or Enter")
            .clicked()
        {
            action = Some(RehearsalAction::Next);
        }
        return action;
    }
    let suggested = state.suggested(now);
    ui.horizontal(|ui| {
        for (key, (rating, preview)) in Rating::ALL.iter().zip(previews).enumerate() {
            let text = format!("{} · {}", rating.title(), preview.interval.short());
            if ui
                .selectable_label(*rating == suggested, text)
                .on_hover_text(format!("{}", key + 1))
                .clicked()
            {
                action = Some(RehearsalAction::Rate(*rating));
            }
        }
    });
    ui.label(
        RichText::new(format!(
            "Suggested: {} (from the ticks and the time); 1–4 rates.",
            suggested.title()
        ))
        .weak(),
    );
    action
}
