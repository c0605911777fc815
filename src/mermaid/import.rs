//! Mermaid flowchart → [`Diagram`]: parse with merman-core (size-capped,
//! under a deadline, panics contained), then map its model onto ours —
//! labels to plain text, kinds by PRODUCT.md's rules (`kinds`), subgraphs to nested
//! boundaries, edges to typed edges — and lay the result out.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use merman_core::SemanticParser;
use merman_model::families::flowchart::{
    FlowEdge, FlowEdgeStroke, FlowEdgeVisibility, FlowSubgraph, FlowchartModel,
};
use merman_model::{MermaidConfig, OperationControl, SemanticDiagramModel};

use super::errors;
use super::kinds::{self, node_kind};
use super::text::{Protected, plain_label};
use crate::layout::{self, Direction};
use crate::model::{
    Boundary, BoundaryId, Diagram, Edge, EdgeId, EdgeKind, LoadError, Node, NodeId, NodeKind,
    Point, positions,
};

/// Mermaid texts larger than this are refused before parsing: the parser
/// is quadratic on some inputs, and a real architecture flowchart is a few
/// kilobytes.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// How long a parse may take before it is abandoned.
pub const PARSE_DEADLINE: Duration = Duration::from_secs(5);

/// Mermaid's default of 500 edges is far below what a big drawing needs.
const MAX_EDGES: u64 = 100_000;

/// Parses a Mermaid flowchart into a laid-out diagram; `path` names the
/// source in messages.
///
/// # Errors
/// [`LoadError::Syntax`] with `line:column` and what was expected, for
/// anything that is not a flowchart archdrill can read; never panics.
pub fn import(text: &str, path: &str) -> Result<Diagram, LoadError> {
    import_with_report(text, path).map(|(diagram, _)| diagram)
}

/// [`import`], and what the layout gave up on a big flowchart (see
/// [`layout::Report`]).
///
/// # Errors
/// As [`import`].
pub fn import_with_report(text: &str, path: &str) -> Result<(Diagram, layout::Report), LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_INPUT_BYTES {
        return Err(errors::at(
            text,
            path,
            0,
            format!(
                "the Mermaid text is {} bytes; archdrill imports flowcharts of at most {MAX_INPUT_BYTES} bytes",
                text.len()
            ),
        ));
    }
    let protected = Protected::new(text);
    let (model, title) = parse(text, &protected, path)?;
    let mut diagram = convert(&model, title);
    let direction = model
        .direction
        .as_deref()
        .and_then(Direction::from_mermaid)
        .unwrap_or(Direction::TopBottom);
    let report = layout::layered_with_report(&mut diagram, direction);
    let diagram = crate::model::file::validated(diagram, path, |_| None)?;
    Ok((diagram, report))
}

/// Runs merman-core on the protected text.
fn parse(
    source: &str,
    protected: &Protected,
    path: &str,
) -> Result<(FlowchartModel, Option<String>), LoadError> {
    if source.trim().is_empty() {
        return Err(errors::at(
            source,
            path,
            0,
            "the file is empty; expected a Mermaid flowchart header such as `flowchart LR` or `graph TD`"
                .to_owned(),
        ));
    }
    let parser = SemanticParser::new().with_site_config(MermaidConfig::from_value(
        serde_json::json!({ "maxEdges": MAX_EDGES }),
    ));
    let control = OperationControl::new().with_deadline(PARSE_DEADLINE);
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        parser.parse_diagram_controlled_sync(&protected.text, &control)
    }));
    let failed = |message: String| errors::at(source, path, 0, message);
    match outcome {
        Err(_) => Err(failed(
            "the Mermaid parser failed on this text (an internal error); simplify the flowchart around the last edit"
                .to_owned(),
        )),
        Ok(Err(_cancelled)) => Err(failed(format!(
            "parsing took longer than {} s; the flowchart is too large or too convoluted to import",
            PARSE_DEADLINE.as_secs()
        ))),
        Ok(Ok(Err(error))) => Err(errors::from_parser(source, protected, path, &error)),
        Ok(Ok(Ok(parsed))) => match parsed.model {
            SemanticDiagramModel::Flowchart(mut model) => {
                protected.ids.restore_model(&mut model);
                let title = parsed.metadata.title.map(|t| plain_label(&t, false));
                Ok((model, title))
            }
            _ => Err(errors::at(
                source,
                path,
                errors::header_offset(source),
                format!(
                    "this is a Mermaid `{}` diagram; archdrill imports flowcharts only (`flowchart LR`, `graph TD`)",
                    parsed.metadata.diagram_type
                ),
            )),
        },
    }
}

fn label_of(raw: Option<&str>, label_type: Option<&str>, fallback: &str) -> String {
    let text = plain_label(raw.unwrap_or(fallback), label_type == Some("markdown"));
    if text.trim().is_empty() {
        fallback.to_owned()
    } else {
        text
    }
}

fn convert(model: &FlowchartModel, title: Option<String>) -> Diagram {
    let subgraph_ids: BTreeSet<&str> = model.subgraphs.iter().map(|s| s.id.as_str()).collect();
    let mut nodes: Vec<Node> = Vec::new();
    let mut readings = Vec::new();
    for node in &model.nodes {
        if node.is_subgraph_anchor() {
            continue;
        }
        let label = label_of(node.label.as_deref(), node.label_type.as_deref(), &node.id);
        readings.push(node_kind(node, &label));
        nodes.push(Node::new(
            &node.id,
            &label,
            NodeKind::Other,
            Point::default(),
        ));
    }
    let (boundaries, first_member) = boundaries(&model.subgraphs, &nodes);
    let index: BTreeMap<&str, usize> = positions(&nodes, |n: &Node| n.id.as_str());
    let resolve = |id: &str| -> Option<usize> {
        index.get(id).copied().or_else(|| {
            // An edge into a subgraph lands on its first member.
            subgraph_ids
                .contains(id)
                .then(|| first_member.get(id))
                .flatten()
                .and_then(|member| index.get(member.as_str()).copied())
        })
    };
    let drawn: Vec<(&FlowEdge, usize, usize)> = model
        .edges
        .iter()
        // `~~~` only steers Mermaid's layout.
        .filter(|e| e.visibility != FlowEdgeVisibility::Invisible)
        .filter_map(|e| Some((e, resolve(&e.from)?, resolve(&e.to)?)))
        .collect();
    let ends: Vec<(usize, usize)> = drawn.iter().map(|&(_, from, to)| (from, to)).collect();
    kinds::settle_by_arrows(&mut readings, &ends);
    for (node, reading) in nodes.iter_mut().zip(&readings) {
        node.kind = reading.kind;
    }
    let user_ids: BTreeSet<&str> = model
        .edges
        .iter()
        .filter(|e| e.is_user_defined_id)
        .map(|e| e.id.as_str())
        .collect();
    let mut used = BTreeSet::new();
    let mut edges = Vec::new();
    for (edge, from, to) in drawn {
        let kind = edge_kind(edge, nodes[from].kind, nodes[to].kind);
        let (from, to) = (nodes[from].id.as_str(), nodes[to].id.as_str());
        let id = if edge.is_user_defined_id && used.insert(edge.id.clone()) {
            edge.id.clone()
        } else {
            fresh_id(&format!("{from}-{to}"), &mut used, &user_ids)
        };
        edges.push(Edge {
            id: EdgeId(id),
            label: edge
                .label
                .as_deref()
                .map(|l| plain_label(l, edge.label_type.as_deref() == Some("markdown")))
                .unwrap_or_default(),
            ..Edge::new("", from, to, kind)
        });
    }
    Diagram {
        title: title
            .filter(|t| !t.trim().is_empty())
            .or_else(|| model.acc_title.as_deref().map(|t| plain_label(t, false)))
            .unwrap_or_default(),
        description: model
            .acc_descr
            .as_deref()
            .map(|d| plain_label(d, false))
            .unwrap_or_default(),
        // Laid out like Tidy, so drawn like Tidy: elbows routed round the
        // boxes.
        arrows: crate::model::ArrowStyle::Orthogonal,
        nodes,
        edges,
        boundaries,
        ..Diagram::default()
    }
}

/// Edge kind: an explicit class named like an edge kind, else dotted →
/// async, else solid → sync, or data from a service into a database or
/// cache.
fn edge_kind(edge: &FlowEdge, from: NodeKind, to: NodeKind) -> EdgeKind {
    if let Some(kind) = edge.classes.iter().rev().find_map(|c| EdgeKind::from_id(c)) {
        return kind;
    }
    if edge.stroke_kind == FlowEdgeStroke::Dotted {
        return EdgeKind::Async;
    }
    match (from, to) {
        (NodeKind::Service, NodeKind::Database | NodeKind::Cache) => EdgeKind::Data,
        _ => EdgeKind::Sync,
    }
}

/// `base`, or `base-2`, `base-3`, … : the first not yet used and not taken
/// by an id the author wrote.
fn fresh_id(base: &str, used: &mut BTreeSet<String>, reserved: &BTreeSet<&str>) -> String {
    let mut candidate = base.to_owned();
    let mut n = 1;
    while used.contains(&candidate) || reserved.contains(candidate.as_str()) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    used.insert(candidate.clone());
    candidate
}

/// Subgraphs → boundaries in opening order (parents before children), and
/// the first member node of each subgraph (for edges that target one).
fn boundaries(
    subgraphs: &[FlowSubgraph],
    nodes: &[Node],
) -> (Vec<Boundary>, BTreeMap<String, String>) {
    let node_ids: BTreeMap<&str, usize> = positions(nodes, |n| n.id.as_str());
    // Mermaid lists subgraphs as they close (inner first); ids may repeat.
    let mut ids: Vec<String> = Vec::with_capacity(subgraphs.len());
    let mut seen = BTreeSet::new();
    for subgraph in subgraphs {
        ids.push(fresh_id(&subgraph.id, &mut seen, &BTreeSet::new()));
    }
    let index: BTreeMap<&str, usize> = subgraphs
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut parent: Vec<Option<usize>> = vec![None; subgraphs.len()];
    let mut owned = BTreeSet::new();
    let mut members: Vec<Vec<NodeId>> = vec![Vec::new(); subgraphs.len()];
    for (i, subgraph) in subgraphs.iter().enumerate() {
        for entry in &subgraph.nodes {
            if let Some(&child) = index.get(entry.as_str()) {
                // A child closes before its parent, so it comes first.
                if child < i && parent[child].is_none() {
                    parent[child] = Some(i);
                }
            } else if node_ids.contains_key(entry.as_str()) && owned.insert(entry.clone()) {
                members[i].push(NodeId(entry.clone()));
            }
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); subgraphs.len()];
    for (c, p) in parent.iter().enumerate() {
        if let Some(p) = *p {
            children[p].push(c);
        }
    }
    // Pre-order: roots in closing order, then their children.
    let mut order = Vec::with_capacity(subgraphs.len());
    let mut stack: Vec<usize> = (0..subgraphs.len())
        .rev()
        .filter(|&i| parent[i].is_none())
        .collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(children[i].iter().rev());
    }
    let boundaries: Vec<Boundary> = order
        .iter()
        .map(|&i| Boundary {
            id: BoundaryId(ids[i].clone()),
            label: label_of(
                Some(&subgraphs[i].title),
                subgraphs[i].label_type.as_deref(),
                &subgraphs[i].id,
            ),
            parent: parent[i].map(|p| BoundaryId(ids[p].clone())),
            nodes: members[i].clone(),
        })
        .collect();
    // First member in document order, nested boundaries included: the
    // least node index over each subtree, children (later in the
    // pre-order) before their parents.
    let mut best: Vec<Option<usize>> = members
        .iter()
        .map(|m| {
            m.iter()
                .filter_map(|id| node_ids.get(id.as_str()).copied())
                .min()
        })
        .collect();
    for &s in order.iter().rev() {
        if let Some(p) = parent[s] {
            best[p] = match (best[p], best[s]) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }
    let mut first_member = BTreeMap::new();
    for (i, subgraph) in subgraphs.iter().enumerate() {
        if let Some(n) = best[i] {
            first_member
                .entry(subgraph.id.clone())
                .or_insert_with(|| nodes[n].id.0.clone());
        }
    }
    (boundaries, first_member)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Diagram {
        import(text, "t.mmd").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn kinds_follow_class_then_shape_then_label() {
        let d = ok(
            "flowchart LR\n  a[(Redis)] --> b[(Orders)]\n  c{{Events}} --> d[Order service]\n  e[Order service]:::gateway\n  f[(Store)]\n  class f storage\n",
        );
        let kind = |id: &str| d.node(id).map(|n| n.kind);
        assert_eq!(kind("a"), Some(NodeKind::Cache));
        assert_eq!(kind("b"), Some(NodeKind::Database));
        assert_eq!(kind("c"), Some(NodeKind::Bus));
        assert_eq!(kind("d"), Some(NodeKind::Service));
        assert_eq!(kind("e"), Some(NodeKind::Gateway));
        assert_eq!(kind("f"), Some(NodeKind::Storage));
    }

    #[test]
    fn edge_kinds_and_generated_ids() {
        let d = ok(
            "graph TD\n  s[Order service] --> db[(Orders DB)]\n  s -.-> k{{Kafka}}\n  s --> k\n  s --> k\n  a e9@--> s\n  class e9 compensation\n",
        );
        let kinds: Vec<(&str, EdgeKind)> =
            d.edges.iter().map(|e| (e.id.as_str(), e.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("s-db", EdgeKind::Data),
                ("s-k", EdgeKind::Async),
                ("s-k-2", EdgeKind::Sync),
                ("s-k-3", EdgeKind::Sync),
                ("e9", EdgeKind::Compensation),
            ]
        );
    }

    #[test]
    fn subgraph_edges_land_on_a_member() {
        let d = ok(
            "flowchart LR\n  c[Client] --> S\n  subgraph S [Backend]\n    x[API]\n    subgraph T [Inner]\n      y[(DB)]\n    end\n  end\n",
        );
        assert_eq!(d.edges[0].to.as_str(), "x");
        assert_eq!(d.boundaries.len(), 2);
        assert_eq!(d.boundaries[0].id.as_str(), "S");
        assert_eq!(
            d.boundaries[1].parent.as_ref().map(BoundaryId::as_str),
            Some("S")
        );
        assert_eq!(d.nodes.len(), 3);
    }

    #[test]
    fn errors_are_located() {
        let Err(err) = import("flowchart LR\n  a --> b\n  c[unclosed --> d\n", "bad.mmd") else {
            panic!("accepted")
        };
        let text = err.to_string();
        assert!(text.starts_with("bad.mmd:3:"), "{text}");
        let Err(err) = import("sequenceDiagram\n  a->>b: hi\n", "seq.mmd") else {
            panic!("accepted")
        };
        assert!(err.to_string().starts_with("seq.mmd:1:1: "), "{err}");
        assert!(import("", "e.mmd").is_err());
        assert!(import(&"a".repeat(MAX_INPUT_BYTES + 1), "big.mmd").is_err());
    }
}
