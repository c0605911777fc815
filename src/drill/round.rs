//! A timed whiteboard round as plain data: the plan (time limit, phase
//! budgets, when the twist arrives), the grade (the checker's report on the
//! prompt's reference plus what the twist adds, and the rating the score
//! earns) and the attempt record kept in the progress file.

use serde::{Deserialize, Serialize};

use super::prompts::Prompt;
use super::rating::{Rating, rating_for_score};
use super::time::Timestamp;
use crate::check::{Finding, Report};
use crate::model::{Diagram, LoadError};

/// A round's default length: ten minutes.
pub const DEFAULT_ROUND_SECS: u32 = 10 * 60;

/// One phase of a round, as interviewers run it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// "Requirements", "High-level design", "Deep dive".
    pub name: &'static str,
    /// Seconds into the round it begins.
    pub starts_at_secs: u32,
    /// Its budget.
    pub secs: u32,
}

/// What a round looks like before it starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoundPlan {
    /// The prompt.
    pub prompt: String,
    /// The whole round.
    pub time_limit_secs: u32,
    /// Requirements (20 %), high-level design (40 %), deep dive (40 %).
    pub phases: [Phase; 3],
    /// Seconds in when the twist is announced (the start of the deep
    /// dive); `None` when the prompt has no twist.
    pub twist_at_secs: Option<u32>,
}

impl RoundPlan {
    /// The plan for `prompt` over `time_limit_secs`.
    #[must_use]
    pub fn new(prompt: &Prompt, time_limit_secs: u32) -> Self {
        let requirements = time_limit_secs / 5;
        let high_level = time_limit_secs * 2 / 5;
        let deep_dive = time_limit_secs - requirements - high_level;
        let phases = [
            Phase {
                name: "Requirements",
                starts_at_secs: 0,
                secs: requirements,
            },
            Phase {
                name: "High-level design",
                starts_at_secs: requirements,
                secs: high_level,
            },
            Phase {
                name: "Deep dive",
                starts_at_secs: requirements + high_level,
                secs: deep_dive,
            },
        ];
        Self {
            prompt: prompt.id.clone(),
            time_limit_secs,
            phases,
            twist_at_secs: prompt.twist.as_ref().map(|_| phases[2].starts_at_secs),
        }
    }

    /// The index of the phase `elapsed_secs` into the round (the last
    /// phase once time is up).
    #[must_use]
    pub fn phase_at(&self, elapsed_secs: u32) -> usize {
        self.phases
            .iter()
            .rposition(|p| p.starts_at_secs <= elapsed_secs)
            .unwrap_or(0)
    }
}

/// A requirement of the twist the drawing does not meet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TwistFinding {
    /// `twist-missing-…`.
    pub code: String,
    /// Why it is needed.
    pub message: String,
    /// Points it costs.
    pub points: u32,
}

/// A round's verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoundGrade {
    /// The checker's report against the prompt's reference.
    pub report: Report,
    /// What the twist added and the drawing lacks.
    pub twist_findings: Vec<TwistFinding>,
    /// The checker's score less the twist findings' points, floored at 0.
    pub score: u8,
    /// The rating the score earns ([`rating_for_score`]).
    pub rating: Rating,
}

impl RoundGrade {
    /// Every finding as stored in an attempt: the checker's, then the
    /// twist's.
    #[must_use]
    pub fn finding_records(&self) -> Vec<FindingRecord> {
        let checked = self.report.findings.iter().map(FindingRecord::from_check);
        let twisted = self.twist_findings.iter().map(|f| FindingRecord {
            code: f.code.clone(),
            points: Some(f.points),
        });
        checked.chain(twisted).collect()
    }

    /// The report the findings panel shows for the round: the checker's
    /// findings, then each twist finding as an error under its own code
    /// (the one the attempt records, `twist-missing-search`) with its
    /// points, and the round's score — so the panel and the round's bar
    /// give the same number for the same reasons.
    #[must_use]
    pub fn panel_report(&self) -> Report {
        let mut report = self.report.clone();
        report
            .findings
            .extend(self.twist_findings.iter().map(|f| Finding {
                points: f.points,
                ..Finding::with_code(
                    f.code.clone(),
                    crate::check::Severity::Error,
                    format!("Twist: {}", f.message),
                    Vec::new(),
                )
            }));
        report.score = self.score;
        report
    }
}

/// Why a round cannot be graded.
#[derive(Debug, thiserror::Error)]
pub enum GradeError {
    /// The prompt names a reference this build does not ship.
    #[error("prompt {prompt}: no reference `{reference}`")]
    UnknownReference {
        /// The prompt id.
        prompt: String,
        /// The reference it names.
        reference: String,
    },
    /// The shipped reference does not load.
    #[error(transparent)]
    Reference(#[from] LoadError),
}

/// Grades `drawing` for `prompt`: the checker against the prompt's
/// reference, plus the twist's requirements when it was announced.
///
/// # Errors
/// [`GradeError`] only if the shipped content is broken (tests guard it).
pub fn grade(
    prompt: &Prompt,
    drawing: &Diagram,
    twist_included: bool,
) -> Result<RoundGrade, GradeError> {
    let Some(reference) = crate::content::references::find(&prompt.reference) else {
        return Err(GradeError::UnknownReference {
            prompt: prompt.id.clone(),
            reference: prompt.reference.clone(),
        });
    };
    Ok(grade_against(
        prompt,
        drawing,
        &reference.load()?,
        reference.id,
        twist_included,
    ))
}

/// [`grade`] with the reference already loaded (the app re-grades a
/// round's drawing on every edit).
#[must_use]
pub fn grade_against(
    prompt: &Prompt,
    drawing: &Diagram,
    reference: &Diagram,
    reference_id: &str,
    twist_included: bool,
) -> RoundGrade {
    let report = crate::check::check(drawing, reference, reference_id);
    let twist_findings: Vec<TwistFinding> = prompt
        .twist
        .as_ref()
        .filter(|_| twist_included)
        .map(|twist| {
            twist
                .adds
                .iter()
                .filter(|need| !need.met_by(drawing))
                .map(|need| TwistFinding {
                    code: need.code.clone(),
                    message: need.why.clone(),
                    points: need.points,
                })
                .collect()
        })
        .unwrap_or_default();
    let lost: u32 = twist_findings.iter().map(|f| f.points).sum();
    let score = u8::try_from(u32::from(report.score).saturating_sub(lost)).unwrap_or(0);
    RoundGrade {
        report,
        twist_findings,
        score,
        rating: rating_for_score(score),
    }
}

/// A finding as kept in an attempt: its code and, when known, the points
/// it cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingRecord {
    /// The stable finding code (`missing-cache`, `twist-missing-search`).
    pub code: String,
    /// Points it cost, when the finding carries them.
    #[serde(default)]
    pub points: Option<u32>,
}

impl FindingRecord {
    /// The record of a checker finding, with the points it cost.
    #[must_use]
    pub fn from_check(finding: &Finding) -> Self {
        Self {
            code: finding.code.to_string(),
            points: Some(finding.points),
        }
    }
}

/// One finished whiteboard round, as kept in the progress file. The
/// drawing is saved beside it (`drawing`, relative to the data dir), so the
/// attempt can be reopened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundAttempt {
    /// `<prompt id>-<start time, 20250601T093000Z>`, unique in the file.
    pub id: String,
    /// The prompt id.
    pub prompt: String,
    /// When the round started.
    pub started_at: Timestamp,
    /// When it was submitted (or time ran out).
    pub finished_at: Timestamp,
    /// Seconds used, at most the limit.
    pub seconds_used: u32,
    /// The round's time limit.
    pub time_limit_secs: u32,
    /// Whether the twist was announced (and graded).
    pub twist: bool,
    /// The grade's score, 0–100.
    pub score: u8,
    /// The rating recorded for the prompt.
    pub rating: Rating,
    /// Every finding, checker's first.
    pub findings: Vec<FindingRecord>,
    /// The saved drawing, relative to the data dir (`rounds/<id>.ron`).
    pub drawing: String,
}

/// A finished round, before it is recorded.
#[derive(Clone, Copy, Debug)]
pub struct RoundSubmission<'a> {
    /// The prompt.
    pub prompt: &'a Prompt,
    /// What the user drew.
    pub drawing: &'a Diagram,
    /// Its grade (from [`grade`]).
    pub grade: &'a RoundGrade,
    /// When the round started.
    pub started_at: Timestamp,
    /// When it was submitted.
    pub finished_at: Timestamp,
    /// The round's time limit.
    pub time_limit_secs: u32,
    /// Whether the twist was announced.
    pub twist_included: bool,
}

/// `20250601T093000Z`: a time for file names.
#[must_use]
pub fn compact_time(at: Timestamp) -> String {
    at.to_string().replace(['-', ':'], "")
}
