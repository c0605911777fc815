//! The progress file, `<data>/progress.ron`: versioned RON holding the
//! scheduler's settings, one [`ItemRecord`] per reviewed item, the review
//! log and the whiteboard round attempts (their drawings saved beside it in
//! `<data>/rounds/`). Written atomically; the same progress always gives
//! the same bytes.
//!
//! A damaged file is never silently reset: it is moved aside to
//! `progress.corrupt-<time>.ron` and reported with `line:column`. A file
//! from a newer archdrill is refused and left untouched.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::items::Catalog;
use super::rating::Rating;
use super::round::{RoundAttempt, RoundSubmission, compact_time};
use super::schedule::{Interval, ItemRecord, Scheduled, Scheduler, Settings, State};
use super::time::{Day, Timestamp};
use crate::model::file::{LineCol, describe_ron_error, line_col, probe_version};
use crate::model::{Diagram, LoadError};
use crate::store::{DataDir, StoreError, read_text, write_ron};

/// The progress file format version this build writes and reads.
pub const PROGRESS_VERSION: u32 = 1;

/// One review, as logged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewEntry {
    /// The card or prompt id.
    pub item: String,
    /// When.
    pub at: Timestamp,
    /// The rating given.
    pub rating: Rating,
    /// The item's state before the review (`new` for a first review).
    pub previous_state: State,
    /// The wait it scheduled.
    pub interval: Interval,
    /// When it made the item due.
    pub due: Timestamp,
    /// Seconds spoken, for a rehearsed card whose timer ran.
    #[serde(default)]
    pub spoken_secs: Option<u32>,
}

/// Everything the drills remember.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    #[serde(default)]
    version: u32,
    /// The scheduler's settings.
    #[serde(default)]
    pub settings: Settings,
    /// Item id → its schedule; items never reviewed are absent (new).
    #[serde(default)]
    pub items: BTreeMap<String, ItemRecord>,
    /// Every review, in the order recorded.
    #[serde(default)]
    pub reviews: Vec<ReviewEntry>,
    /// Every whiteboard round, in the order recorded.
    #[serde(default)]
    pub rounds: Vec<RoundAttempt>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            version: PROGRESS_VERSION,
            settings: Settings::default(),
            items: BTreeMap::new(),
            reviews: Vec::new(),
            rounds: Vec::new(),
        }
    }
}

/// Why progress could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    /// The file is damaged; it was moved aside and nothing was lost.
    #[error(
        "{}{}: your progress file is damaged: {problem}. It was moved aside to {} (nothing in it was deleted); archdrill starts again with empty progress.",
        path.display(), at_suffix(*at), moved_to.display()
    )]
    Corrupt {
        /// The progress file.
        path: PathBuf,
        /// Where in it, when known.
        at: Option<LineCol>,
        /// What is wrong.
        problem: String,
        /// Where it is now.
        moved_to: PathBuf,
    },
    /// The file is damaged and could not be moved aside: nothing will be
    /// written over it.
    #[error(
        "{}{}: your progress file is damaged: {problem}. It could not be moved aside ({source}), so archdrill will not write progress until it is fixed or removed.",
        path.display(), at_suffix(*at)
    )]
    CorruptNotMoved {
        /// The progress file.
        path: PathBuf,
        /// Where in it, when known.
        at: Option<LineCol>,
        /// What is wrong.
        problem: String,
        /// Why the move failed.
        source: std::io::Error,
    },
    /// The file was written by a newer archdrill; it is left untouched.
    #[error(
        "{}: this progress file was written by a newer archdrill (format version {found}; this one reads version {PROGRESS_VERSION}). It was left untouched; use a newer archdrill.",
        path.display()
    )]
    NewerVersion {
        /// The progress file.
        path: PathBuf,
        /// The version found.
        found: u32,
    },
    /// Reading or writing failed (permissions, disk full, too large).
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A round's drawing could not be saved.
    #[error("{}: cannot save the round's drawing: {source}", path.display())]
    Drawing {
        /// The drawing file.
        path: PathBuf,
        /// Why.
        source: crate::model::file::SaveError,
    },
}

fn at_suffix(at: Option<LineCol>) -> String {
    at.map_or_else(String::new, |at| format!(":{at}"))
}

/// An id that is neither a card nor a prompt.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a card or prompt id (`archdrill cards` lists the cards; prompt ids start with `prompt-`)"
)]
pub struct UnknownItem(pub String);

/// Why a round could not be recorded.
#[derive(Debug, thiserror::Error)]
pub enum RecordRoundError {
    /// The prompt is not in the catalog.
    #[error(transparent)]
    UnknownItem(#[from] UnknownItem),
    /// Its drawing could not be saved.
    #[error(transparent)]
    Progress(#[from] ProgressError),
}

impl Progress {
    /// The format version read from the file (written as
    /// [`PROGRESS_VERSION`]).
    #[must_use]
    pub const fn version(&self) -> u32 {
        self.version
    }

    /// The scheduler for these settings.
    #[must_use]
    pub fn scheduler(&self) -> Scheduler {
        Scheduler::new(&self.settings)
    }

    /// The record of `id` (a new one when never reviewed).
    #[must_use]
    pub fn record(&self, id: &str) -> ItemRecord {
        self.items.get(id).cloned().unwrap_or_default()
    }

    /// What each rating would do to `id` at `at` (for the buttons).
    #[must_use]
    pub fn preview(&self, id: &str, at: Timestamp) -> [Scheduled; 4] {
        self.scheduler().preview(&self.record(id), at)
    }

    /// Records a review of `id` at `at`: updates its schedule and logs it.
    ///
    /// # Errors
    /// [`UnknownItem`] when `id` is not in `catalog`; nothing changes.
    pub fn review(
        &mut self,
        catalog: &Catalog,
        id: &str,
        rating: Rating,
        at: Timestamp,
        spoken_secs: Option<u32>,
    ) -> Result<Scheduled, UnknownItem> {
        if catalog.get(id).is_none() {
            return Err(UnknownItem(id.to_owned()));
        }
        let before = self.record(id);
        let scheduled = self.scheduler().review(&before, rating, at);
        self.reviews.push(ReviewEntry {
            item: id.to_owned(),
            at,
            rating,
            previous_state: before.state,
            interval: scheduled.interval,
            due: scheduled.due,
            spoken_secs,
        });
        self.items.insert(id.to_owned(), scheduled.record.clone());
        Ok(scheduled)
    }

    /// New items first reviewed on study day `day`.
    #[must_use]
    pub fn introduced_on(&self, day: Day) -> u32 {
        let day_start = self.settings.day_start();
        let count = self
            .reviews
            .iter()
            .filter(|r| r.previous_state == State::New && day_start.day_of(r.at) == day)
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// Records a finished round: saves its drawing under `<data>/rounds/`,
    /// keeps the attempt and reviews the prompt with the grade's rating at
    /// the finish time. Save the progress afterwards.
    ///
    /// # Errors
    /// [`UnknownItem`] for a prompt not in `catalog`, or the drawing could
    /// not be written; nothing changes then.
    pub fn record_round(
        &mut self,
        data: &DataDir,
        catalog: &Catalog,
        round: &RoundSubmission<'_>,
    ) -> Result<(RoundAttempt, Scheduled), RecordRoundError> {
        let prompt = round.prompt;
        if catalog.prompt(&prompt.id).is_none() {
            return Err(UnknownItem(prompt.id.clone()).into());
        }
        let id = self.fresh_attempt_id(&prompt.id, round.started_at);
        let drawing = format!("rounds/{id}.ron");
        let path = data.root().join(&drawing);
        std::fs::create_dir_all(data.rounds_dir()).map_err(|source| {
            ProgressError::Store(StoreError::Io {
                path: data.rounds_dir(),
                source,
            })
        })?;
        crate::model::file::save(round.drawing, &path)
            .map_err(|source| ProgressError::Drawing { path, source })?;
        let used = round.finished_at.secs_since(round.started_at).max(0);
        let attempt = RoundAttempt {
            id,
            prompt: prompt.id.clone(),
            started_at: round.started_at,
            finished_at: round.finished_at,
            seconds_used: u32::try_from(used)
                .unwrap_or(u32::MAX)
                .min(round.time_limit_secs),
            time_limit_secs: round.time_limit_secs,
            twist: round.twist_included,
            score: round.grade.score,
            rating: round.grade.rating,
            findings: round.grade.finding_records(),
            drawing,
        };
        let scheduled =
            self.review(catalog, &prompt.id, attempt.rating, round.finished_at, None)?;
        self.rounds.push(attempt.clone());
        Ok((attempt, scheduled))
    }

    fn fresh_attempt_id(&self, prompt: &str, started_at: Timestamp) -> String {
        let base = format!("{prompt}-{}", compact_time(started_at));
        let taken = |id: &str| self.rounds.iter().any(|r| r.id == id);
        if !taken(&base) {
            return base;
        }
        (2..=u32::MAX)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }

    /// The problem with a parsed file's values, as `(field, problem)`.
    fn problem(&self) -> Option<(String, String)> {
        if let Some((field, problem)) = self.settings.problem() {
            return Some((field.to_owned(), problem));
        }
        for (id, record) in &self.items {
            if let Some(m) = record.memory {
                let sane = |v: f32| v.is_finite() && v > 0.0;
                if !sane(m.stability) || !sane(m.difficulty) {
                    return Some((
                        format!("{id:?}"),
                        "its memory state is not a positive number".to_owned(),
                    ));
                }
            }
            if record.state != State::New && record.due.is_none() {
                return Some((
                    format!("{id:?}"),
                    format!("it is in {} but has no due time", record.state.id()),
                ));
            }
        }
        None
    }

    /// Writes the progress to `<data>/progress.ron` atomically.
    ///
    /// # Errors
    /// [`ProgressError::Store`] when the directory or the file cannot be
    /// written; the previous file is then untouched.
    pub fn save(&self, data: &DataDir) -> Result<(), ProgressError> {
        std::fs::create_dir_all(data.root()).map_err(|source| StoreError::Io {
            path: data.root().to_owned(),
            source,
        })?;
        self.save_to(&data.progress_path())
    }

    /// Writes the progress to `path` atomically (same progress → same
    /// bytes).
    ///
    /// # Errors
    /// [`ProgressError::Store`].
    pub fn save_to(&self, path: &Path) -> Result<(), ProgressError> {
        let stored = Self {
            version: PROGRESS_VERSION,
            ..self.clone()
        };
        Ok(write_ron(&stored, path)?)
    }
}

/// Reads `<data>/progress.ron`; no file is empty progress. `now` names the
/// moved-aside copy of a damaged file.
///
/// # Errors
/// [`ProgressError::Corrupt`] (moved aside), [`ProgressError::NewerVersion`]
/// (left alone), or a read error.
pub fn load(data: &DataDir, now: Timestamp) -> Result<Progress, ProgressError> {
    load_from(&data.progress_path(), now)
}

/// Reads a progress file; see [`load`].
///
/// # Errors
/// As [`load`].
pub fn load_from(path: &Path, now: Timestamp) -> Result<Progress, ProgressError> {
    let Some(text) = read_text(path)? else {
        return Ok(Progress::default());
    };
    let damaged = |at: Option<LineCol>, problem: String| move_aside(path, at, problem, now);
    let spanned = |e: &ron::error::SpannedError| {
        let at = LineCol {
            line: e.span.start.line,
            col: e.span.start.col,
        };
        (Some(at), describe_ron_error(&e.code))
    };
    match probe_version(&text) {
        Ok(found) if found > PROGRESS_VERSION => {
            return Err(ProgressError::NewerVersion {
                path: path.to_owned(),
                found,
            });
        }
        Ok(_) => {}
        Err(e) => {
            let (at, problem) = spanned(&e);
            return Err(damaged(at, problem));
        }
    }
    let progress: Progress = match ron::from_str(&text) {
        Ok(progress) => progress,
        Err(e) => {
            let (at, problem) = spanned(&e);
            return Err(damaged(at, problem));
        }
    };
    if let Some((field, problem)) = progress.problem() {
        let at = text.find(&field).map(|offset| line_col(&text, offset));
        return Err(damaged(at, format!("{field}: {problem}")));
    }
    Ok(progress)
}

/// Renames a damaged file to `progress.corrupt-<time>.ron` beside it
/// (`-2`, `-3`, … if taken) and returns the error to report.
fn move_aside(path: &Path, at: Option<LineCol>, problem: String, now: Timestamp) -> ProgressError {
    let stem = path
        .file_stem()
        .map_or_else(|| "progress".into(), |s| s.to_string_lossy());
    let base = format!("{stem}.corrupt-{}", compact_time(now));
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let target = (1..=u32::MAX)
        .map(|n| {
            if n == 1 {
                dir.join(format!("{base}.ron"))
            } else {
                dir.join(format!("{base}-{n}.ron"))
            }
        })
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| dir.join(format!("{base}.ron")));
    match std::fs::rename(path, &target) {
        Ok(()) => ProgressError::Corrupt {
            path: path.to_owned(),
            at,
            problem,
            moved_to: target,
        },
        Err(source) => ProgressError::CorruptNotMoved {
            path: path.to_owned(),
            at,
            problem,
            source,
        },
    }
}

/// Opens the drawing of a recorded round.
///
/// # Errors
/// [`LoadError`] naming the file; a path leaving the data dir (a hand-edited
/// progress file) is refused as unreadable.
pub fn load_round_drawing(data: &DataDir, attempt: &RoundAttempt) -> Result<Diagram, LoadError> {
    let relative = Path::new(&attempt.drawing);
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err(LoadError::Io {
            path: attempt.drawing.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a round's drawing must be inside the data dir",
            ),
        });
    }
    crate::model::file::load(&data.root().join(relative))
}
