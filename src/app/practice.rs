//! The Practice mode: the "Due today" queue (cards and prompts mixed) over
//! the progress kept in the data dir, and the answer rehearsal of its
//! cards. Every review is recorded at once and the progress file written
//! atomically; a damaged file is reported in the error banner (the drill
//! core moves it aside), never silently reset.
//!
//! The time comes from a [`Clock`]: the system clock in the app, a fixed
//! [`Timestamp`] in tests. The rehearsal timer runs on egui's time, so it
//! keeps running across frames and while another view is shown.

use std::sync::Arc;

use egui::{Key, Modifiers, RichText, Ui};

use super::ArchdrillApp;
use crate::content::cards::Card;
use crate::drill::progress::{self, ProgressError};
use crate::drill::queue::{Queue, due};
use crate::drill::{Catalog, ItemKind, Progress, Rating, Timestamp};
use crate::store::DataDir;
use crate::ui::card_text::AnswerView;
use crate::ui::rehearsal::{Rehearsal, RehearsalAction, rehearsal_ui, whole_secs};

/// Where the drills read the time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    System,
    /// Always this time (tests, or a user checking tomorrow's queue).
    Fixed(Timestamp),
}

impl Clock {
    /// The time now.
    #[must_use]
    pub fn now(self) -> Timestamp {
        match self {
            Self::System => Timestamp::from_unix_secs(
                i64::try_from(crate::store::unix_now_secs()).unwrap_or(i64::MAX),
            ),
            Self::Fixed(at) => at,
        }
    }
}

/// What the Practice mode shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum View {
    /// The due queue.
    #[default]
    Queue,
    /// The card being rehearsed.
    Rehearse,
    /// The stats and plots.
    Stats,
    /// The end of a mock panel.
    MockSummary,
}

/// The drills in the app: catalog, progress and the rehearsal under way.
pub struct Practice {
    pub(super) catalog: Catalog,
    /// The shipped cards, shared with the card browser (parsed once).
    cards: Arc<[Card]>,
    pub(super) progress: Progress,
    /// False when the progress file could not be read or moved aside:
    /// nothing is written over it.
    writable: bool,
    clock: Clock,
    pub(super) view: View,
    pub(super) rehearsal: Option<Rehearsal>,
    /// Draws the rehearsed card's answer (keeps the Markdown viewer's cache).
    answer: AnswerView,
    /// A whiteboard round being set up.
    pub(super) setup: Option<super::round::RoundSetup>,
    /// The round under way or last submitted.
    pub(super) round: Option<super::round::RoundRun>,
    /// The mock panel under way.
    pub(super) mock: Option<super::mock::MockRun>,
}

impl Practice {
    /// The catalog of the shipped `cards` and prompts, and empty
    /// progress; problems go to `errors`.
    pub fn new(cards: Arc<[Card]>, errors: &mut Vec<String>) -> Self {
        let catalog = match crate::drill::prompts::shipped() {
            Ok(prompts) => Catalog::new(&cards, prompts),
            Err(e) => {
                errors.push(e.to_string());
                Catalog::default()
            }
        };
        Self {
            catalog,
            cards,
            progress: Progress::default(),
            writable: true,
            clock: Clock::System,
            view: View::Queue,
            rehearsal: None,
            answer: AnswerView::default(),
            setup: None,
            round: None,
            mock: None,
        }
    }

    fn card(&self, id: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }
}

impl ArchdrillApp {
    /// Reads the time from `clock` from now on (tests fix it).
    #[must_use]
    pub const fn with_clock(mut self, clock: Clock) -> Self {
        self.practice.clock = clock;
        self
    }

    /// Fixes the drills' clock at `at` (tests move it a day on).
    pub const fn set_now(&mut self, at: Timestamp) {
        self.practice.clock = Clock::Fixed(at);
    }

    /// The drills' time now.
    #[must_use]
    pub fn now(&self) -> Timestamp {
        self.practice.clock.now()
    }

    /// The drills' progress as held by the app.
    #[must_use]
    pub const fn progress(&self) -> &Progress {
        &self.practice.progress
    }

    /// What is due now.
    #[must_use]
    pub fn due_queue(&self) -> Queue {
        due(&self.practice.catalog, &self.practice.progress, self.now())
    }

    /// The card being rehearsed, if any.
    #[must_use]
    pub const fn rehearsal(&self) -> Option<&Rehearsal> {
        self.practice.rehearsal.as_ref()
    }

    /// Reads `<data>/progress.ron`; a damaged file is reported (it was
    /// moved aside) and one that cannot be moved or is newer is left alone
    /// and never written over.
    pub(super) fn load_progress(&mut self, data: &DataDir) {
        match progress::load(data, self.now()) {
            Ok(loaded) => {
                self.practice.progress = loaded;
                self.practice.writable = true;
            }
            Err(e @ ProgressError::Corrupt { .. }) => {
                self.errors.push(e.to_string());
                self.practice.progress = Progress::default();
                self.practice.writable = true;
            }
            Err(e) => {
                self.errors.push(format!(
                    "{e} Practice works, but reviews are not saved this session."
                ));
                self.practice.writable = false;
            }
        }
    }

    pub(super) fn save_progress(&mut self) {
        if !self.practice.writable {
            return;
        }
        let Some(data) = self.persist.data.as_ref() else {
            return;
        };
        if let Err(e) = self.practice.progress.save(data) {
            self.errors.push(e.to_string());
        }
    }

    /// Starts rehearsing the first card due, or shows the queue when none is.
    fn rehearse_next(&mut self, now: f64) {
        let queue = self.due_queue();
        let next = queue
            .due
            .iter()
            .find(|e| e.kind == ItemKind::Card)
            .and_then(|e| self.practice.card(&e.id));
        if let Some(card) = next {
            self.practice.rehearsal = Some(Rehearsal::new(card, now));
            self.practice.view = View::Rehearse;
        } else {
            self.practice.rehearsal = None;
            self.practice.view = View::Queue;
        }
    }

    /// Starts rehearsing card `id` (`now`: egui time, for its timer).
    pub fn rehearse(&mut self, id: &str, now: f64) {
        if let Some(card) = self.practice.card(id) {
            self.practice.rehearsal = Some(Rehearsal::new(card, now));
            self.practice.view = View::Rehearse;
        }
    }

    fn rate(&mut self, rating: Rating, now: f64) {
        let at = self.now();
        let practice = &mut self.practice;
        let Some(rehearsal) = practice.rehearsal.as_mut() else {
            return;
        };
        if rehearsal.rated.is_some() || !rehearsal.revealed() {
            return;
        }
        let spoken = whole_secs(rehearsal.secs(now));
        match practice.progress.review(
            &practice.catalog,
            &rehearsal.card_id,
            rating,
            at,
            Some(spoken),
        ) {
            Ok(scheduled) => {
                rehearsal.rated = Some((rating, scheduled.interval.short()));
                let result = crate::drill::mock::CardResult {
                    card: rehearsal.card_id.clone(),
                    rating,
                    spoken_secs: spoken,
                    points_hit: rehearsal.ticked.iter().filter(|t| **t).count(),
                    points_total: rehearsal.ticked.len(),
                };
                self.save_progress();
                self.mock_card_done(result);
            }
            Err(e) => self.errors.push(e.to_string()),
        }
    }

    fn apply_rehearsal_action(&mut self, action: RehearsalAction, now: f64) {
        match action {
            RehearsalAction::Reveal => {
                if let Some(r) = self.practice.rehearsal.as_mut() {
                    r.reveal(now);
                }
            }
            RehearsalAction::Rate(rating) => self.rate(rating, now),
            RehearsalAction::Next => {
                if !self.mock_next(now) {
                    self.rehearse_next(now);
                }
            }
            RehearsalAction::Back => self.practice.view = View::Queue,
            RehearsalAction::OpenWalkthrough(reference) => self.open_walkthrough(&reference),
        }
    }

    /// Space (reveal, then next), 1–4 (rate), → or Enter (next) while
    /// rehearsing, read before the widgets (so a
    /// focused button does not take Space too) and only when no text field
    /// owns the keyboard.
    fn rehearsal_keys(&mut self, ui: &Ui, now: f64) {
        if self.practice.view != View::Rehearse || !self.keyboard.text_free(ui.ctx()) {
            return;
        }
        let Some(rehearsal) = self.practice.rehearsal.as_ref() else {
            return;
        };
        let (revealed, rated) = (rehearsal.revealed(), rehearsal.rated.is_some());
        let pressed = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        let action = if !revealed && pressed(Key::Space) {
            Some(RehearsalAction::Reveal)
        } else if revealed && !rated {
            [Key::Num1, Key::Num2, Key::Num3, Key::Num4]
                .into_iter()
                .zip(Rating::ALL)
                .find(|(key, _)| pressed(*key))
                .map(|(_, rating)| RehearsalAction::Rate(rating))
        } else if rated && (pressed(Key::ArrowRight) || pressed(Key::Space) || pressed(Key::Enter))
        {
            // The key that revealed the answer goes on too.
            Some(RehearsalAction::Next)
        } else {
            None
        };
        if let Some(action) = action {
            self.apply_rehearsal_action(action, now);
        }
    }

    /// The Practice mode: the queue or the rehearsal, under the error banner.
    pub(super) fn practice_ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        self.rehearsal_keys(ui, now);
        egui::CentralPanel::default().show(ui, |ui| {
            if !self.errors.is_empty() {
                self.errors_ui(ui);
            }
            if self.practice.setup.is_some() {
                self.round_setup_ui(ui);
                return;
            }
            let action = match self.practice.view {
                View::Rehearse => self.rehearsal_view_ui(ui, now),
                View::Queue => {
                    self.queue_ui(ui, now);
                    None
                }
                View::Stats => {
                    let stats = crate::drill::stats::stats(
                        &self.practice.catalog,
                        &self.practice.progress,
                        self.now(),
                    );
                    crate::ui::stats_view::stats_ui(ui, &stats).then_some(RehearsalAction::Back)
                }
                View::MockSummary => {
                    self.mock_summary_ui(ui);
                    None
                }
            };
            if let Some(action) = action {
                self.apply_rehearsal_action(action, now);
            }
        });
    }

    fn rehearsal_view_ui(&mut self, ui: &mut Ui, now: f64) -> Option<RehearsalAction> {
        let at = self.now();
        let practice = &mut self.practice;
        let rehearsal = practice.rehearsal.as_mut()?;
        let card = practice.cards.iter().find(|c| c.id == rehearsal.card_id)?;
        // A mock panel's card says where the panel stands.
        if let Some(mock) = practice
            .mock
            .as_ref()
            .filter(|m| m.plan.cards.contains(&rehearsal.card_id))
        {
            ui.label(RichText::new(format!("Mock panel · {}", mock.part())).strong());
        }
        let previews = practice.progress.preview(&rehearsal.card_id, at);
        rehearsal_ui(ui, &mut practice.answer, card, rehearsal, now, &previews)
    }
}
