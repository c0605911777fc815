//! The checker's view-model: findings with stable codes, a score, and the
//! role matching the overlay is drawn from.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::model::{NodeKind, Point};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Wrong or missing in a way an interviewer would call out.
    Error,
    /// Worth fixing; a strong answer would have it.
    Warning,
    /// A hint.
    Info,
}

impl Severity {
    /// Lower-case name, as in JSON.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One thing the checker noticed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code (`missing-cache`, `shared-database`, …; a round's
    /// twist adds its own, `twist-missing-search`).
    pub code: Cow<'static, str>,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong and why it matters in an interview.
    pub message: String,
    /// Drawn node ids involved; for `missing-*` findings, the id of the
    /// reference node (role) that has no counterpart.
    pub nodes: Vec<String>,
    /// Drawn edge ids the finding is about (a wrong arrow, the publish of
    /// an unconsumed event, the arrow from a client into a store, the
    /// arrows of a path that bypasses the gateway).
    pub edges: Vec<String>,
    /// Points this finding costs (0 for advice); the score is 100 minus
    /// their sum. Set by [`super::rubric::price`].
    pub points: u32,
    /// Reference nodes this finding names as missing: the ghosts it draws.
    #[serde(skip)]
    pub ghosts: Vec<String>,
}

impl Finding {
    /// A finding about drawn `nodes`, not yet priced.
    #[must_use]
    pub const fn new(
        code: &'static str,
        severity: Severity,
        message: String,
        nodes: Vec<String>,
    ) -> Self {
        Self {
            code: Cow::Borrowed(code),
            severity,
            message,
            nodes,
            edges: Vec::new(),
            points: 0,
            ghosts: Vec::new(),
        }
    }

    /// A finding whose code is not one of the checker's own (a round's
    /// twist requirement, `twist-missing-search`), not yet priced.
    #[must_use]
    pub fn with_code(
        code: String,
        severity: Severity,
        message: String,
        nodes: Vec<String>,
    ) -> Self {
        Self {
            code: Cow::Owned(code),
            ..Self::new("", severity, message, nodes)
        }
    }

    /// A finding that reference nodes are missing: `reference_nodes` are
    /// both its `nodes` (as the contract says) and its ghosts.
    #[must_use]
    pub fn missing(
        code: &'static str,
        severity: Severity,
        message: String,
        reference_nodes: Vec<String>,
    ) -> Self {
        Self {
            ghosts: reference_nodes.clone(),
            ..Self::new(code, severity, message, reference_nodes)
        }
    }

    /// The same finding about these drawn edges too.
    #[must_use]
    pub fn with_edges(mut self, edges: Vec<String>) -> Self {
        self.edges = edges;
        self
    }

    /// Whether the finding costs points.
    #[must_use]
    pub const fn costs(&self) -> bool {
        self.points > 0
    }
}

/// A reference node the drawing lacks, placed where it would belong on the
/// drawing (for the overlay).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ghost {
    /// Reference node id.
    pub reference_node: String,
    /// Its label in the reference.
    pub label: String,
    /// Its kind.
    pub kind: NodeKind,
    /// Where it would go on the drawing (canvas units).
    pub pos: Point,
    /// Only findings that cost nothing (notes) name it: a part worth
    /// mentioning, not a missing one.
    pub optional: bool,
}

/// The verdict on a drawing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The reference id checked against.
    pub reference: String,
    /// `100 - sum(points)` of the findings, floored at 0.
    pub score: u8,
    /// Findings, errors first, then by code and nodes.
    pub findings: Vec<Finding>,
    /// Reference node id → the drawn node id matched to it.
    #[serde(skip)]
    pub matches: Vec<(String, String)>,
    /// Reference nodes without a counterpart, placed on the drawing.
    #[serde(skip)]
    pub ghosts: Vec<Ghost>,
    /// Drawn boxes tagged "extra": matched to nothing, of a kind the
    /// reference draws, and not one any real system may add (a load
    /// balancer, a search index).
    #[serde(skip)]
    pub extra: Vec<String>,
}

impl Report {
    /// True when some finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The drawn node matched to a reference node.
    #[must_use]
    pub fn matched_drawn(&self, reference_node: &str) -> Option<&str> {
        self.matches
            .iter()
            .find(|(r, _)| r == reference_node)
            .map(|(_, d)| d.as_str())
    }

    /// Points lost in all: the sum of the findings' points.
    #[must_use]
    pub fn points_lost(&self) -> u32 {
        self.findings.iter().map(|f| f.points).sum()
    }

    /// The findings with this code.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.code == code)
    }
}
