//! Mermaid import and export: the corpus under `tests/mermaid/` (counts,
//! kinds, rejections with `line:column`), labels and directions, round
//! trips of every reference and of random diagrams, and never panicking on
//! random text.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use archdrill::content::references::REFERENCES;
use archdrill::mermaid;
use archdrill::model::file::{LineCol, from_ron};
use archdrill::model::{
    Boundary, BoundaryId, Diagram, Edge, EdgeKind, LoadError, Node, NodeId, NodeKind, Point,
};
use proptest::prelude::*;

fn corpus(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/mermaid")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "corpus {} is nearly empty", dir.display());
    files
}

/// `key=value` pairs of the first `%% {tag}:` line.
fn directive(text: &str, tag: &str) -> Option<BTreeMap<String, usize>> {
    let prefix = format!("%% {tag}:");
    let line = text.lines().find_map(|l| l.trim().strip_prefix(&prefix))?;
    Some(
        line.split_whitespace()
            .map(|pair| {
                let (k, v) = pair.split_once('=').expect("key=value");
                (k.to_owned(), v.parse().expect("a count"))
            })
            .collect(),
    )
}

fn import(path: &Path) -> (String, Result<Diagram, LoadError>) {
    let text = std::fs::read_to_string(path).expect("readable");
    let result = mermaid::import(&text, &path.display().to_string());
    (text, result)
}

#[test]
fn valid_corpus_imports_with_the_expected_counts_and_kinds() {
    for path in corpus("valid") {
        let (text, result) = import(&path);
        let diagram = result.unwrap_or_else(|e| panic!("{e}"));
        let expect = directive(&text, "expect").expect("an `%% expect:` line");
        let name = path.display();
        assert_eq!(diagram.nodes.len(), expect["nodes"], "{name}: nodes");
        assert_eq!(diagram.edges.len(), expect["edges"], "{name}: edges");
        assert_eq!(diagram.boundaries.len(), expect["groups"], "{name}: groups");
        if let Some(kinds) = directive(&text, "kinds") {
            let found: BTreeMap<String, usize> = diagram
                .kind_counts()
                .into_iter()
                .map(|(k, n)| (k.to_owned(), n))
                .collect();
            assert_eq!(found, kinds, "{name}: node kinds");
        }
        if let Some(kinds) = directive(&text, "edge-kinds") {
            let mut found = BTreeMap::new();
            for edge in &diagram.edges {
                *found.entry(edge.kind.id().to_owned()).or_insert(0) += 1;
            }
            assert_eq!(found, kinds, "{name}: edge kinds");
        }
        // Laid out: no two nodes on the same spot.
        #[expect(clippy::cast_possible_truncation, reason = "small canvas coordinates")]
        let mut spots: Vec<(i64, i64)> = diagram
            .nodes
            .iter()
            .map(|n| (n.pos.x.round() as i64, n.pos.y.round() as i64))
            .collect();
        spots.sort_unstable();
        spots.dedup();
        assert_eq!(spots.len(), diagram.nodes.len(), "{name}: nodes overlap");
    }
}

#[test]
fn invalid_corpus_is_rejected_at_the_expected_line_and_column() {
    for path in corpus("invalid") {
        let (text, result) = import(&path);
        let name = path.display().to_string();
        let expected = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("%% error:"))
            .expect("an `%% error:` line")
            .trim()
            .to_owned();
        match result {
            Ok(d) => panic!("{name}: accepted ({} nodes)", d.nodes.len()),
            Err(LoadError::Syntax { path, at, message }) => {
                assert_eq!(path, name);
                assert_eq!(at.to_string(), expected, "{name}: {message}");
                assert!(message.len() > 10, "{name}: terse message {message:?}");
                assert!(
                    !message.contains(" at 1") && !message.contains('\n'),
                    "{message}"
                );
            }
            Err(other) => panic!("{name}: not a syntax error: {other}"),
        }
    }
}

fn ok(text: &str) -> Diagram {
    mermaid::import(text, "inline.mmd").unwrap_or_else(|e| panic!("{e}"))
}

fn label<'a>(d: &'a Diagram, id: &str) -> &'a str {
    d.node(id).map_or("<missing>", |n| n.label.as_str())
}

#[test]
fn labels_become_plain_text() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid/valid/labels.mmd");
    let (_, d) = import(&path);
    let d = d.expect("labels.mmd imports");
    assert_eq!(
        label(&d, "q"),
        "Quoted (with) [brackets] and: colons; semicolons"
    );
    assert_eq!(label(&d, "md"), "Bold service for order_db");
    assert_eq!(label(&d, "uni"), "Заказы 注文 サービス ünïcödé 🚀");
    assert_eq!(label(&d, "br"), "First line\nsecond line\nthird\nfourth");
    assert_eq!(label(&d, "ent"), "Say \"hi\" & <wave> #1");
    assert_eq!(label(&d, "html"), "Bold and italic text");
    assert_eq!(label(&d, "multi"), "Markdown\non two lines");
    assert_eq!(label(&d, "bare"), "bare");
    let edge_labels: Vec<&str> = d.edges.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        edge_labels,
        vec![
            "a quoted: edge label",
            "pipe | with bar",
            "plain pipe label",
            "dotted text"
        ]
    );
}

#[test]
fn front_matter_title_and_descriptions_are_kept() {
    let d = ok(
        "---\ntitle: Checkout path\n---\nflowchart LR\n  accDescr: How a checkout travels\n  a --> b\n",
    );
    assert_eq!(d.title, "Checkout path");
    assert_eq!(d.description, "How a checkout travels");
    let d = ok("flowchart LR\n  accTitle: Only an acc title\n  a --> b\n");
    assert_eq!(d.title, "Only an acc title");
}

#[test]
fn every_direction_lays_out_along_its_axis() {
    for (header, dx, dy) in [
        ("graph LR", 1.0, 0.0),
        ("graph >", 1.0, 0.0),
        ("graph RL", -1.0, 0.0),
        ("graph <", -1.0, 0.0),
        ("graph TB", 0.0, 1.0),
        ("graph TD", 0.0, 1.0),
        ("graph v", 0.0, 1.0),
        ("graph BT", 0.0, -1.0),
        ("graph ^", 0.0, -1.0),
        ("flowchart", 0.0, 1.0),
    ] {
        let d = ok(&format!("{header}\n  a --> b --> c\n"));
        let (a, c) = (d.node("a").expect("a").pos, d.node("c").expect("c").pos);
        let (mx, my) = (c.x - a.x, c.y - a.y);
        assert!(
            mx * dx + my * dy > 200.0 && (mx * dy - my * dx).abs() < 1.0,
            "{header}: a at {a:?}, c at {c:?}"
        );
    }
}

#[test]
fn nested_subgraphs_become_nested_boundaries() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid/valid/subgraphs.mmd");
    let d = import(&path).1.expect("subgraphs.mmd imports");
    let parent = |id: &str| {
        d.boundary(id)
            .and_then(|b| b.parent.as_ref())
            .map(BoundaryId::as_str)
    };
    assert_eq!(parent("platform"), None);
    assert_eq!(parent("orders"), Some("platform"));
    assert_eq!(parent("payments"), Some("platform"));
    assert_eq!(parent("ledger"), Some("payments"));
    assert_eq!(
        d.boundary("orders").map(|b| b.label.as_str()),
        Some("Orders: service + store")
    );
    let members: Vec<&str> = d
        .boundary("payments")
        .map(|b| b.nodes.iter().map(NodeId::as_str).collect())
        .unwrap_or_default();
    assert_eq!(members, vec!["psvc"]);
    let mut all: Vec<&str> = d
        .boundary_members("platform")
        .into_iter()
        .map(NodeId::as_str)
        .collect();
    all.sort_unstable();
    assert_eq!(all, vec!["ldb", "odb", "osvc", "psvc"]);
    // `gw --> orders` lands on the subgraph's first node.
    assert!(
        d.edges
            .iter()
            .any(|e| e.from.as_str() == "gw" && e.to.as_str() == "osvc")
    );
}

#[test]
fn kind_rules_follow_product_order() {
    let d = ok("flowchart LR
        a[Stripe API]
        b[API Gateway]
        c[User Service]
        d[Redis cache]
        e[Mobile app]
        f[(Redis queue)]
        g{{Orders}}
        h[(Primary)]:::cache
        i[Catalog]
        j[Kafka consumer]
        s[Order service] --> h
        s --> f
        s --> e
        j -.-> s
    ");
    let kinds: Vec<(&str, NodeKind)> = d.nodes.iter().map(|n| (n.id.as_str(), n.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            ("a", NodeKind::External),
            ("b", NodeKind::Gateway),
            ("c", NodeKind::Service),
            ("d", NodeKind::Cache),
            ("e", NodeKind::Client),
            // The role decides: a Redis queue is a bus, even in a cylinder.
            ("f", NodeKind::Bus),
            ("g", NodeKind::Bus),
            ("h", NodeKind::Cache),
            ("i", NodeKind::Other),
            // A Kafka consumer is a worker.
            ("j", NodeKind::Worker),
            ("s", NodeKind::Service),
        ]
    );
    let edge_kinds: Vec<EdgeKind> = d.edges.iter().map(|e| e.kind).collect();
    assert_eq!(
        edge_kinds,
        vec![
            EdgeKind::Data,
            EdgeKind::Sync,
            EdgeKind::Sync,
            EdgeKind::Async
        ]
    );
}

#[test]
fn error_messages_name_file_position_and_expectation() {
    let Err(err) = mermaid::import("flowchart LR\n  A --> B\n  end --> C\n", "k.mmd") else {
        panic!("accepted `end` as a node id")
    };
    let text = err.to_string();
    assert!(text.starts_with("k.mmd:3:3: "), "{text}");
    assert!(text.contains("expected"), "{text}");
    let Err(err) = mermaid::import("   \n\n", "blank.mmd") else {
        panic!("accepted an empty file")
    };
    assert!(
        err.to_string()
            .starts_with("blank.mmd:1:1: the file is empty"),
        "{err}"
    );
    let huge = format!("flowchart LR\n{}", "a --> b\n".repeat(200_000));
    let Err(err) = mermaid::import(&huge, "huge.mmd") else {
        panic!("accepted {} bytes", huge.len())
    };
    assert!(err.to_string().contains("at most"), "{err}");
}

#[test]
fn a_label_with_unquoted_brackets_is_placed_on_its_own_line() {
    let source = "flowchart LR\n  x[ok] --> y[(Orders DB)]\n  z{{Kafka}} --> w([Stadium])\n  a[Payment gateway (Stripe)]\n  b[NAT]\n  c[d]\n";
    let Err(err) = mermaid::import(source, "pe.mmd") else {
        panic!("accepted brackets inside a label")
    };
    let text = err.to_string();
    assert!(
        text.starts_with("pe.mmd:4:3: invalid text label"),
        "the line with the label, not the last line: {text}"
    );
    assert!(text.contains("double quotes"), "{text}");
}

#[test]
fn thousands_of_edges_import() {
    let mut text = String::from("flowchart LR\n");
    for i in 0..1500 {
        let _ = writeln!(text, "  n{i}[Service {i}] --> n{}", (i * 7 + 3) % 1500);
    }
    let d = ok(&text);
    assert_eq!(d.edges.len(), 1500);
    assert_eq!(d.nodes.len(), 1500);
}

/// What must survive export → import.
fn essence(d: &Diagram) -> (Vec<String>, Vec<String>, Vec<String>, String) {
    let mut nodes: Vec<String> = d
        .nodes
        .iter()
        .map(|n| format!("{} {:?} {}", n.id, n.label, n.kind))
        .collect();
    let mut edges: Vec<String> = d
        .edges
        .iter()
        .map(|e| format!("{} {}->{} {} {:?}", e.id, e.from, e.to, e.kind, e.label))
        .collect();
    let mut boundaries: Vec<String> = d
        .boundaries
        .iter()
        .map(|b| {
            let mut members: Vec<&str> = b.nodes.iter().map(NodeId::as_str).collect();
            members.sort_unstable();
            format!("{} {:?} {:?} {members:?}", b.id, b.label, b.parent)
        })
        .collect();
    nodes.sort();
    edges.sort();
    boundaries.sort();
    (nodes, edges, boundaries, d.title.clone())
}

#[test]
fn every_reference_round_trips_through_mermaid() {
    for reference in REFERENCES {
        let original = reference.load().expect("reference loads");
        let text = mermaid::export(&original);
        assert_eq!(
            text,
            mermaid::export(&original),
            "{}: not deterministic",
            reference.id
        );
        let back = mermaid::import(&text, &format!("{}.mmd", reference.id))
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", reference.id));
        assert_eq!(
            essence(&back),
            essence(&original),
            "{}:\n{text}",
            reference.id
        );
        assert_eq!(back.description, original.description, "{}", reference.id);
        // The checker sees the same drawing.
        let report = archdrill::check::check(&back, &original, reference.id);
        assert!(
            !report.has_errors(),
            "{}: {:?}",
            reference.id,
            report.findings
        );
    }
}

fn nasty_diagram() -> Diagram {
    let mut d = Diagram {
        title: "Tricky: \"quotes\", <tags> & #hash".to_owned(),
        description: "Uses {braces}, colons: and; semicolons <b>not bold</b> & #quot;".to_owned(),
        ..Diagram::default()
    };
    let labels = [
        ("end", "<script>alert(\"x\")</script>", NodeKind::Service),
        ("a/b", "Q&A #1 `tick` 'single' | pipe", NodeKind::Gateway),
        ("-lead", "Line one\nLine two", NodeKind::Cache),
        (
            "ok_id",
            "#lt; literally &amp; %% not a comment",
            NodeKind::Storage,
        ),
        (
            "ünï",
            "Заказы; {braces} [brackets] (parens)",
            NodeKind::Outbox,
        ),
        ("x", "*not* _markdown_ **either**", NodeKind::Search),
        ("q", "\"\"", NodeKind::Client),
        ("d", "%%{init: {}}%% 100%", NodeKind::Other),
    ];
    for (i, (id, label, kind)) in labels.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few nodes")]
        let pos = Point::new(i as f32 * 200.0, 0.0);
        d.nodes.push(Node::new(id, label, *kind, pos));
    }
    for (i, kind) in EdgeKind::ALL.iter().enumerate() {
        let mut edge = Edge::new(&format!("e{i}"), "end", labels[i + 1].0, *kind);
        edge.label = format!("{} \"edge\" <b>{i}</b> & |", kind.id());
        d.edges.push(edge);
    }
    d.edges.push(Edge::new("x", "x", "x", EdgeKind::Sync));
    d.boundaries.push(Boundary {
        id: BoundaryId::from("end"),
        label: "Outer \"boundary\" <i>".to_owned(),
        parent: None,
        nodes: vec![NodeId::from("a/b")],
    });
    d.boundaries.push(Boundary {
        id: BoundaryId::from("inner"),
        label: "Inner".to_owned(),
        parent: Some(BoundaryId::from("end")),
        nodes: vec![NodeId::from("x")],
    });
    d
}

#[test]
fn labels_with_syntax_and_ids_mermaid_rejects_survive_export() {
    let original = nasty_diagram();
    let text = mermaid::export(&original);
    let back = mermaid::import(&text, "nasty.mmd").unwrap_or_else(|e| panic!("{e}\n{text}"));
    // Labels, kinds and the title come back exactly; ids Mermaid cannot
    // take are rewritten, consistently.
    let labels = |d: &Diagram| {
        let mut v: Vec<(String, NodeKind)> =
            d.nodes.iter().map(|n| (n.label.clone(), n.kind)).collect();
        v.sort();
        v
    };
    assert_eq!(labels(&back), labels(&original), "{text}");
    assert_eq!(back.title, original.title);
    assert_eq!(back.description, original.description, "{text}");
    let edge_labels = |d: &Diagram| {
        let mut v: Vec<(String, EdgeKind)> =
            d.edges.iter().map(|e| (e.label.clone(), e.kind)).collect();
        v.sort();
        v
    };
    assert_eq!(edge_labels(&back), edge_labels(&original), "{text}");
    assert_eq!(back.boundaries.len(), 2);
    assert_eq!(back.boundaries[0].label, "Outer \"boundary\" <i>");
    assert!(back.node("ok_id").is_some() && back.node("x").is_some());
    assert!(!text.contains("<script>"), "{text}");
}

#[test]
fn export_shapes_and_styles_read_well_in_mermaid() {
    let reference = archdrill::content::references::find("five-tier").expect("five-tier");
    let text = mermaid::export(&reference.load().expect("loads"));
    assert!(text.starts_with("---\ntitle: \"Five-tier"), "{text}");
    assert!(text.contains("\nflowchart LR\n"));
    assert!(text.contains("gateway[[\"API Gateway\"]]"), "{text}");
    assert!(text.contains("redis[(\"Redis cache\")]"), "{text}");
    assert!(
        text.contains("classDef cache fill:#fde8e6,stroke:#c83a2e"),
        "{text}"
    );
    assert!(text.contains("subgraph "), "{text}");
    assert!(
        text.contains(" gateway-order@-->|\"POST /orders\"| order"),
        "{text}"
    );
    assert!(text.contains("linkStyle "), "{text}");
}

fn arb_label() -> impl Strategy<Value = String> {
    // Words of printable characters, Mermaid syntax included, separated by
    // single spaces or line breaks.
    (
        proptest::collection::vec(
            "[a-zA-Z0-9Жж漢🚀<>&\"'#;:|%`*_(){}\\[\\]/\\\\=.,!?@$^~+-]{1,8}",
            1..4,
        ),
        proptest::collection::vec(prop_oneof![Just(" "), Just("\n")], 3),
    )
        .prop_map(|(words, seps)| {
            let mut label = String::new();
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    label.push_str(seps[i - 1]);
                }
                label.push_str(word);
            }
            label
        })
}

fn arb_diagram() -> impl Strategy<Value = Diagram> {
    (
        proptest::collection::vec((arb_label(), 0usize..NodeKind::ALL.len()), 1..8),
        proptest::collection::vec(
            (
                0usize..8,
                0usize..8,
                0usize..4,
                proptest::option::of(arb_label()),
            ),
            0..10,
        ),
        proptest::option::of(arb_label()),
        proptest::option::of(arb_label()),
        proptest::option::of(arb_label()),
    )
        .prop_map(|(nodes, edges, boundary, title, description)| {
            let mut d = Diagram {
                title: title.unwrap_or_default().replace('\n', " "),
                description: description.unwrap_or_default().replace('\n', " "),
                ..Diagram::default()
            };
            for (i, (label, kind)) in nodes.iter().enumerate() {
                d.nodes.push(Node::new(
                    &format!("n{i}"),
                    label,
                    NodeKind::ALL[*kind],
                    Point::default(),
                ));
            }
            let n = d.nodes.len();
            for (i, (a, b, kind, label)) in edges.into_iter().enumerate() {
                let mut e = Edge::new(
                    &format!("e{i}"),
                    &format!("n{}", a % n),
                    &format!("n{}", b % n),
                    EdgeKind::ALL[kind],
                );
                e.label = label.unwrap_or_default();
                d.edges.push(e);
            }
            if let Some(label) = boundary {
                d.boundaries.push(Boundary {
                    id: BoundaryId::from("g"),
                    label,
                    parent: None,
                    nodes: vec![NodeId::from("n0")],
                });
            }
            d
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_diagrams_round_trip_through_mermaid(d in arb_diagram()) {
        let text = mermaid::export(&d);
        let back = mermaid::import(&text, "random.mmd");
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err().map(|e| e.to_string()), text);
        let back = back.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(essence(&back), essence(&d), "{}", text);
        prop_assert_eq!(back.description, d.description, "{}", text);
    }
}

fn arb_mermaidish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("flowchart LR\n"),
        Just("graph TD\n"),
        Just("subgraph "),
        Just("end\n"),
        Just(" --> "),
        Just(" -.-> "),
        Just(" ==> "),
        Just(" --- "),
        Just("<-->"),
        Just(" & "),
        Just("-->|"),
        Just("|"),
        Just("["),
        Just("]"),
        Just("(("),
        Just("))"),
        Just("[("),
        Just(")]"),
        Just("{{"),
        Just("}}"),
        Just("\""),
        Just("`"),
        Just("@{ shape: cyl }"),
        Just(":::"),
        Just("classDef x fill:#f00\n"),
        Just("class a x\n"),
        Just("%% c\n"),
        Just("%%{init: {}}%%\n"),
        Just("---\n"),
        Just("title: t\n"),
        Just("direction LR\n"),
        Just("a"),
        Just("b"),
        Just("end"),
        Just("e1@"),
        Just("#quot;"),
        Just("&lt;"),
        Just("<br>"),
        Just("\n"),
        Just(";"),
        Just("style a fill:#fff\n"),
        Just("linkStyle 0 stroke:red\n"),
        Just("click a \"x\"\n"),
        Just("ж"),
        Just("🚀"),
    ];
    proptest::collection::vec(token, 0..40).prop_map(|tokens| tokens.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mermaid_import_never_panics_on_mermaidish_text(text in arb_mermaidish()) {
        if let Err(LoadError::Syntax { at: LineCol { line, col }, .. }) = mermaid::import(&text, "f.mmd") {
            prop_assert!(line >= 1 && col >= 1);
            prop_assert!(line <= text.lines().count().max(1) + 1);
        }
    }

    #[test]
    fn mermaid_import_never_panics_on_random_text(text in "\\PC{0,200}") {
        let _ = mermaid::import(&text, "r.mmd");
        let _ = mermaid::import(&format!("flowchart LR\n{text}"), "r.mmd");
    }

    #[test]
    fn ron_loader_never_panics_on_random_text(text in "\\PC{0,200}") {
        let _ = from_ron(&text, "r.ron");
        let _ = from_ron(&format!("(version: 1, nodes: [{text}])"), "r.ron");
    }
}

#[test]
fn ids_with_slashes_and_leading_dashes_keep_their_names() {
    let d = ok("flowchart LR
        back/src --> -db[(Orders)]
        api/v1[\"Gateway /v1\"] -->|GET a/b| back/src
        subgraph jobs/x [Jobs]
            -w[Worker]
        end
        back/src -.-> -w
        class back/src service
    ");
    let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["back/src", "-db", "api/v1", "-w"]);
    // A node without a label is labelled with its original id.
    assert_eq!(label(&d, "back/src"), "back/src");
    assert_eq!(label(&d, "api/v1"), "Gateway /v1");
    let ends: Vec<(&str, &str, &str)> = d
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str(), e.label.as_str()))
        .collect();
    assert_eq!(
        ends,
        [
            ("back/src", "-db", ""),
            ("api/v1", "back/src", "GET a/b"),
            ("back/src", "-w", "")
        ]
    );
    assert_eq!(d.boundaries[0].id.as_str(), "jobs/x");
    assert_eq!(d.boundaries[0].nodes, [NodeId::from("-w")]);
    assert_eq!(d.node("back/src").map(|n| n.kind), Some(NodeKind::Service));
}

#[test]
fn errors_after_rewritten_ids_point_at_the_users_text() {
    let at = |text: &str| match mermaid::import(text, "x.mmd") {
        Err(LoadError::Syntax { at, .. }) => at,
        other => panic!("not a syntax error: {other:?}"),
    };
    // The same mistake with and without rewritten ids on its line: the
    // column moves by exactly the characters the ids add.
    let plain = at("flowchart LR\n  ab --> cd\n  ef --> gh[unclosed --> x\n");
    let slashed = at("flowchart LR\n  a/b --> c/d\n  e/f --> -gh[unclosed --> x\n");
    assert_eq!(plain.line, 3);
    assert_eq!(slashed.line, 3);
    assert_eq!(slashed.col, plain.col + 2, "{plain} vs {slashed}");
}

#[test]
fn imported_slashed_ids_export_to_text_that_imports_again() {
    let first = ok("flowchart LR
        back/src[Order service] --> -db[(Orders DB)]
        back/src -.-> q/events{{Kafka}}
    ");
    let text = mermaid::export(&first);
    let again = mermaid::import(&text, "again.mmd").unwrap_or_else(|e| panic!("{e}\n{text}"));
    let shape = |d: &Diagram| {
        let mut v: Vec<(String, NodeKind)> =
            d.nodes.iter().map(|n| (n.label.clone(), n.kind)).collect();
        v.sort();
        v
    };
    assert_eq!(shape(&again), shape(&first), "{text}");
    assert_eq!(again.edges.len(), 2);
    let kinds: Vec<EdgeKind> = again.edges.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EdgeKind::Data, EdgeKind::Async]);
}

fn arb_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_.>&:/@|éß中²٣o x-]{1,6}".prop_map(|s| s.replace(' ', "-")),
        Just("end".to_owned()),
        Just("subgraph".to_owned()),
        Just("a--b".to_owned()),
        Just("--o".to_owned()),
        Just("x--x".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any ids the model accepts: the export imports again with the same
    /// boxes (labels), arrows and kinds, ids rewritten where Mermaid needs.
    #[test]
    fn every_id_survives_an_export(
        ids in proptest::collection::vec(arb_id(), 1..10),
        edges in proptest::collection::vec((0usize..10, 0usize..10, 0usize..4), 0..12),
    ) {
        let mut unique: Vec<String> = Vec::new();
        for id in ids {
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        let mut d = Diagram::default();
        for (i, id) in unique.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "a few test nodes")]
            let pos = Point::new(i as f32 * 200.0, 0.0);
            d.nodes.push(Node::new(id, &format!("Box {i} of {id}"), NodeKind::Service, pos));
        }
        for (k, &(a, b, kind)) in edges.iter().enumerate() {
            let (a, b) = (&unique[a % unique.len()], &unique[b % unique.len()]);
            d.edges.push(Edge::new(&format!("{a}--{k}"), a, b, EdgeKind::ALL[kind]));
        }
        let text = mermaid::export(&d);
        let back = mermaid::import(&text, "ids.mmd");
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err().map(|e| e.to_string()), text);
        let back = back.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let label = |d: &Diagram, id: &str| d.node(id).map(|n| n.label.clone()).unwrap_or_default();
        let arrows = |d: &Diagram| {
            let mut list: Vec<(String, String, EdgeKind)> = d
                .edges
                .iter()
                .map(|e| (label(d, e.from.as_str()), label(d, e.to.as_str()), e.kind))
                .collect();
            list.sort_by(|x, y| (&x.0, &x.1, x.2.id()).cmp(&(&y.0, &y.1, y.2.id())));
            list
        };
        let mut labels: Vec<String> = back.nodes.iter().map(|n| n.label.clone()).collect();
        let mut wanted: Vec<String> = d.nodes.iter().map(|n| n.label.clone()).collect();
        labels.sort();
        wanted.sort();
        prop_assert_eq!(labels, wanted, "{}", text);
        prop_assert_eq!(arrows(&back), arrows(&d), "{}", text);
    }
}
