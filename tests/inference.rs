//! Kind inference measured on labelled corpora (`tests/inference/`):
//! `corpus.tsv` holds nodes of real public architecture diagrams with the
//! kind a senior engineer would give them; `tricky.tsv` holds role-versus-
//! technology, non-English and CamelCase labels. Each row is imported as a
//! Mermaid node with its shape (and, where marked, a queue feeding it), so
//! the whole import path is measured: shape hints, HTML labels, the
//! serverless-fed-by-a-queue rule. Labels alone (every node a plain box)
//! are measured too.
//!
//! `cargo test --test inference -- --nocapture` prints accuracy overall and
//! per kind, and every miss with its source.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]
#![expect(clippy::print_stdout, reason = "the report is the point")]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use archdrill::mermaid;
use archdrill::model::NodeKind;

/// One labelled node.
struct Row {
    label: String,
    kind: NodeKind,
    shape: String,
    /// Arrows of the diagram: `(true, k)` from a box of kind `k` into this
    /// one, `(false, k)` from this one into a box of kind `k`.
    neighbours: Vec<(bool, NodeKind)>,
    source: String,
}

/// The rows of a file under `tests/inference/` (or of any path).
fn rows(file: &str) -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/inference")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("corpus file");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                fields.len(),
                4,
                "{file}:{}: want 4 tab-separated fields",
                i + 1
            );
            let kind = NodeKind::from_id(fields[1])
                .unwrap_or_else(|| panic!("{file}:{}: no kind {:?}", i + 1, fields[1]));
            let mut context = fields[2].split_whitespace();
            let shape = context.next().unwrap_or("-").to_owned();
            let neighbours = context
                .map(|token| {
                    let (incoming, kind) = match token.strip_prefix('<') {
                        Some(kind) => (true, kind),
                        None => (false, token.strip_prefix('>').unwrap_or(token)),
                    };
                    let kind = NodeKind::from_id(kind)
                        .unwrap_or_else(|| panic!("{file}:{}: no kind {kind:?}", i + 1));
                    (incoming, kind)
                })
                .collect();
            Row {
                label: fields[0].to_owned(),
                kind,
                shape,
                neighbours,
                source: fields[3].to_owned(),
            }
        })
        .collect()
}

/// Mermaid brackets for a corpus shape name.
fn brackets(shape: &str) -> (&'static str, &'static str) {
    match shape {
        "-" | "rect" => ("[", "]"),
        "cyl" => ("[(", ")]"),
        "hex" => ("{{", "}}"),
        "round" => ("(", ")"),
        "stadium" => ("([", "])"),
        "circle" => ("((", "))"),
        "rhombus" => ("{", "}"),
        other => panic!("unknown shape {other:?}"),
    }
}

/// Imports every row as one node — with its shape and its neighbours, or
/// as a plain box on its own — and returns the inferred kinds in row order.
fn inferred(rows: &[Row], with_shapes: bool) -> Vec<NodeKind> {
    let mut text = String::from("flowchart LR\n");
    for (i, row) in rows.iter().enumerate() {
        let (open, close) = brackets(if with_shapes { &row.shape } else { "-" });
        let label = row.label.replace('"', "#quot;");
        let _ = writeln!(text, "  n{i}{open}\"{label}\"{close}");
        if !with_shapes {
            continue;
        }
        // Neighbours get their kind from a class, so only the row is read.
        for (j, (incoming, kind)) in row.neighbours.iter().enumerate() {
            let _ = writeln!(text, "  c{i}x{j}[\"·\"]:::{}", kind.id());
            if *incoming {
                let _ = writeln!(text, "  c{i}x{j} --> n{i}");
            } else {
                let _ = writeln!(text, "  n{i} --> c{i}x{j}");
            }
        }
    }
    let diagram = mermaid::import(&text, "corpus.mmd").unwrap_or_else(|e| panic!("{e}"));
    (0..rows.len())
        .map(|i| {
            diagram
                .node(&format!("n{i}"))
                .map_or(NodeKind::Other, |n| n.kind)
        })
        .collect()
}

/// Accuracy overall and per expected kind, printed with every miss.
fn report(name: &str, rows: &[Row], kinds: &[NodeKind]) -> f64 {
    let mut per_kind: BTreeMap<NodeKind, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (row, &kind) in rows.iter().zip(kinds) {
        let entry = per_kind.entry(row.kind).or_default();
        entry.1 += 1;
        if kind == row.kind {
            entry.0 += 1;
        } else {
            misses.push(format!(
                "  {:?} [{}]: want {}, got {}  ({})",
                row.label.replace('\n', "\\n"),
                row.shape,
                row.kind.id(),
                kind.id(),
                row.source
            ));
        }
    }
    let right = rows.len() - misses.len();
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let accuracy = right as f64 / rows.len() as f64;
    let sources: BTreeSet<&str> = rows
        .iter()
        .map(|r| r.source.split_whitespace().next().unwrap_or_default())
        .collect();
    println!(
        "{name}: {right}/{} = {:.1} % ({} sources)",
        rows.len(),
        accuracy * 100.0,
        sources.len()
    );
    for (kind, (ok, total)) in &per_kind {
        println!("  {:<14} {ok:>3}/{total:<3}", kind.id());
    }
    if !misses.is_empty() {
        println!("{name}: misses");
        for miss in &misses {
            println!("{miss}");
        }
    }
    accuracy
}

#[test]
fn real_diagram_nodes_are_read_as_a_senior_engineer_would() {
    if let Ok(other) = std::env::var("INFERENCE_CORPUS") {
        // A fresh labelled file (same format) measured before it joins the
        // corpus: the honest estimate for labels the rules never saw.
        let fresh = rows(&other);
        report(&other, &fresh, &inferred(&fresh, true));
        report(&other, &fresh, &inferred(&fresh, false));
    }
    let rows = rows("corpus.tsv");
    assert!(rows.len() >= 300, "the corpus has {} labels", rows.len());
    let as_imported = report("corpus, as imported", &rows, &inferred(&rows, true));
    let labels_only = report("corpus, labels only", &rows, &inferred(&rows, false));
    assert!(
        as_imported >= 0.95,
        "{:.1} % of diagram nodes read right; the bar is 95 %",
        as_imported * 100.0
    );
    // Without shapes and arrows many real nodes ("Orders", "catalogue")
    // name nothing at all, so this is a floor against regressions, not the
    // bar.
    assert!(
        labels_only >= 0.85,
        "{:.1} % of labels read right without shapes or arrows; it was 89 %",
        labels_only * 100.0
    );
}

#[test]
fn tricky_labels_are_read_right() {
    let rows = rows("tricky.tsv");
    let accuracy = report("tricky", &rows, &inferred(&rows, true));
    assert!(
        (accuracy - 1.0).abs() < f64::EPSILON,
        "every tricky label must be read right"
    );
}
