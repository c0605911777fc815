//! [`Diagram`] → Mermaid flowchart text that renders well in Mermaid Live
//! and imports back into the same typed graph: node kinds as classes (with
//! the canvas' colours as `classDef`s) and shapes, edge kinds as arrow
//! styles plus edge classes, boundaries as nested subgraphs, ids kept
//! wherever Mermaid allows them. Deterministic.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::text::{escaped, quoted_label};
use crate::model::{Boundary, Diagram, EdgeKind, Node, NodeKind};
use crate::scene::palette;

/// Words Mermaid reads as statements where an id is expected.
const KEYWORDS: &[&str] = &[
    "end",
    "subgraph",
    "graph",
    "flowchart",
    "flowchart-v2",
    "flowchart-elk",
    "style",
    "linkstyle",
    "classdef",
    "class",
    "click",
    "call",
    "href",
    "interpolate",
    "direction",
    "default",
    "acctitle",
    "accdescr",
];

/// Opening and closing brackets of the shape drawn for each kind.
const fn shape(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Client => ("(", ")"),
        NodeKind::Edge => ("([", "])"),
        NodeKind::LoadBalancer => ("[/", "\\]"),
        NodeKind::Gateway => ("[[", "]]"),
        NodeKind::Service | NodeKind::External | NodeKind::Other => ("[", "]"),
        NodeKind::Database | NodeKind::Cache => ("[(", ")]"),
        NodeKind::Bus => ("{{", "}}"),
        NodeKind::Worker => ("[/", "/]"),
        NodeKind::Outbox => (">", "]"),
        NodeKind::Storage => ("[\\", "/]"),
        NodeKind::Search => ("[\\", "\\]"),
    }
}

/// The arrow drawn for each edge kind; the edge's class makes the kind
/// exact on import (compensation and async share the dotted arrow).
const fn arrow(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Sync => "-->",
        EdgeKind::Async | EdgeKind::Compensation => "-.->",
        EdgeKind::Data => "==>",
    }
}

/// `linkStyle` for each edge kind: the canvas' colours and dashes.
fn link_style(kind: EdgeKind) -> String {
    let color = palette::edge_color(kind).hex();
    let width = if kind == EdgeKind::Compensation {
        2.0
    } else {
        1.6
    };
    let mut style = format!("stroke:{color},stroke-width:{width}px,color:{color}");
    if let Some((dash, gap)) = palette::edge_dash(kind) {
        let _ = write!(style, ",stroke-dasharray:{dash} {gap}");
    }
    style
}

/// `classDef` body for a node kind.
fn class_def(kind: NodeKind) -> String {
    let (fill, stroke) = palette::node_colors(kind);
    let mut style = format!(
        "fill:{},stroke:{},stroke-width:1.5px,color:{}",
        fill.hex(),
        stroke.hex(),
        palette::TEXT.hex()
    );
    if kind == NodeKind::External {
        style.push_str(",stroke-dasharray:6 4");
    }
    style
}

/// Subgraphs deeper than this are written at this indentation (Mermaid
/// ignores it; indenting 10,000 levels would write 40 kB a line).
const MAX_INDENT: usize = 8;

/// At most this many ids or indices per `class` / `linkStyle` line: the
/// parser slows down badly on very long lines.
const PER_LINE: usize = 64;

/// Characters kept in ids: letters, ASCII digits, `_` (and `-` between
/// them, see [`is_plain_id`]).
fn id_char(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit() || c == '_'
}

/// True when Mermaid reads `id` back as written: letters, digits, `_`, and
/// single `-` between them (`--` would start an arrow), neither a keyword
/// nor a keyword followed by `-` (`end-x` reads as `end`).
fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| id_char(c) || c == '-')
        && !KEYWORDS.contains(&id.to_lowercase().as_str())
        && keyword_dash(id).is_none()
}

/// Where the `-` after a leading keyword is (`end-x`: 3).
fn keyword_dash(id: &str) -> Option<usize> {
    let lower = id.to_lowercase();
    KEYWORDS
        .iter()
        .filter(|k| lower.len() > k.len() && lower.starts_with(*k))
        .map(|k| k.len())
        .find(|&at| lower.as_bytes()[at] == b'-')
        .filter(|&at| id.is_char_boundary(at) && id.as_bytes().get(at) == Some(&b'-'))
}

/// Four spaces per level, at most [`MAX_INDENT`] levels.
fn indent(depth: usize) -> String {
    "    ".repeat(depth.min(MAX_INDENT))
}

/// Mermaid ids for every node, boundary and edge: the model's id where
/// Mermaid accepts it, else a cleaned-up variant; unique across all three
/// (Mermaid has one namespace for them).
struct Ids {
    names: BTreeMap<(u8, String), String>,
}

impl Ids {
    const NODE: u8 = 0;
    const BOUNDARY: u8 = 1;
    const EDGE: u8 = 2;

    fn new(diagram: &Diagram) -> Self {
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut names = BTreeMap::new();
        let groups: [(u8, Vec<&str>); 3] = [
            (
                Self::NODE,
                diagram.nodes.iter().map(|n| n.id.as_str()).collect(),
            ),
            (
                Self::BOUNDARY,
                diagram.boundaries.iter().map(|b| b.id.as_str()).collect(),
            ),
            (
                Self::EDGE,
                diagram.edges.iter().map(|e| e.id.as_str()).collect(),
            ),
        ];
        // Plain ids first, so a cleaned-up id never steals a plain one.
        for plain_pass in [true, false] {
            for (space, ids) in &groups {
                for id in ids {
                    if is_plain_id(id) != plain_pass
                        || names.contains_key(&(*space, (*id).to_owned()))
                    {
                        continue;
                    }
                    let base = if plain_pass {
                        (*id).to_owned()
                    } else {
                        clean(id)
                    };
                    let mut name = base.clone();
                    let mut n = 1;
                    while taken.contains(&name.to_lowercase()) {
                        n += 1;
                        name = format!("{base}_{n}");
                    }
                    taken.insert(name.to_lowercase());
                    names.insert((*space, (*id).to_owned()), name);
                }
            }
        }
        Self { names }
    }

    fn get<'a>(&'a self, space: u8, id: &'a str) -> &'a str {
        self.names
            .get(&(space, id.to_owned()))
            .map_or(id, String::as_str)
    }
}

/// A Mermaid-safe variant of an id: other characters become `_`, and so
/// does a `-` that would start, end or double up.
fn clean(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 2);
    for c in id.chars() {
        if id_char(c) {
            out.push(c);
        } else if c == '-' && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        } else {
            out.push('_');
        }
    }
    if out.ends_with('-') {
        out.pop();
        out.push('_');
    }
    if out.is_empty() {
        out.push_str("n_");
    }
    if let Some(at) = keyword_dash(&out) {
        out.replace_range(at..=at, "_");
    }
    if KEYWORDS.contains(&out.to_lowercase().as_str()) {
        out.push('_');
    }
    out
}

/// Escapes a title for a YAML double-quoted scalar. Mermaid strips
/// anything that looks like an HTML tag from titles, so `<` and `>` are
/// written as entities (which the importer decodes).
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The diagram as a Mermaid flowchart (`flowchart LR`).
#[must_use]
pub fn export(diagram: &Diagram) -> String {
    let ids = Ids::new(diagram);
    let mut out = String::with_capacity(256 + diagram.nodes.len() * 60 + diagram.edges.len() * 50);
    if !diagram.title.trim().is_empty() {
        let _ = writeln!(
            out,
            "---\ntitle: {}\n---",
            yaml_string(diagram.title.trim())
        );
    }
    out.push_str("flowchart LR\n");
    // One line: Mermaid's `accDescr:` runs to the end of the line.
    let description = diagram
        .description
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if !description.is_empty() {
        let _ = writeln!(out, "    accDescr: {}", escaped(&description));
    }
    write_nodes(&mut out, diagram, &ids);
    write_edges(&mut out, diagram, &ids);
    write_styles(&mut out, diagram, &ids);
    out
}

/// Nodes outside any boundary, then each boundary tree with its members.
fn write_nodes(out: &mut String, diagram: &Diagram, ids: &Ids) {
    let by_id: BTreeMap<&str, &Node> = diagram.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let owner: BTreeMap<&str, &str> = diagram
        .boundaries
        .iter()
        .flat_map(|b| b.nodes.iter().map(move |n| (n.as_str(), b.id.as_str())))
        .collect();
    for node in diagram
        .nodes
        .iter()
        .filter(|n| !owner.contains_key(n.id.as_str()))
    {
        node_line(out, &by_id, ids, node.id.as_str(), 1);
    }
    for event in boundary_order(&diagram.boundaries) {
        match event {
            Nesting::Open(boundary, depth) => {
                let _ = writeln!(
                    out,
                    "{}subgraph {} [{}]",
                    indent(depth + 1),
                    ids.get(Ids::BOUNDARY, boundary.id.as_str()),
                    quoted_label(&boundary.label)
                );
                for member in &boundary.nodes {
                    node_line(out, &by_id, ids, member.as_str(), depth + 2);
                }
            }
            Nesting::Close(depth) => {
                let _ = writeln!(out, "{}end", indent(depth + 1));
            }
        }
    }
}

fn write_edges(out: &mut String, diagram: &Diagram, ids: &Ids) {
    for edge in &diagram.edges {
        let label = if edge.label.is_empty() {
            String::new()
        } else {
            format!("|{}|", quoted_label(&edge.label))
        };
        let _ = writeln!(
            out,
            "    {} {}@{}{label} {}",
            ids.get(Ids::NODE, edge.from.as_str()),
            ids.get(Ids::EDGE, edge.id.as_str()),
            arrow(edge.kind),
            ids.get(Ids::NODE, edge.to.as_str()),
        );
    }
}

/// Styling and kinds: `classDef`s for the node kinds in use, class lists,
/// edge classes (the exact kinds) and link styles (the looks).
fn write_styles(out: &mut String, diagram: &Diagram, ids: &Ids) {
    let used: BTreeSet<NodeKind> = diagram.nodes.iter().map(|n| n.kind).collect();
    for kind in NodeKind::ALL.into_iter().filter(|k| used.contains(k)) {
        let _ = writeln!(out, "    classDef {} {}", kind.id(), class_def(kind));
    }
    for kind in NodeKind::ALL {
        let members: Vec<&str> = diagram
            .nodes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| ids.get(Ids::NODE, n.id.as_str()))
            .collect();
        for chunk in members.chunks(PER_LINE) {
            let _ = writeln!(out, "    class {} {}", chunk.join(","), kind.id());
        }
    }
    for kind in EdgeKind::ALL {
        let members: Vec<&str> = diagram
            .edges
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| ids.get(Ids::EDGE, e.id.as_str()))
            .collect();
        for chunk in members.chunks(PER_LINE) {
            let _ = writeln!(out, "    class {} {}", chunk.join(","), kind.id());
        }
    }
    for kind in EdgeKind::ALL {
        let indices: Vec<String> = diagram
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind)
            .map(|(i, _)| i.to_string())
            .collect();
        let style = link_style(kind);
        for chunk in indices.chunks(PER_LINE) {
            let _ = writeln!(out, "    linkStyle {} {style}", chunk.join(","));
        }
    }
}

fn node_line(out: &mut String, nodes: &BTreeMap<&str, &Node>, ids: &Ids, id: &str, depth: usize) {
    let Some(node) = nodes.get(id) else {
        return;
    };
    let (open, close) = shape(node.kind);
    let _ = writeln!(
        out,
        "{}{}{open}{}{close}",
        indent(depth),
        ids.get(Ids::NODE, id),
        quoted_label(&node.label)
    );
}

/// One step of writing nested subgraphs.
enum Nesting<'a> {
    /// `subgraph …` at this depth, then its member nodes.
    Open(&'a Boundary, usize),
    /// `end` of the subgraph opened at this depth.
    Close(usize),
}

/// Boundaries in nesting order (parents before children, siblings in
/// document order). Boundaries with a missing parent, or caught in a
/// parent cycle, are treated as top level.
fn boundary_order(boundaries: &[Boundary]) -> Vec<Nesting<'_>> {
    let known: BTreeSet<&str> = boundaries.iter().map(|b| b.id.as_str()).collect();
    let mut children: BTreeMap<&str, Vec<&Boundary>> = BTreeMap::new();
    for b in boundaries {
        if let Some(p) = &b.parent {
            children.entry(p.as_str()).or_default().push(b);
        }
    }
    let mut order = Vec::with_capacity(boundaries.len() * 2);
    let mut visited: BTreeSet<&str> = BTreeSet::new();
    let top_level = boundaries.iter().filter(|b| {
        b.parent
            .as_ref()
            .is_none_or(|p| !known.contains(p.as_str()))
    });
    // Then whatever only a parent cycle reaches.
    for start in top_level.chain(boundaries.iter()) {
        // Iterative DFS of (boundary, depth, closing?).
        let mut stack = vec![(start, 0usize, false)];
        while let Some((b, depth, closing)) = stack.pop() {
            if closing {
                order.push(Nesting::Close(depth));
                continue;
            }
            if !visited.insert(b.id.as_str()) {
                continue;
            }
            order.push(Nesting::Open(b, depth));
            stack.push((b, depth, true));
            for &child in children.get(b.id.as_str()).into_iter().flatten().rev() {
                stack.push((child, depth + 1, false));
            }
        }
    }
    order
}
