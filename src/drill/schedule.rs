//! Spaced repetition: FSRS-6 (the `fsrs` crate) for memory and intervals,
//! wrapped in Anki's learning steps. Each item keeps its own serialisable
//! [`ItemRecord`] (the crate's `MemoryState` cannot be deserialised), and
//! every function takes the time of the review: nothing reads the clock.
//!
//! Behaviour, as Anki's defaults:
//! - a new item goes through the learning steps (1 m, 10 m): Again → first
//!   step, Hard → repeat the step (the first: halfway to the second), Good →
//!   next step or graduate to Review with FSRS's Good interval, Easy →
//!   graduate at once with FSRS's Easy interval;
//! - in Review, Hard / Good / Easy give FSRS's intervals for the desired
//!   retention (0.90), in whole days, each at least a day longer than the
//!   one before; Again is a lapse: the item goes to Relearning (one 10 m
//!   step) and is flagged a leech at 8 lapses;
//! - a review interval of `n` days falls due at the start of the `n`-th
//!   study day after the review (the day starts at 04:00 UTC by default), so
//!   a whole day's reviews are due together, as in Anki;
//! - FSRS updates the memory state on every review, same-day ones included
//!   (its short-term formula); no fuzz, so a schedule is reproducible.

use fsrs::{FSRS, NextStates};
use serde::{Deserialize, Serialize};

use super::rating::Rating;
use super::time::{DayStart, Timestamp};

/// Where an item is in its life.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Never reviewed.
    #[default]
    New,
    /// In the learning steps after its first review.
    Learning,
    /// Graduated: scheduled in days.
    Review,
    /// Forgotten in Review, back in the relearning steps.
    Relearning,
}

impl State {
    /// Lower-case name, as in files and JSON.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Learning => "learning",
            Self::Review => "review",
            Self::Relearning => "relearning",
        }
    }

    /// In a (re)learning step: due at a time of day, not on a day.
    #[must_use]
    pub const fn is_learning(self) -> bool {
        matches!(self, Self::Learning | Self::Relearning)
    }
}

/// FSRS's memory state of an item.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Memory {
    /// Days until recall probability falls to 90 %.
    pub stability: f32,
    /// 1 (easy) to 10 (hard).
    pub difficulty: f32,
}

/// A scheduled wait: a (re)learning step in seconds, or a review interval
/// in study days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Interval {
    /// A learning or relearning step.
    Secs(u32),
    /// A review interval.
    Days(u32),
}

impl Interval {
    /// The interval in days (`600 s` → 0.00694…).
    #[must_use]
    pub fn as_days(self) -> f64 {
        match self {
            Self::Secs(secs) => f64::from(secs) / 86_400.0,
            Self::Days(days) => f64::from(days),
        }
    }

    /// `1 m`, `10 m`, `2 h`, `3 d`, `4 mo`, `1.5 y`, as on Anki's buttons.
    #[must_use]
    pub fn short(self) -> String {
        match self {
            Self::Secs(secs) if secs < 3600 => format!("{} m", (secs + 30) / 60),
            Self::Secs(secs) => format!("{} h", (secs + 1800) / 3600),
            Self::Days(days) if days < 31 => format!("{days} d"),
            Self::Days(days) if days < 365 => format!("{} mo", (days + 15) / 30),
            Self::Days(days) => format!("{:.1} y", f64::from(days) / 365.0),
        }
    }
}

/// One item's schedule, as stored in the progress file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRecord {
    /// New, Learning, Review or Relearning.
    pub state: State,
    /// Stability and difficulty; `None` until the first review.
    #[serde(default)]
    pub memory: Option<Memory>,
    /// When it is next due; `None` while new.
    #[serde(default)]
    pub due: Option<Timestamp>,
    /// When it was last reviewed.
    #[serde(default)]
    pub last_review: Option<Timestamp>,
    /// The wait scheduled by the last review.
    #[serde(default)]
    pub interval: Option<Interval>,
    /// Reviews so far.
    #[serde(default)]
    pub reps: u32,
    /// Times it was forgotten in Review.
    #[serde(default)]
    pub lapses: u32,
    /// The (re)learning step it waits on, 0-based.
    #[serde(default)]
    pub step: u32,
    /// Forgotten [`Settings::leech_lapses`] times or more: worth rewriting
    /// or studying differently.
    #[serde(default)]
    pub leech: bool,
}

/// The scheduler's settings, stored in the progress file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The recall probability reviews are scheduled for (0.70–0.99).
    pub desired_retention: f32,
    /// New items introduced per study day.
    pub new_per_day: u32,
    /// Of those, new whiteboard prompts (a round takes ten minutes, a card
    /// two): the rest of the day's new items are cards.
    pub new_prompts_per_day: u32,
    /// Learning steps in minutes, each under a day, none shorter than the
    /// one before.
    pub learning_steps_mins: Vec<u32>,
    /// Relearning steps in minutes, each under a day.
    pub relearning_steps_mins: Vec<u32>,
    /// Lapses at which an item is flagged a leech.
    pub leech_lapses: u32,
    /// When a study day starts, in minutes after midnight UTC.
    pub day_start_utc_minutes: u32,
    /// The longest review interval, in days.
    pub maximum_interval_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            desired_retention: 0.9,
            new_per_day: 20,
            new_prompts_per_day: 1,
            learning_steps_mins: vec![1, 10],
            relearning_steps_mins: vec![10],
            leech_lapses: 8,
            day_start_utc_minutes: 4 * 60,
            maximum_interval_days: 36_500,
        }
    }
}

/// The minutes in a day: steps must be shorter.
const DAY_MINS: u32 = 24 * 60;

impl Settings {
    /// The study day boundary.
    #[must_use]
    pub fn day_start(&self) -> DayStart {
        DayStart::from_utc_minutes(self.day_start_utc_minutes)
    }

    /// The first setting out of range, as `(field, problem)`.
    #[must_use]
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if !(0.70..=0.99).contains(&self.desired_retention) {
            return Some((
                "desired_retention",
                format!("{} is outside 0.70–0.99", self.desired_retention),
            ));
        }
        for (field, value) in [
            ("new_per_day", self.new_per_day),
            ("new_prompts_per_day", self.new_prompts_per_day),
        ] {
            if value > 9999 {
                return Some((field, format!("{value} is more than 9999")));
            }
        }
        for (field, steps) in [
            ("learning_steps_mins", &self.learning_steps_mins),
            ("relearning_steps_mins", &self.relearning_steps_mins),
        ] {
            if let Some(step) = steps.iter().find(|&&s| s == 0 || s >= DAY_MINS) {
                return Some((
                    field,
                    format!("a step of {step} minutes is not between 1 minute and a day"),
                ));
            }
            if steps.windows(2).any(|pair| pair[1] < pair[0]) {
                return Some((field, "steps must not get shorter".to_owned()));
            }
        }
        if self.leech_lapses == 0 {
            return Some(("leech_lapses", "must be at least 1".to_owned()));
        }
        if self.day_start_utc_minutes >= DAY_MINS {
            return Some((
                "day_start_utc_minutes",
                format!(
                    "{} is not a time of day (0–1439)",
                    self.day_start_utc_minutes
                ),
            ));
        }
        if self.maximum_interval_days == 0 {
            return Some(("maximum_interval_days", "must be at least 1".to_owned()));
        }
        None
    }
}

/// What a review does to an item.
#[derive(Clone, Debug, PartialEq)]
pub struct Scheduled {
    /// The rating given.
    pub rating: Rating,
    /// The item's record after the review.
    pub record: ItemRecord,
    /// The wait until it is due again.
    pub interval: Interval,
    /// When it is due again (always after the review).
    pub due: Timestamp,
    /// This review made it a leech.
    pub became_leech: bool,
}

/// FSRS with the settings' steps and limits.
#[derive(Clone, Debug)]
pub struct Scheduler {
    fsrs: FSRS,
    settings: Settings,
}

impl Scheduler {
    /// A scheduler with FSRS-6's default parameters.
    #[must_use]
    pub fn new(settings: &Settings) -> Self {
        Self {
            fsrs: FSRS::default(),
            settings: settings.clone(),
        }
    }

    /// The settings in use.
    #[must_use]
    pub const fn settings(&self) -> &Settings {
        &self.settings
    }

    /// What each of the four ratings would do at `at`, Again first (for
    /// the buttons: "Again 1 m · Hard 6 m · Good 10 m · Easy 8 d").
    /// Waits never shrink from Again to Easy.
    #[must_use]
    pub fn preview(&self, record: &ItemRecord, at: Timestamp) -> [Scheduled; 4] {
        let next = self.next_states(record, at);
        let mut intervals = Rating::ALL.map(|rating| self.transition(record, rating, &next).0);
        self.keep_ordered(&mut intervals);
        Rating::ALL.map(|rating| {
            let index = rating_index(rating);
            let (_, state, step) = self.transition(record, rating, &next);
            self.finish(record, rating, &next, at, intervals[index], state, step)
        })
    }

    /// Reviews `record` with `rating` at `at`.
    #[must_use]
    pub fn review(&self, record: &ItemRecord, rating: Rating, at: Timestamp) -> Scheduled {
        let [again, hard, good, easy] = self.preview(record, at);
        match rating {
            Rating::Again => again,
            Rating::Hard => hard,
            Rating::Good => good,
            Rating::Easy => easy,
        }
    }

    fn next_states(&self, record: &ItemRecord, at: Timestamp) -> NextStates {
        let day_start = self.settings.day_start();
        let elapsed_days = record.last_review.map_or(0, |last| {
            let days = day_start.day_of(at) - day_start.day_of(last);
            u32::try_from(days.max(0)).unwrap_or(u32::MAX)
        });
        let retention = self.settings.desired_retention;
        let memory = record.memory.map(|m| fsrs::MemoryState {
            stability: m.stability,
            difficulty: m.difficulty,
        });
        self.fsrs
            .next_states(memory, retention, elapsed_days)
            .or_else(|_| self.fsrs.next_states(None, retention, 0))
            .unwrap_or_else(|_| self.initial_states())
    }

    /// FSRS's first-review states computed by hand: the fallback should
    /// the crate ever refuse a state (it only refuses non-finite ones,
    /// which loading never lets through).
    fn initial_states(&self) -> NextStates {
        let state = |grade: u32| {
            let stability = fsrs::DEFAULT_PARAMETERS[(grade - 1) as usize];
            fsrs::ItemState {
                memory: fsrs::MemoryState {
                    stability,
                    difficulty: 5.0,
                },
                interval: self.fsrs.next_interval(
                    Some(stability),
                    self.settings.desired_retention,
                    grade,
                ),
            }
        };
        NextStates {
            again: state(1),
            hard: state(2),
            good: state(3),
            easy: state(4),
        }
    }

    /// FSRS's interval for `rating` in whole days, within the limits.
    fn fsrs_days(&self, next: &NextStates, rating: Rating) -> u32 {
        let interval = item_state(next, rating).interval;
        if !interval.is_finite() {
            return 1;
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "clamped to 1..=maximum_interval_days (at most 9999 years) first"
        )]
        let days = interval
            .round()
            .clamp(1.0, self.settings.maximum_interval_days as f32) as u32;
        days
    }

    /// The wait, state and step a rating leads to, before ordering.
    fn transition(
        &self,
        record: &ItemRecord,
        rating: Rating,
        next: &NextStates,
    ) -> (Interval, State, u32) {
        let days = |r| Interval::Days(self.fsrs_days(next, r));
        match record.state {
            State::New | State::Learning => {
                let step = if record.state == State::New {
                    0
                } else {
                    record.step
                };
                self.stepped(
                    &self.settings.learning_steps_mins,
                    step,
                    rating,
                    State::Learning,
                    next,
                )
            }
            State::Relearning => self.stepped(
                &self.settings.relearning_steps_mins,
                record.step,
                rating,
                State::Relearning,
                next,
            ),
            State::Review => match (rating, self.settings.relearning_steps_mins.first()) {
                (Rating::Again, Some(&first)) => (Interval::Secs(first * 60), State::Relearning, 0),
                _ => (days(rating), State::Review, 0),
            },
        }
    }

    /// Anki's steps: Again → first step, Hard → repeat (the first step:
    /// halfway to the second, or 1.5× when alone), Good → next step or
    /// graduate, Easy → graduate.
    fn stepped(
        &self,
        steps_mins: &[u32],
        step: u32,
        rating: Rating,
        stepping: State,
        next: &NextStates,
    ) -> (Interval, State, u32) {
        let graduate = |r| (Interval::Days(self.fsrs_days(next, r)), State::Review, 0);
        let Some(last) = steps_mins.len().checked_sub(1) else {
            return graduate(rating);
        };
        let index = usize::try_from(step).map_or(last, |s| s.min(last));
        let secs = |i: usize| steps_mins[i] * 60;
        let at_step = |i: usize| {
            let step = u32::try_from(i).unwrap_or(u32::MAX);
            (Interval::Secs(secs(i)), stepping, step)
        };
        match rating {
            Rating::Again => at_step(0),
            Rating::Hard => {
                let wait = match (index, steps_mins.get(1)) {
                    (0, Some(_)) => secs(0).midpoint(secs(1)),
                    (0, None) => (secs(0) * 3 / 2).min(secs(0) + 86_400),
                    _ => secs(index),
                };
                let (_, state, step) = at_step(index);
                (Interval::Secs(wait), state, step)
            }
            Rating::Good if index < last => at_step(index + 1),
            Rating::Good | Rating::Easy => graduate(rating),
        }
    }

    /// Waits in days never shrink from one rating to the next, and Good
    /// and Easy each beat the rating before by a day (as Anki constrains
    /// FSRS's intervals); never beyond the maximum interval.
    fn keep_ordered(&self, intervals: &mut [Interval; 4]) {
        let max = self.settings.maximum_interval_days;
        for i in 1..intervals.len() {
            if let (Interval::Days(before), Interval::Days(days)) = (intervals[i - 1], intervals[i])
            {
                let floor = if i == 1 {
                    before
                } else {
                    before.saturating_add(1)
                };
                intervals[i] = Interval::Days(days.max(floor).min(max));
            }
        }
    }

    #[expect(clippy::too_many_arguments, reason = "one private step of `preview`")]
    fn finish(
        &self,
        record: &ItemRecord,
        rating: Rating,
        next: &NextStates,
        at: Timestamp,
        interval: Interval,
        state: State,
        step: u32,
    ) -> Scheduled {
        let memory = item_state(next, rating).memory;
        let day_start = self.settings.day_start();
        let due = match interval {
            Interval::Secs(secs) => at.plus_secs(i64::from(secs)),
            Interval::Days(days) => day_start.start_of(day_start.day_of(at) + i64::from(days)),
        };
        let lapse = record.state == State::Review && rating == Rating::Again;
        let lapses = record.lapses + u32::from(lapse);
        let leech = record.leech || (lapse && lapses >= self.settings.leech_lapses);
        Scheduled {
            rating,
            record: ItemRecord {
                state,
                memory: Some(Memory {
                    stability: memory.stability,
                    difficulty: memory.difficulty,
                }),
                due: Some(due),
                last_review: Some(at),
                interval: Some(interval),
                reps: record.reps.saturating_add(1),
                lapses,
                step,
                leech,
            },
            interval,
            due,
            became_leech: leech && !record.leech,
        }
    }
}

const fn rating_index(rating: Rating) -> usize {
    match rating {
        Rating::Again => 0,
        Rating::Hard => 1,
        Rating::Good => 2,
        Rating::Easy => 3,
    }
}

const fn item_state(next: &NextStates, rating: Rating) -> &fsrs::ItemState {
    match rating {
        Rating::Again => &next.again,
        Rating::Hard => &next.hard,
        Rating::Good => &next.good,
        Rating::Easy => &next.easy,
    }
}
