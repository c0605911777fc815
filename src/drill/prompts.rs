//! Whiteboard round prompts, shipped in `assets/prompts.ron` and embedded:
//! what the interviewer asks (title and brief), the reference the drawing
//! is checked against, and an optional mid-round twist whose added
//! requirements the final grade includes.
//!
//! Prompt ids start with [`PROMPT_ID_PREFIX`] (`prompt-ordering-system`), so
//! they never collide with card ids; a prompt's `section` is a card section,
//! so the due queue interleaves prompts with the cards of other sections.

use serde::{Deserialize, Serialize};

use crate::model::file::{LineCol, probe_version};
use crate::model::{Diagram, LoadError, NodeKind};

/// Every twist finding code starts with this (`twist-missing-search`).
pub const TWIST_PREFIX: &str = "twist-";

/// Every prompt id starts with this.
pub const PROMPT_ID_PREFIX: &str = "prompt-";

/// The prompts file format version this build reads.
pub const PROMPTS_VERSION: u32 = 1;

/// Where the shipped prompts come from (for messages).
pub const PROMPTS_PATH: &str = "assets/prompts.ron";

/// The shipped prompts file.
pub const PROMPTS_SOURCE: &str = include_str!("../../assets/prompts.ron");

/// One thing a twist adds to the check: a node of one of `kinds` whose
/// label contains one of `words` (any label when `words` is empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwistNeed {
    /// The finding code when it is missing (`twist-missing-…`).
    pub code: String,
    /// What is missing, in a few words ("A payment provider"): how
    /// progress names it. Unset, words made from the code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Kinds that satisfy it.
    pub kinds: Vec<NodeKind>,
    /// Label words (case-insensitive substrings), any of which satisfies it.
    #[serde(default)]
    pub words: Vec<String>,
    /// Points lost when it is missing.
    pub points: u32,
    /// Why an interviewer wants it (the finding's message).
    pub why: String,
}

impl TwistNeed {
    /// The `title` field, else the code in words ("twist-missing-search" →
    /// "Search (the twist)").
    #[must_use]
    pub fn title(&self) -> String {
        if !self.title.is_empty() {
            return self.title.clone();
        }
        let words = self
            .code
            .trim_start_matches(TWIST_PREFIX)
            .trim_start_matches("missing-")
            .replace('-', " ");
        let mut chars = words.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        format!(
            "{}{} (the twist)",
            first.unwrap_or_default(),
            chars.as_str()
        )
    }

    /// True when some node of `drawing` satisfies the need.
    #[must_use]
    pub fn met_by(&self, drawing: &Diagram) -> bool {
        drawing.nodes.iter().any(|node| {
            let label = node.label.to_lowercase();
            self.kinds.contains(&node.kind)
                && (self.words.is_empty()
                    || self.words.iter().any(|w| label.contains(&w.to_lowercase())))
        })
    }
}

/// A requirement the interviewer adds halfway through a round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Twist {
    /// What the interviewer says.
    pub text: String,
    /// What the final check adds for it (may be empty: a twist to discuss).
    #[serde(default)]
    pub adds: Vec<TwistNeed>,
}

/// A whiteboard round prompt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    /// Stable kebab-case id starting with [`PROMPT_ID_PREFIX`].
    pub id: String,
    /// What the interviewer asks ("Design an ordering system").
    pub title: String,
    /// The reference diagram the drawing is checked against.
    pub reference: String,
    /// The card section it belongs to, for interleaving and stats.
    pub section: String,
    /// The requirements the interviewer states up front.
    pub brief: Vec<String>,
    /// The optional mid-round twist.
    #[serde(default)]
    pub twist: Option<Twist>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PromptsFile {
    #[serde(default)]
    #[expect(dead_code, reason = "checked by the version probe before parsing")]
    version: u32,
    prompts: Vec<Prompt>,
}

/// Parses a prompts file; `path` names it in messages.
///
/// # Errors
/// [`LoadError::Syntax`] with `line:column`, or [`LoadError::NewerVersion`].
pub fn parse(text: &str, path: &str) -> Result<Vec<Prompt>, LoadError> {
    let syntax = |e: ron::error::SpannedError| LoadError::Syntax {
        path: path.to_owned(),
        at: LineCol {
            line: e.span.start.line,
            col: e.span.start.col,
        },
        message: crate::model::file::describe_ron_error(&e.code),
    };
    let found = probe_version(text).map_err(syntax)?;
    if found > PROMPTS_VERSION {
        return Err(LoadError::NewerVersion {
            path: path.to_owned(),
            found,
        });
    }
    let file: PromptsFile = ron::from_str(text).map_err(syntax)?;
    Ok(file.prompts)
}

/// The shipped prompts, in file order.
///
/// # Errors
/// Only if the shipped file is broken; a test guards against that.
pub fn shipped() -> Result<Vec<Prompt>, LoadError> {
    parse(PROMPTS_SOURCE, PROMPTS_PATH)
}
