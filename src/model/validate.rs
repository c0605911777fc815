//! Structural validation of a [`Diagram`]: reports every problem at once,
//! each naming the element it is about, so a user can fix a file in one pass.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::{Diagram, FORMAT_VERSION};

/// The element a problem is about; lets the file loader point at a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The document as a whole.
    Document,
    /// A node, by id.
    Node(String),
    /// An edge, by id.
    Edge(String),
    /// A boundary, by id.
    Boundary(String),
    /// A walkthrough step, by 1-based number.
    Step(usize),
}

impl Subject {
    /// The id to search for in the source text, if the subject has one.
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::Node(id) | Self::Edge(id) | Self::Boundary(id) => Some(id),
            Self::Document | Self::Step(_) => None,
        }
    }
}

/// One validation problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// What the problem is about.
    pub subject: Subject,
    /// A full sentence naming the ids involved.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn bad_id(id: &str) -> bool {
    id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Checks a diagram's structure; an empty list means it is valid.
#[must_use]
pub fn validate(diagram: &Diagram) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut push = |subject: Subject, message: String| issues.push(Issue { subject, message });
    if diagram.version != FORMAT_VERSION {
        push(
            Subject::Document,
            format!(
                "format version {} is not supported (this build reads version {FORMAT_VERSION})",
                diagram.version
            ),
        );
    }
    let node_ids = check_nodes(diagram, &mut push);
    let edge_ids = check_edges(diagram, &node_ids, &mut push);
    check_boundaries(diagram, &node_ids, &mut push);
    check_steps(diagram, &node_ids, &edge_ids, &mut push);
    if let Some(spec) = &diagram.check {
        for role in &spec.roles {
            if !node_ids.contains(role.node.as_str()) {
                push(
                    Subject::Document,
                    format!(
                        "check role `{}` names a node that does not exist",
                        role.node
                    ),
                );
            }
        }
    }
    issues
}

/// Nodes: unique, well-formed ids; labels; finite geometry.
fn check_nodes<'a>(
    diagram: &'a Diagram,
    push: &mut impl FnMut(Subject, String),
) -> BTreeSet<&'a str> {
    let mut node_ids = BTreeSet::new();
    for node in &diagram.nodes {
        let id = node.id.as_str();
        let subject = || Subject::Node(id.to_owned());
        if bad_id(id) {
            push(
                subject(),
                format!("node id `{id}` is empty or contains whitespace"),
            );
        }
        if !node_ids.insert(id) {
            push(subject(), format!("node id `{id}` is used more than once"));
        }
        if node.label.trim().is_empty() {
            push(subject(), format!("node `{id}` has an empty label"));
        }
        if !node.pos.x.is_finite() || !node.pos.y.is_finite() {
            push(
                subject(),
                format!("node `{id}` has a position that is not a finite number"),
            );
        }
        if let Some(size) = node.size
            && !(size.w.is_finite() && size.h.is_finite() && size.w > 0.0 && size.h > 0.0)
        {
            push(
                subject(),
                format!("node `{id}` has a size that is not a positive number"),
            );
        }
        for message in capacity_problems(&node.capacity) {
            push(subject(), format!("node `{id}`: {message}"));
        }
    }
    node_ids
}

/// The largest capacity figure accepted (requests per second, milliseconds).
pub const MAX_FIGURE: f64 = 1e12;

/// The largest share an arrow may carry (calls per request).
pub const MAX_SHARE: f64 = 1000.0;

/// What is wrong with a node's capacity figures, one sentence per field.
fn capacity_problems(capacity: &super::NodeCapacity) -> Vec<String> {
    let mut out = Vec::new();
    for (name, value) in capacity.numbers() {
        let Some(v) = value else { continue };
        let ok = match name {
            "hit_ratio" => (0.0..=1.0).contains(&v),
            "entry_rps" | "p50_ms" | "p99_ms" => v.is_finite() && (0.0..=MAX_FIGURE).contains(&v),
            _ => v.is_finite() && v > 0.0 && v <= MAX_FIGURE,
        };
        if !ok {
            out.push(match name {
                "hit_ratio" => format!("`hit_ratio` is {v}; it must be between 0 and 1"),
                "entry_rps" | "p50_ms" | "p99_ms" => {
                    format!("`{name}` is {v}; it must be a number from 0 to {MAX_FIGURE:e}")
                }
                _ => format!(
                    "`{name}` is {v}; a capacity must be a number above 0 and at most {MAX_FIGURE:e} (take a box down to simulate it failing)"
                ),
            });
        }
    }
    if capacity.instances == Some(0) {
        out.push("`instances` is 0; it must be at least 1".to_owned());
    }
    out
}

/// What is wrong with an arrow's traffic figures.
fn traffic_problems(traffic: &super::EdgeTraffic) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(v) = traffic.share
        && !(v.is_finite() && (0.0..=MAX_SHARE).contains(&v))
    {
        out.push(format!(
            "`share` is {v}; it must be a number from 0 to {MAX_SHARE}"
        ));
    }
    if let Some(v) = traffic.writes
        && !(0.0..=1.0).contains(&v)
    {
        out.push(format!("`writes` is {v}; it must be between 0 and 1"));
    }
    out
}

/// Edges: unique ids, both ends exist.
fn check_edges<'a>(
    diagram: &'a Diagram,
    node_ids: &BTreeSet<&str>,
    push: &mut impl FnMut(Subject, String),
) -> BTreeSet<&'a str> {
    let mut edge_ids = BTreeSet::new();
    for edge in &diagram.edges {
        let id = edge.id.as_str();
        let subject = || Subject::Edge(id.to_owned());
        if bad_id(id) {
            push(
                subject(),
                format!("edge id `{id}` is empty or contains whitespace"),
            );
        }
        if !edge_ids.insert(id) {
            push(subject(), format!("edge id `{id}` is used more than once"));
        }
        for (end, node) in [("from", &edge.from), ("to", &edge.to)] {
            if !node_ids.contains(node.as_str()) {
                push(
                    subject(),
                    format!(
                        "edge `{id}`: its `{end}` end names node `{node}`, which does not exist"
                    ),
                );
            }
        }
        for message in traffic_problems(&edge.traffic) {
            push(subject(), format!("edge `{id}`: {message}"));
        }
    }
    edge_ids
}

/// Boundaries: unique ids, labels, members exist, one direct boundary per
/// node, parents exist and do not form a cycle.
fn check_boundaries(
    diagram: &Diagram,
    node_ids: &BTreeSet<&str>,
    push: &mut impl FnMut(Subject, String),
) {
    let mut boundary_ids = BTreeSet::new();
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for boundary in &diagram.boundaries {
        let id = boundary.id.as_str();
        let subject = || Subject::Boundary(id.to_owned());
        if bad_id(id) {
            push(
                subject(),
                format!("boundary id `{id}` is empty or contains whitespace"),
            );
        }
        if !boundary_ids.insert(id) {
            push(
                subject(),
                format!("boundary id `{id}` is used more than once"),
            );
        }
        if boundary.label.trim().is_empty() {
            push(subject(), format!("boundary `{id}` has an empty label"));
        }
        for member in &boundary.nodes {
            let member = member.as_str();
            if !node_ids.contains(member) {
                push(
                    subject(),
                    format!("boundary `{id}` lists node `{member}`, which does not exist"),
                );
            } else if let Some(first) = owner.insert(member, id) {
                if first == id {
                    push(
                        subject(),
                        format!("boundary `{id}` lists node `{member}` twice"),
                    );
                } else {
                    push(
                        subject(),
                        format!(
                            "node `{member}` is in two boundaries, `{first}` and `{id}`; a node belongs to at most one"
                        ),
                    );
                }
            }
        }
    }
    let parents: BTreeMap<&str, &str> = diagram
        .boundaries
        .iter()
        .filter_map(|b| b.parent.as_ref().map(|p| (b.id.as_str(), p.as_str())))
        .collect();
    // Walk up from each boundary once: a boundary whose walk comes back to
    // itself is in a parent cycle; one whose walk meets a boundary already
    // known is settled by it (linear in the boundaries, however deep).
    let mut state: BTreeMap<&str, Walk> = parents.keys().map(|&c| (c, Walk::Unknown)).collect();
    let mut in_cycle: BTreeSet<&str> = BTreeSet::new();
    for &start in parents.keys() {
        let mut path = Vec::new();
        let mut current = start;
        loop {
            match state.get(current).copied() {
                Some(Walk::Unknown) => {
                    state.insert(current, Walk::OnPath);
                    path.push(current);
                    match parents.get(current) {
                        Some(&next) if boundary_ids.contains(next) => current = next,
                        _ => break,
                    }
                }
                Some(Walk::OnPath) => {
                    // `current` closes a cycle: it and everything after it
                    // on the path.
                    let from = path.iter().position(|&b| b == current).unwrap_or(0);
                    in_cycle.extend(path[from..].iter().copied());
                    break;
                }
                Some(Walk::Settled) | None => break,
            }
        }
        for b in path {
            state.insert(b, Walk::Settled);
        }
    }
    for (&child, &parent) in &parents {
        if !boundary_ids.contains(parent) {
            push(
                Subject::Boundary(child.to_owned()),
                format!("boundary `{child}` names parent `{parent}`, which does not exist"),
            );
        } else if in_cycle.contains(child) {
            push(
                Subject::Boundary(child.to_owned()),
                format!("boundary `{child}` is nested inside itself (parent cycle)"),
            );
        }
    }
}

/// Where the walk up the parents stands for a boundary.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    Unknown,
    OnPath,
    Settled,
}

/// Walkthrough steps highlight things that exist.
fn check_steps(
    diagram: &Diagram,
    node_ids: &BTreeSet<&str>,
    edge_ids: &BTreeSet<&str>,
    push: &mut impl FnMut(Subject, String),
) {
    for (index, step) in diagram.walkthrough.iter().enumerate() {
        let number = index + 1;
        if step.title.trim().is_empty() {
            push(
                Subject::Step(number),
                format!("walkthrough step {number} has an empty title"),
            );
        }
        for node in &step.nodes {
            if !node_ids.contains(node.as_str()) {
                push(
                    Subject::Step(number),
                    format!(
                        "walkthrough step {number} (\"{}\") highlights node `{node}`, which does not exist",
                        step.title
                    ),
                );
            }
        }
        for edge in &step.edges {
            if !edge_ids.contains(edge.as_str()) {
                push(
                    Subject::Step(number),
                    format!(
                        "walkthrough step {number} (\"{}\") highlights edge `{edge}`, which does not exist",
                        step.title
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Boundary, BoundaryId, Edge, EdgeKind, Node, NodeId, NodeKind, Point, Step};

    fn small() -> Diagram {
        Diagram {
            nodes: vec![
                Node::new("app", "Mobile app", NodeKind::Client, Point::new(0.0, 0.0)),
                Node::new(
                    "gw",
                    "API Gateway",
                    NodeKind::Gateway,
                    Point::new(200.0, 0.0),
                ),
            ],
            edges: vec![Edge::new("e1", "app", "gw", EdgeKind::Sync)],
            ..Diagram::default()
        }
    }

    #[test]
    fn valid_diagram_has_no_issues() {
        assert_eq!(validate(&small()), Vec::new());
    }

    #[test]
    fn reports_every_problem_at_once() {
        let mut d = small();
        d.nodes.push(Node::new(
            "gw",
            " ",
            NodeKind::Service,
            Point::new(f32::NAN, 0.0),
        ));
        d.edges
            .push(Edge::new("e2", "gw", "nowhere", EdgeKind::Async));
        d.edges
            .push(Edge::new("e2", "ghost", "app", EdgeKind::Async));
        d.boundaries = vec![
            Boundary {
                id: BoundaryId::from("b1"),
                label: "One".into(),
                parent: None,
                nodes: vec![NodeId::from("app")],
            },
            Boundary {
                id: BoundaryId::from("b2"),
                label: String::new(),
                parent: Some(BoundaryId::from("b9")),
                nodes: vec![NodeId::from("app"), NodeId::from("zzz")],
            },
        ];
        d.walkthrough = vec![Step {
            title: "Hop".into(),
            text: String::new(),
            nodes: vec![NodeId::from("nope")],
            edges: vec![crate::model::EdgeId::from("e7")],
            latency_ms: None,
        }];
        let messages: Vec<String> = validate(&d).into_iter().map(|i| i.message).collect();
        let expected = [
            "node id `gw` is used more than once",
            "node `gw` has an empty label",
            "node `gw` has a position that is not a finite number",
            "edge `e2`: its `to` end names node `nowhere`, which does not exist",
            "edge id `e2` is used more than once",
            "edge `e2`: its `from` end names node `ghost`, which does not exist",
            "boundary `b2` has an empty label",
            "node `app` is in two boundaries, `b1` and `b2`; a node belongs to at most one",
            "boundary `b2` lists node `zzz`, which does not exist",
            "boundary `b2` names parent `b9`, which does not exist",
            "walkthrough step 1 (\"Hop\") highlights node `nope`, which does not exist",
            "walkthrough step 1 (\"Hop\") highlights edge `e7`, which does not exist",
        ];
        assert_eq!(messages, expected);
    }

    #[test]
    fn capacity_figures_are_checked() {
        let mut d = small();
        d.nodes[0].capacity.rps = Some(0.0);
        d.nodes[0].capacity.hit_ratio = Some(1.5);
        d.nodes[0].capacity.p50_ms = Some(f64::INFINITY);
        d.nodes[0].capacity.instances = Some(0);
        d.edges[0].traffic.share = Some(-1.0);
        d.edges[0].traffic.writes = Some(f64::NAN);
        let messages: Vec<String> = validate(&d).into_iter().map(|i| i.message).collect();
        assert_eq!(messages.len(), 6, "{messages:#?}");
        assert!(messages[0].starts_with("node `app`: `rps` is 0;"));
        assert!(messages.iter().any(|m| m.contains("`hit_ratio` is 1.5")));
        assert!(messages.iter().any(|m| m.contains("`share` is -1")));
        assert!(messages.iter().any(|m| m.contains("`writes` is NaN")));
    }

    #[test]
    fn parent_cycles_are_reported() {
        let mut d = small();
        d.boundaries = vec![
            Boundary {
                id: BoundaryId::from("a"),
                label: "A".into(),
                parent: Some(BoundaryId::from("b")),
                nodes: vec![],
            },
            Boundary {
                id: BoundaryId::from("b"),
                label: "B".into(),
                parent: Some(BoundaryId::from("a")),
                nodes: vec![],
            },
        ];
        let issues = validate(&d);
        assert_eq!(issues.len(), 2);
        assert!(issues.iter().all(|i| i.message.contains("parent cycle")));
    }
}
