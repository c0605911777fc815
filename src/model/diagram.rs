//! The document: a typed graph of nodes, edges and boundaries, plus the
//! narrated walkthrough steps a reference carries. Plain data; all editing
//! goes through commands elsewhere.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{CheckSpec, EdgeKind, EdgeTraffic, NodeCapacity, NodeKind};

/// The file format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as a string slice.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

string_id!(
    /// Stable id of a node, unique within a diagram.
    NodeId
);
string_id!(
    /// Stable id of an edge, unique within a diagram.
    EdgeId
);
string_id!(
    /// Stable id of a boundary, unique within a diagram.
    BoundaryId
);

/// A point in canvas units (y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal coordinate.
    pub x: f32,
    /// Vertical coordinate.
    pub y: f32,
}

impl Point {
    /// A point at `(x, y)`.
    #[must_use]
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// A size in canvas units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Size {
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// A box on the diagram.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Stable id.
    pub id: NodeId,
    /// The text shown in the box.
    pub label: String,
    /// What the box is.
    pub kind: NodeKind,
    /// Centre of the box, in canvas units.
    pub pos: Point,
    /// Size override; `None` uses the kind's default size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// Free-form notes (what it is, what breaks without it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Capacity figures for the simulator; empty uses the kind's defaults
    /// (and is not written, so files without it are unchanged).
    #[serde(default, skip_serializing_if = "NodeCapacity::is_empty")]
    pub capacity: NodeCapacity,
}

impl Node {
    /// A node with the kind's default size and no notes.
    #[must_use]
    pub fn new(id: &str, label: &str, kind: NodeKind, pos: Point) -> Self {
        Self {
            id: NodeId::from(id),
            label: label.to_owned(),
            kind,
            pos,
            size: None,
            notes: String::new(),
            capacity: NodeCapacity::default(),
        }
    }

    /// The box size: the override if any, else the kind's default.
    #[must_use]
    pub fn size(&self) -> Size {
        self.size.unwrap_or_else(|| {
            let (w, h) = self.kind.default_size();
            Size { w, h }
        })
    }
}

/// How an arrow is drawn between its boxes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrowStyle {
    /// One straight segment between the box borders (parallel arrows side
    /// by side). What files without a style get.
    #[default]
    Straight,
    /// Horizontal and vertical segments routed around the boxes ("elbow"
    /// arrows), recomputed whenever a box moves.
    Orthogonal,
}

impl ArrowStyle {
    /// Both styles, for menus.
    pub const ALL: [Self; 2] = [Self::Straight, Self::Orthogonal];

    /// Whether this is the default (not written to files).
    #[must_use]
    pub fn is_straight(&self) -> bool {
        *self == Self::Straight
    }

    /// The name shown in menus.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Straight => "Straight",
            Self::Orthogonal => "Elbow",
        }
    }
}

/// An arrow between two nodes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    /// Stable id.
    pub id: EdgeId,
    /// Source node.
    pub from: NodeId,
    /// Target node.
    pub to: NodeId,
    /// What the arrow means.
    pub kind: EdgeKind,
    /// Optional label, e.g. an event name or an HTTP route.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// How traffic takes this arrow, for the simulator; empty uses the
    /// defaults (and is not written).
    #[serde(default, skip_serializing_if = "EdgeTraffic::is_empty")]
    pub traffic: EdgeTraffic,
    /// How this arrow is drawn; `None` follows the drawing's
    /// [`Diagram::arrows`] (and is not written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<ArrowStyle>,
}

impl Edge {
    /// An edge without a label.
    #[must_use]
    pub fn new(id: &str, from: &str, to: &str, kind: EdgeKind) -> Self {
        Self {
            id: EdgeId::from(id),
            from: NodeId::from(from),
            to: NodeId::from(to),
            kind,
            label: String::new(),
            traffic: EdgeTraffic::default(),
            style: None,
        }
    }
}

/// A named group of nodes (a service and the stores it owns), drawn as a
/// container. Boundaries nest through `parent`; a node is a direct member of
/// at most one boundary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boundary {
    /// Stable id.
    pub id: BoundaryId,
    /// The name shown on the container.
    pub label: String,
    /// The enclosing boundary, if nested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<BoundaryId>,
    /// Direct member nodes.
    #[serde(default)]
    pub nodes: Vec<NodeId>,
}

/// One step of a narrated walkthrough: what to say and what to highlight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Short title ("The API gateway").
    pub title: String,
    /// One to three sentences of narration.
    pub text: String,
    /// Nodes highlighted in this step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeId>,
    /// Edges highlighted in this step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edges: Vec<EdgeId>,
    /// Typical latency of this hop, for request-path replays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u32>,
}

/// A diagram document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagram {
    /// File format version; see [`FORMAT_VERSION`].
    pub version: u32,
    /// Title shown in lists and window titles.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// One-paragraph description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// How arrows without a style of their own are drawn (files without
    /// it: straight).
    #[serde(default, skip_serializing_if = "ArrowStyle::is_straight")]
    pub arrows: ArrowStyle,
    /// The boxes.
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// The arrows.
    #[serde(default)]
    pub edges: Vec<Edge>,
    /// Service boundaries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boundaries: Vec<Boundary>,
    /// Narrated walkthrough steps (references carry them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub walkthrough: Vec<Step>,
    /// What this diagram demands of a drawing checked against it
    /// (references carry it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckSpec>,
}

impl Default for Diagram {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            title: String::new(),
            description: String::new(),
            arrows: ArrowStyle::Straight,
            nodes: Vec::new(),
            edges: Vec::new(),
            boundaries: Vec::new(),
            walkthrough: Vec::new(),
            check: None,
        }
    }
}

/// Where each of `items` stands, by its id (a repeated id: its last).
#[must_use]
pub fn positions<'a, T>(
    items: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> std::collections::BTreeMap<&'a str, usize> {
    items.iter().enumerate().map(|(i, x)| (id(x), i)).collect()
}

impl Diagram {
    /// Where each node stands in `nodes`, by id.
    #[must_use]
    pub fn node_positions(&self) -> std::collections::BTreeMap<&str, usize> {
        positions(&self.nodes, |n| n.id.as_str())
    }

    /// Where each edge stands in `edges`, by id.
    #[must_use]
    pub fn edge_positions(&self) -> std::collections::BTreeMap<&str, usize> {
        positions(&self.edges, |e| e.id.as_str())
    }

    /// Where each boundary stands in `boundaries`, by id.
    #[must_use]
    pub fn boundary_positions(&self) -> std::collections::BTreeMap<&str, usize> {
        positions(&self.boundaries, |b| b.id.as_str())
    }

    /// The node with this id.
    #[must_use]
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id.as_str() == id)
    }

    /// The edge with this id.
    #[must_use]
    pub fn edge(&self, id: &str) -> Option<&Edge> {
        self.edges.iter().find(|e| e.id.as_str() == id)
    }

    /// How `edge` is drawn: its own style, else the drawing's.
    #[must_use]
    pub fn arrow_style(&self, edge: &Edge) -> ArrowStyle {
        edge.style.unwrap_or(self.arrows)
    }

    /// The boundary with this id.
    #[must_use]
    pub fn boundary(&self, id: &str) -> Option<&Boundary> {
        self.boundaries.iter().find(|b| b.id.as_str() == id)
    }

    /// How many nodes of each kind, sorted by kind id.
    #[must_use]
    pub fn kind_counts(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for node in &self.nodes {
            *counts.entry(node.kind.id()).or_insert(0) += 1;
        }
        counts
    }

    /// How many boundaries enclose this one (0 for a top-level boundary);
    /// stops counting at a parent cycle.
    #[must_use]
    pub fn boundary_depth(&self, id: &str) -> usize {
        let mut depth = 0;
        let mut current = self.boundary(id).and_then(|b| b.parent.as_ref());
        while let Some(parent) = current {
            depth += 1;
            if depth > self.boundaries.len() {
                break;
            }
            current = self
                .boundary(parent.as_str())
                .and_then(|b| b.parent.as_ref());
        }
        depth
    }

    /// All nodes inside a boundary, directly or through nested boundaries.
    #[must_use]
    pub fn boundary_members(&self, id: &str) -> Vec<&NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(current) = stack.pop() {
            if !seen.insert(current) {
                continue;
            }
            if let Some(b) = self.boundary(current) {
                out.extend(b.nodes.iter());
            }
            stack.extend(
                self.boundaries
                    .iter()
                    .filter(|b| b.parent.as_ref().is_some_and(|p| p.as_str() == current))
                    .map(|b| b.id.as_str()),
            );
        }
        out
    }
}
