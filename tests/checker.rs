//! The checker (PRODUCT.md "Finding codes"): references pass against
//! themselves, hand-made drawings in `tests/drawings/` give exactly the
//! expected codes and exit status through the real binary, renaming does not
//! change the verdict, removing a required kind gives exactly its
//! `missing-<kind>` error, and random diagrams never panic the checker.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

mod common;

use common::{archdrill, stderr};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use archdrill::check::{Report, Severity, check};
use archdrill::content::references::{self, REFERENCES};
use archdrill::model::{
    Boundary, CheckSpec, Diagram, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind, Point, Role, file,
};
use proptest::prelude::*;

// ---------------------------------------------------------------- helpers

fn drawings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drawings")
}

fn drawing(name: &str) -> Diagram {
    let path = drawings_dir().join(name);
    file::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn reference(id: &str) -> Diagram {
    references::find(id)
        .unwrap_or_else(|| panic!("no reference {id}"))
        .load()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A reference as a user would draw it: no walkthrough, no check section.
fn as_drawing(reference: &Diagram) -> Diagram {
    Diagram {
        walkthrough: Vec::new(),
        check: None,
        ..reference.clone()
    }
}

fn codes(report: &Report, severity: Severity) -> BTreeSet<&str> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == severity)
        .map(|f| f.code.as_ref())
        .collect()
}

fn set<'a>(items: &[&'a str]) -> BTreeSet<&'a str> {
    items.iter().copied().collect()
}

/// Runs `check FILE --against REF --json`, checks the exit code and the JSON
/// shape, and returns the parsed object.
fn check_cli(file: &str, against: &str, exit: i32) -> serde_json::Value {
    let path = drawings_dir().join(file);
    let out = archdrill(&[
        "check",
        path.to_str().expect("utf-8 path"),
        "--against",
        against,
        "--json",
    ]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(exit),
        "{file} vs {against}: stdout {text}\nstderr {}",
        stderr(&out)
    );
    let json: serde_json::Value = serde_json::from_str(&text).expect("check --json prints JSON");
    assert_json_shape(&json, against);
    json
}

/// `{"reference","score","findings":[{"code","severity","message","nodes","edges","points"}]}`
/// and nothing else; findings errors first; the score is 100 minus the
/// findings' points.
fn assert_json_shape(json: &serde_json::Value, against: &str) {
    let object = json.as_object().expect("an object");
    let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
    assert_eq!(keys, set(&["findings", "reference", "score"]), "{json}");
    assert_eq!(json["reference"], against);
    let score = json["score"].as_u64().expect("integer score");
    assert!(score <= 100, "score {score}");
    let lost: u64 = json["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| f["points"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(score, 100u64.saturating_sub(lost), "{json}");
    let mut last_rank = 0;
    for finding in json["findings"].as_array().expect("findings array") {
        let keys: BTreeSet<&str> = finding
            .as_object()
            .expect("finding object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            set(&["code", "edges", "message", "nodes", "points", "severity"]),
            "{finding}"
        );
        assert!(finding["points"].is_u64(), "{finding}");
        assert!(
            finding["edges"]
                .as_array()
                .expect("edges array")
                .iter()
                .all(serde_json::Value::is_string)
        );
        let code = finding["code"].as_str().expect("code string");
        assert!(
            !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{code}"
        );
        assert!(
            !finding["message"]
                .as_str()
                .expect("message string")
                .trim()
                .is_empty()
        );
        assert!(
            finding["nodes"]
                .as_array()
                .expect("nodes array")
                .iter()
                .all(serde_json::Value::is_string)
        );
        let rank = match finding["severity"].as_str().expect("severity string") {
            "error" => 0,
            "warning" => 1,
            "info" => 2,
            other => panic!("unknown severity {other}"),
        };
        assert!(
            rank >= last_rank,
            "findings not sorted errors first: {json}"
        );
        last_rank = rank;
    }
}

fn json_codes<'a>(json: &'a serde_json::Value, severity: &str) -> BTreeSet<&'a str> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == severity)
        .filter_map(|f| f["code"].as_str())
        .collect()
}

fn json_finding<'a>(json: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {json}"))
}

fn json_nodes(finding: &serde_json::Value) -> Vec<&str> {
    finding["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect()
}

// ------------------------------------------------- references vs themselves

#[test]
fn every_reference_checked_against_itself_has_no_errors_and_scores_100() {
    for r in REFERENCES {
        let reference = r.load().unwrap_or_else(|e| panic!("{e}"));
        let report = check(&as_drawing(&reference), &reference, r.id);
        assert_eq!(report.reference, r.id);
        assert_eq!(
            codes(&report, Severity::Error),
            BTreeSet::new(),
            "{}: {:#?}",
            r.id,
            report.findings
        );
        assert_eq!(report.score, 100, "{}: {:#?}", r.id, report.findings);
        assert!(
            report.findings.iter().all(|f| f.points == 0),
            "{}: {:#?}",
            r.id,
            report.findings
        );
        // Every reference node is matched to itself.
        for node in &reference.nodes {
            assert_eq!(
                report.matched_drawn(node.id.as_str()),
                Some(node.id.as_str()),
                "{}",
                r.id
            );
        }
        assert!(report.ghosts.is_empty(), "{}", r.id);
    }
}

#[test]
fn references_checked_against_themselves_through_the_binary_exit_0() {
    for id in ["five-tier", "saga", "checkout-request"] {
        let out = archdrill(&["check", id, "--against", id, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{id}: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_json_shape(&json, id);
        assert_eq!(json["score"], 100);
        assert_eq!(json["findings"], serde_json::json!([]));
    }
}

// ------------------------------------------- hand-made drawings, by binary

/// Every drawing in `tests/drawings/` with its reference, exit code, and
/// exact error and warning codes.
struct Case {
    file: &'static str,
    against: &'static str,
    exit: i32,
    errors: &'static [&'static str],
    warnings: &'static [&'static str],
}

impl Case {
    const fn new(
        file: &'static str,
        against: &'static str,
        exit: i32,
        errors: &'static [&'static str],
        warnings: &'static [&'static str],
    ) -> Self {
        Self {
            file,
            against,
            exit,
            errors,
            warnings,
        }
    }
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    Case::new("good-five-tier.ron",                     "five-tier", 0, &[],                       &[]),
    Case::new("good-saga.ron",                          "saga",      0, &[],                       &[]),
    Case::new("missing-client.ron",                     "five-tier", 1, &["missing-client"],       &["missing-boundary"]),
    Case::new("missing-edge.ron",                       "five-tier", 1, &["missing-edge"],         &["missing-boundary"]),
    Case::new("missing-gateway.ron",                    "five-tier", 1, &["missing-gateway"],      &["missing-boundary"]),
    Case::new("missing-service.ron",                    "five-tier", 1, &["missing-service"],      &[]),
    Case::new("missing-cache.ron",                      "five-tier", 1, &["missing-cache"],        &["missing-boundary"]),
    Case::new("missing-database.ron",                   "five-tier", 1, &["missing-database"],     &[]),
    Case::new("missing-bus.ron",                        "five-tier", 1, &["missing-bus"],          &["missing-worker"]),
    Case::new("gateway-bypassed.ron",                   "five-tier", 1, &["gateway-bypassed"],     &["missing-boundary"]),
    Case::new("client-to-data.ron",                     "five-tier", 1, &["client-to-data"],       &["missing-boundary"]),
    Case::new("shared-database.ron",                    "five-tier", 1, &["shared-database"],      &["missing-boundary"]),
    Case::new("sync-chain.ron",                         "five-tier", 0, &[],                       &["sync-chain"]),
    Case::new("saga-missing-service.ron",               "saga",      1, &["missing-service"],      &["missing-database"]),
    Case::new("saga-missing-payment.ron",               "saga",      1, &["missing-service"],      &["missing-boundary", "unconsumed-event"]),
    Case::new("saga-missing-bus.ron",                   "saga",      1, &["missing-bus"],          &["missing-boundary"]),
    Case::new("sync-saga-call.ron",                     "saga",      1, &["sync-saga-call"],       &["missing-boundary"]),
    Case::new("missing-compensation.ron",               "saga",      1, &["missing-compensation"], &["missing-boundary"]),
    Case::new("missing-compensation-failure-only.ron",  "saga",      1, &["missing-compensation"], &["missing-boundary"]),
    Case::new("missing-compensation-unconsumed.ron",    "saga",      1, &["missing-compensation"], &["missing-boundary"]),
    Case::new("saga-missing-payment-extra-service.ron", "saga",      1, &["missing-service"],      &["missing-boundary"]),
    Case::new("compensation-labelled-by-action.ron",    "saga",      0, &[],                       &["missing-boundary"]),
    Case::new("compensation-labelled-on-event.ron",     "saga",      0, &[],                       &["missing-boundary"]),
    Case::new("eleven-boxes.ron",                       "five-tier", 0, &[],                       &[]),
    Case::new("missing-connection.ron",                 "five-tier", 0, &[],                       &["missing-connection"]),
    Case::new("wrong-edge-kind.ron",                    "five-tier", 0, &[],                       &["wrong-edge-kind"]),
    Case::new("missing-boundary.ron",                   "five-tier", 0, &[],                       &["missing-boundary"]),
    Case::new("unconsumed-event.ron",                   "five-tier", 0, &[],                       &["unconsumed-event"]),
    Case::new("unowned-store.ron",                      "five-tier", 0, &[],                       &["unowned-store"]),
    Case::new("no-arrows.ron",                          "five-tier", 0, &[],                       &["broken-path", "missing-boundary", "missing-connection", "unowned-store", "unwired-drawing"]),
];

fn run_case(case: &Case) -> serde_json::Value {
    let json = check_cli(case.file, case.against, case.exit);
    assert_eq!(
        json_codes(&json, "error"),
        set(case.errors),
        "{}: {json:#}",
        case.file
    );
    assert_eq!(
        json_codes(&json, "warning"),
        set(case.warnings),
        "{}: {json:#}",
        case.file
    );
    // The library gives the same verdict as the binary.
    let report = check(&drawing(case.file), &reference(case.against), case.against);
    assert_eq!(
        serde_json::to_value(&report).expect("serialises"),
        json,
        "{}",
        case.file
    );
    json
}

fn case_for(file: &str) -> &'static Case {
    CASES
        .iter()
        .find(|c| c.file == file)
        .unwrap_or_else(|| panic!("no case for {file}"))
}

#[test]
fn every_drawing_has_exactly_one_case() {
    let mut on_disk: Vec<String> = std::fs::read_dir(drawings_dir())
        .expect("tests/drawings exists")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.file.to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn hand_made_drawings_are_drawings_not_references() {
    for c in CASES {
        let d = drawing(c.file);
        assert!(d.walkthrough.is_empty() && d.check.is_none(), "{}", c.file);
        // Names differ from the references': no drawn id or label is copied.
        let r = reference(c.against);
        for node in &d.nodes {
            assert!(
                r.node(node.id.as_str())
                    .is_none_or(|n| n.label != node.label),
                "{}: {}",
                c.file,
                node.id
            );
            assert!(
                r.nodes.iter().all(|n| n.label != node.label),
                "{}: {}",
                c.file,
                node.label
            );
        }
    }
}

/// The issue's eleven-box five-tier (client, CDN, gateway, three services,
/// two databases, Redis, Kafka, a worker, one boundary): score, findings and
/// ghosts tell one story — nothing costs points, and the seven reference
/// parts it leaves out are notes, each with its ghost.
#[test]
fn eleven_boxes_get_a_consistent_verdict() {
    let json = run_case(case_for("eleven-boxes.ron"));
    assert_eq!(json["score"], 100, "{json:#}");
    let report = check(
        &drawing("eleven-boxes.ron"),
        &reference("five-tier"),
        "five-tier",
    );
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.severity == Severity::Info && f.points == 0)
    );
    let parts: BTreeSet<&str> = report
        .with_code("missing-part")
        .flat_map(|f| f.nodes.iter().map(String::as_str))
        .collect();
    assert_eq!(
        parts,
        set(&[
            "analytics",
            "cart",
            "catalog",
            "inventory",
            "shipping",
            "stripe",
            "web"
        ])
    );
    let ghosts: BTreeSet<&str> = report
        .ghosts
        .iter()
        .map(|g| g.reference_node.as_str())
        .collect();
    assert_eq!(ghosts, parts);
    // Every required part is matched to what was drawn.
    for (role, drawn) in [
        ("gateway", "gw"),
        ("cdn", "fastly"),
        ("order", "orders"),
        ("orders_db", "orders_db"),
        ("payment", "payments"),
        ("kafka", "kafka"),
        ("redis", "redis"),
    ] {
        assert_eq!(report.matched_drawn(role), Some(drawn), "{role}");
    }
}

#[test]
fn wrong_arrow_kinds_are_named_by_their_edges() {
    let json = run_case(case_for("wrong-edge-kind.ron"));
    let mut wrong: Vec<(Vec<&str>, Vec<&str>, u64)> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "wrong-edge-kind")
        .map(|f| {
            let edges = f["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .filter_map(serde_json::Value::as_str)
                .collect();
            (json_nodes(f), edges, f["points"].as_u64().expect("points"))
        })
        .collect();
    wrong.sort();
    assert_eq!(
        wrong,
        [
            (vec!["orders", "kafka"], vec!["orders-kafka"], 4),
            (vec!["users", "redis"], vec!["users-redis"], 4),
        ]
    );
    assert_eq!(json["score"], 92);
}

#[test]
fn a_missing_connection_names_both_ends() {
    let json = run_case(case_for("missing-connection.ron"));
    let f = json_finding(&json, "missing-connection");
    assert_eq!(json_nodes(f), ["orders", "kafka"]);
    assert_eq!(f["points"], 4);
    assert_eq!(json["score"], 96);
}

#[test]
fn a_service_and_its_store_outside_any_boundary() {
    let json = run_case(case_for("missing-boundary.ron"));
    assert_eq!(
        json_nodes(json_finding(&json, "missing-boundary")),
        ["orders", "orders_db"]
    );
    // Drawn inside a boundary nested in another, the pair is together.
    let mut nested = drawing("eleven-boxes.ron");
    nested.boundaries = vec![
        Boundary {
            id: "outer".into(),
            label: "Commerce".into(),
            parent: None,
            nodes: vec!["orders".into()],
        },
        Boundary {
            id: "inner".into(),
            label: "Order data".into(),
            parent: Some("outer".into()),
            nodes: vec!["orders_db".into()],
        },
    ];
    let report = check(&nested, &reference("five-tier"), "five-tier");
    assert_eq!(
        report.with_code("missing-boundary").count(),
        0,
        "{:#?}",
        report.findings
    );
}

#[test]
fn an_event_nobody_consumes_names_its_publish() {
    let json = run_case(case_for("unconsumed-event.ron"));
    let f = json_finding(&json, "unconsumed-event");
    assert_eq!(json_nodes(f), ["payments", "kafka"]);
    assert_eq!(f["edges"], serde_json::json!(["payments-failed"]));
    assert!(
        f["message"]
            .as_str()
            .expect("message")
            .starts_with("PaymentFailed"),
        "{f}"
    );
}

#[test]
fn a_store_nobody_owns() {
    let json = run_case(case_for("unowned-store.ron"));
    assert_eq!(
        json_nodes(json_finding(&json, "unowned-store")),
        ["reports_db"]
    );
    // It is not also reported as merely unconnected.
    assert!(
        json_codes(&json, "info")
            .iter()
            .all(|c| *c != "unconnected-node")
    );
}

#[test]
fn good_five_tier_drawing_passes() {
    let json = run_case(case_for("good-five-tier.ron"));
    assert!(json["score"].as_u64().expect("score") >= 70, "{json}");
}

#[test]
fn good_saga_drawing_passes_and_matches_every_role() {
    let json = run_case(case_for("good-saga.ron"));
    assert!(json["score"].as_u64().expect("score") >= 70, "{json}");
    let report = check(&drawing("good-saga.ron"), &reference("saga"), "saga");
    for (role, drawn) in [
        ("order", "checkout"),
        ("inventory", "stock"),
        ("payment", "billing"),
        ("shipping", "deliveries"),
        ("bus", "rabbit"),
    ] {
        assert_eq!(report.matched_drawn(role), Some(drawn), "role {role}");
    }
}

#[test]
fn missing_client() {
    let json = run_case(case_for("missing-client.ron"));
    assert_eq!(
        json_nodes(json_finding(&json, "missing-client")),
        ["mobile", "web"]
    );
}

#[test]
fn missing_edge() {
    let json = run_case(case_for("missing-edge.ron"));
    assert_eq!(json_nodes(json_finding(&json, "missing-edge")), ["cdn"]);
}

#[test]
fn missing_gateway() {
    let json = run_case(case_for("missing-gateway.ron"));
    assert_eq!(
        json_nodes(json_finding(&json, "missing-gateway")),
        ["gateway"]
    );
}

#[test]
fn missing_service_in_five_tier() {
    run_case(case_for("missing-service.ron"));
}

#[test]
fn missing_cache() {
    let json = run_case(case_for("missing-cache.ron"));
    assert_eq!(json_nodes(json_finding(&json, "missing-cache")), ["redis"]);
}

#[test]
fn missing_database() {
    run_case(case_for("missing-database.ron"));
}

#[test]
fn missing_bus_in_five_tier() {
    let json = run_case(case_for("missing-bus.ron"));
    assert_eq!(json_nodes(json_finding(&json, "missing-bus")), ["kafka"]);
}

#[test]
fn gateway_bypassed_names_the_path() {
    let json = run_case(case_for("gateway-bypassed.ron"));
    let nodes = json_nodes(json_finding(&json, "gateway-bypassed"));
    assert_eq!(nodes.last(), Some(&"stock"), "{nodes:?}");
    assert!(nodes.contains(&"akamai"), "{nodes:?}");
    assert!(!nodes.contains(&"kong"), "{nodes:?}");
    // `edges` names the arrows of that path (PRODUCT.md: `edges` names them).
    assert_eq!(
        json_finding(&json, "gateway-bypassed")["edges"],
        serde_json::json!(["e5"]),
        "{json:#}"
    );
}

#[test]
fn client_to_data_names_both_ends() {
    let json = run_case(case_for("client-to-data.ron"));
    assert_eq!(
        json_nodes(json_finding(&json, "client-to-data")),
        ["spa", "pg_orders"]
    );
    // The offending arrow is named too.
    assert_eq!(
        json_finding(&json, "client-to-data")["edges"],
        serde_json::json!(["e6"]),
        "{json:#}"
    );
}

#[test]
fn shared_database_names_the_store_and_its_writers() {
    let json = run_case(case_for("shared-database.ron"));
    assert_eq!(
        json_nodes(json_finding(&json, "shared-database")),
        ["pg_orders", "billing", "checkout"]
    );
}

#[test]
fn sync_chain_is_a_warning_and_exit_0() {
    let json = run_case(case_for("sync-chain.ron"));
    let finding = json_finding(&json, "sync-chain");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        json_nodes(finding),
        ["billing", "checkout", "deliveries", "stock"]
    );
}

#[test]
fn saga_without_services() {
    let json = run_case(case_for("saga-missing-service.ron"));
    assert_eq!(
        json_nodes(json_finding(&json, "missing-service")),
        ["order", "inventory", "payment", "shipping"]
    );
}

#[test]
fn saga_missing_the_payment_role_names_it() {
    let json = run_case(case_for("saga-missing-payment.ron"));
    let errors: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{json:#}");
    assert_eq!(json_nodes(errors[0]), ["payment"]);
    // The role's ghost is the payment service, and nothing else is ghosted
    // but the reference's optional parts.
    let report = check(
        &drawing("saga-missing-payment.ron"),
        &reference("saga"),
        "saga",
    );
    let ghosts: BTreeSet<&str> = report
        .ghosts
        .iter()
        .map(|g| g.reference_node.as_str())
        .collect();
    assert!(ghosts.contains("payment"), "{ghosts:?}");
    for g in &ghosts {
        assert!(
            *g == "payment" || report.with_code("missing-part").any(|f| f.nodes == [*g]),
            "{g}"
        );
    }
    assert!(
        errors[0]["message"]
            .as_str()
            .expect("message")
            .contains("Payment service"),
        "{json}"
    );
}

#[test]
fn saga_without_a_bus() {
    let json = run_case(case_for("saga-missing-bus.ron"));
    assert_eq!(json_nodes(json_finding(&json, "missing-bus")), ["bus"]);
}

#[test]
fn sync_saga_call_names_caller_and_callee() {
    let json = run_case(case_for("sync-saga-call.ron"));
    assert_eq!(
        json_nodes(json_finding(&json, "sync-saga-call")),
        ["checkout", "billing"]
    );
}

#[test]
fn saga_with_only_the_happy_path_lacks_compensation() {
    run_case(case_for("missing-compensation.ron"));
}

#[test]
fn saga_with_a_failure_event_but_no_compensation() {
    let json = run_case(case_for("missing-compensation-failure-only.ron"));
    let nodes = json_nodes(json_finding(&json, "missing-compensation"));
    assert!(nodes.contains(&"billing"), "{nodes:?}");
}

#[test]
fn saga_missing_payment_with_an_unrelated_extra_service() {
    let json = run_case(case_for("saga-missing-payment-extra-service.ron"));
    assert_eq!(
        json_nodes(json_finding(&json, "missing-service")),
        ["payment"]
    );
}

#[test]
fn saga_whose_failure_event_nobody_consumes_lacks_compensation() {
    run_case(case_for("missing-compensation-unconsumed.ron"));
}

#[test]
fn compensation_arrows_off_the_bus_may_name_the_action() {
    run_case(case_for("compensation-labelled-by-action.ron"));
}

#[test]
fn compensation_arrows_off_the_bus_may_name_the_event_anywhere() {
    run_case(case_for("compensation-labelled-on-event.ron"));
}

#[test]
fn roles_match_plural_labels() {
    // The shipping role has two candidates: "Deliveries", whose label is a
    // plural of the alias "delivery", and "Reviews", which only listens to
    // OrderShipped. The label should win over a shared event name.
    let saga = reference("saga");
    let services = [
        ("checkout", "Checkout svc", "OrderCreated"),
        ("stock", "Stock", "StockReserved"),
        ("billing", "Billing", "PaymentCaptured"),
        ("deliveries", "Deliveries", "DispatchRequested"),
        ("reviews", "Reviews", "OrderShipped"),
    ];
    let mut d = Diagram::default();
    d.nodes.push(Node::new(
        "rabbit",
        "RabbitMQ",
        NodeKind::Bus,
        Point::new(0.0, 0.0),
    ));
    for (i, (id, label, event)) in services.into_iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "five nodes")]
        let x = 200.0 * i as f32;
        d.nodes.push(Node::new(
            id,
            label,
            NodeKind::Service,
            Point::new(x, 200.0),
        ));
        d.edges.push(Edge {
            label: event.into(),
            ..Edge::new(&format!("to-{id}"), "rabbit", id, EdgeKind::Async)
        });
    }
    let report = check(&d, &saga, "saga");
    assert_eq!(report.matched_drawn("shipping"), Some("deliveries"));
    assert_eq!(report.matched_drawn("payment"), Some("billing"));
}

// ------------------------------------------------------------ the wiring

/// The reference as a drawing without any arrow: every part there, nothing
/// connected.
fn without_arrows(d: &Diagram) -> Diagram {
    Diagram {
        edges: Vec::new(),
        ..d.clone()
    }
}

/// QA's round: every part of checkout drawn, no arrow at all (it scored
/// 72). The grade fails it, says the request path is not drawn — naming
/// the arrows to draw — and every point is carried by a finding.
#[test]
fn a_drawing_without_arrows_fails_and_names_the_request_path() {
    let json = run_case(case_for("no-arrows.ron"));
    let score = json["score"].as_u64().expect("score");
    assert!(score <= 50, "{json:#}");
    let path: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "broken-path")
        .collect();
    assert!(
        path.iter()
            .any(|f| f["severity"] == "warning" && f["points"].as_u64() > Some(0)),
        "{json:#}"
    );
    // A box with no arrow at all is one missing connection naming every
    // arrow the reference gives it.
    let service: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "missing-connection" && json_nodes(f)[0] == "service-1")
        .collect();
    assert_eq!(service.len(), 1, "{json:#}");
    assert_eq!(json_nodes(service[0]), ["service-1", "database-1", "bus-1"]);
    assert_eq!(service[0]["points"], 4);
    for f in &path {
        assert_eq!(json_nodes(f).len(), 2, "each gap names its two ends: {f}");
        assert!(
            f["message"].as_str().expect("message").contains("draw"),
            "{f}"
        );
    }
}

/// Every reference with its boxes but none of its arrows fails clearly.
#[test]
fn every_reference_without_its_arrows_fails() {
    for r in REFERENCES {
        let reference = r.load().unwrap_or_else(|e| panic!("{e}"));
        let report = check(&without_arrows(&as_drawing(&reference)), &reference, r.id);
        assert!(
            report.score <= 50,
            "{} without arrows scores {}: {:#?}",
            r.id,
            report.score,
            report.findings
        );
        if !spec_paths(&reference).is_empty() {
            assert!(
                report.with_code("broken-path").any(|f| f.points > 0),
                "{}: {:#?}",
                r.id,
                report.findings
            );
        }
    }
}

fn spec_paths(reference: &Diagram) -> Vec<Vec<NodeKind>> {
    archdrill::check::spec_of(reference).paths
}

/// Leaving out one arrow of a reference costs a few points, never a fail.
#[test]
fn one_missing_arrow_costs_a_few_points() {
    for r in REFERENCES {
        let reference = r.load().unwrap_or_else(|e| panic!("{e}"));
        let full = as_drawing(&reference);
        for edge in &reference.edges {
            let mut drawn = full.clone();
            drawn.edges.retain(|e| e.id != edge.id);
            let report = check(&drawn, &reference, r.id);
            // The wiring findings; an arrow that is a design rule of its
            // own (the saga's only compensation) is an error as well.
            let wiring: u32 = report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .map(|f| f.points)
                .sum();
            assert!(
                wiring <= 8,
                "{} without {} loses {wiring}: {:#?}",
                r.id,
                edge.id,
                report.findings
            );
        }
    }
}

/// QA's pair: an unconnected "User service" cost 4 (a missing connection)
/// while the same box labelled "Service" cost nothing. A vaguer label never
/// scores better than a precise one, and a box connected to nothing costs.
#[test]
fn a_vague_unconnected_box_never_beats_a_precise_one() {
    let drawn = |label: &str| {
        let text = format!(
            "flowchart LR\n  M[Mobile app] --> C[Cloudflare CDN] --> G[API gateway]\n  G --> O[Order service]\n  U[{label}]\n  O --> DB[(Orders DB)]\n  O -.-> K{{{{Kafka}}}} -.-> W[Email worker]\n  Cat[Catalog service] --> R[(Redis cache)]\n  G --> Cat\n"
        );
        let d = archdrill::mermaid::import(&text, "conn.mmd").expect("imports");
        check(&d, &reference("five-tier"), "five-tier")
    };
    let without = {
        let mut d = archdrill::mermaid::import(
            "flowchart LR\n  M[Mobile app] --> C[Cloudflare CDN] --> G[API gateway]\n  G --> O[Order service]\n  O --> DB[(Orders DB)]\n  O -.-> K{{Kafka}} -.-> W[Email worker]\n  Cat[Catalog service] --> R[(Redis cache)]\n  G --> Cat\n",
            "conn0.mmd",
        )
        .expect("imports");
        d.title.clear();
        check(&d, &reference("five-tier"), "five-tier").score
    };
    for vague in ["Service", "Box", "Thing", "New service"] {
        for precise in ["User service", "Cart service", "Inventory service"] {
            let (p, v) = (drawn(precise), drawn(vague));
            assert!(
                p.score >= v.score,
                "{precise} {} < {vague} {}: {:#?}",
                p.score,
                v.score,
                v.findings
            );
            assert!(v.score < without, "{vague}: {:#?}", v.findings);
        }
    }
    let vague = drawn("Service");
    let f = vague
        .with_code("unconnected-node")
        .next()
        .expect("the box is named");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.points > 0);
    assert_eq!(f.nodes, ["U"]);
}

// ------------------------------------------------------------------ ghosts

/// Ghosts of parts only notes name (they cost nothing) are optional; the
/// ones a costing finding names are required.
#[test]
fn ghosts_of_free_findings_are_optional() {
    let report = check(
        &drawing("eleven-boxes.ron"),
        &reference("five-tier"),
        "five-tier",
    );
    assert_eq!(report.score, 100);
    assert!(!report.ghosts.is_empty());
    assert!(
        report.ghosts.iter().all(|g| g.optional),
        "a 100/100 drawing shows no required ghost: {:?}",
        report.ghosts
    );
    let report = check(
        &drawing("saga-missing-payment.ron"),
        &reference("saga"),
        "saga",
    );
    for g in &report.ghosts {
        assert_eq!(g.optional, g.reference_node != "payment", "{g:?}");
    }
    let report = check(&Diagram::default(), &reference("five-tier"), "five-tier");
    let required: BTreeSet<&str> = report
        .ghosts
        .iter()
        .filter(|g| !g.optional)
        .map(|g| g.reference_node.as_str())
        .collect();
    // Every reference node of a required or recommended kind.
    assert!(required.contains("gateway") && required.contains("notify"));
    assert!(!required.contains("stripe"), "{required:?}");
}

/// What a ghost covers at 100 %: its box, the dashed frame 5 units out
/// and its tag above the frame.
fn ghost_area(g: &archdrill::check::Ghost) -> archdrill::scene::geometry::R {
    use archdrill::scene::geometry::{R, p};
    let (w, h) = g.kind.default_size();
    let frame = R::centered(p(g.pos.x, g.pos.y), w, h).expand2(5.0, 5.0);
    R {
        min: p(frame.min.x, frame.min.y - 16.0),
        max: frame.max,
    }
}

/// Ghosts never sit on a drawn box, a boundary (frame or title) or another
/// ghost — QA's "User service" ghost sat on the "Order domain" boundary.
#[test]
fn ghosts_keep_clear_of_boxes_boundaries_and_each_other() {
    use archdrill::scene::geometry::node_rect;
    let mut subjects = every_subject();
    for r in REFERENCES {
        let diagram = r.load().unwrap_or_else(|e| panic!("{e}"));
        let kinds: BTreeSet<NodeKind> = diagram.nodes.iter().map(|n| n.kind).collect();
        for kind in kinds {
            subjects.push((
                format!("{} without {kind}", r.id),
                without_kind(&diagram, kind),
                r.id,
            ));
        }
    }
    let five = reference("five-tier");
    subjects.push((
        "five-tier without user, catalog and cart".to_owned(),
        without(&five, &|n: &Node| {
            matches!(n.id.as_str(), "user" | "catalog" | "cart")
        }),
        "five-tier",
    ));
    for (name, d, against) in subjects {
        let report = check(&d, &reference(against), against);
        let mut taken: Vec<(String, archdrill::scene::geometry::R)> = d
            .nodes
            .iter()
            .map(|n| (format!("box {}", n.id), node_rect(n)))
            .collect();
        taken.extend(
            archdrill::scene::boundary_rects(&d)
                .into_iter()
                .map(|c| (format!("boundary {}", d.boundaries[c.index].id), c.rect)),
        );
        for g in &report.ghosts {
            let area = ghost_area(g);
            for (what, rect) in &taken {
                assert!(
                    !area.overlaps(rect, 0.0),
                    "{name}: the ghost of {} covers {what}",
                    g.reference_node
                );
            }
            taken.push((format!("ghost {}", g.reference_node), area));
        }
    }
}

/// A load balancer, a search index, a third party are ordinary in a real
/// system: drawn beside the reference they are no "extra"; an eighth
/// service, one more than the reference has, is.
#[test]
fn ordinary_additions_are_not_tagged_extra() {
    let r = reference("five-tier");
    let mut d = as_drawing(&r);
    for (id, label, kind) in [
        ("alb", "AWS ALB", NodeKind::LoadBalancer),
        ("search", "Elasticsearch", NodeKind::Search),
        ("twilio", "Twilio", NodeKind::External),
        ("reviews", "Reviews service", NodeKind::Service),
    ] {
        d.nodes
            .push(Node::new(id, label, kind, Point::new(2000.0, 0.0)));
    }
    let report = check(&d, &r, "five-tier");
    assert_eq!(report.extra, ["reviews"]);
    assert!(report.ghosts.is_empty());
}

// ---------------------------------------------------------------- bad input

#[test]
fn missing_file_exits_2_and_names_it() {
    let out = archdrill(&[
        "check",
        "tests/drawings/no-such-drawing.ron",
        "--against",
        "five-tier",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    assert!(
        stderr(&out).contains("no-such-drawing.ron"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn broken_ron_exits_2_with_file_and_line_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("half-drawn.ron");
    std::fs::write(
        &path,
        "(\n    version: 1,\n    nodes: [\n        (id: \"kong\", label: \"Kong\", kind: gateway pos: (x: 0.0, y: 0.0)),\n    ],\n)\n",
    )
    .expect("write");
    let out = archdrill(&[
        "check",
        path.to_str().expect("utf-8"),
        "--against",
        "five-tier",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("half-drawn.ron:4:"), "{err}");
}

#[test]
fn invalid_drawing_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dangling.ron");
    std::fs::write(
        &path,
        "(version: 1, nodes: [(id: \"a\", label: \"Kong\", kind: gateway, pos: (x: 0.0, y: 0.0))], edges: [(id: \"e\", from: \"a\", to: \"ghost\", kind: sync)])",
    )
    .expect("write");
    let out = archdrill(&[
        "check",
        path.to_str().expect("utf-8"),
        "--against",
        "five-tier",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("dangling.ron") && err.contains("ghost"),
        "{err}"
    );
}

#[test]
fn unknown_reference_exits_2_and_lists_the_ids() {
    let path = drawings_dir().join("good-five-tier.ron");
    let out = archdrill(&[
        "check",
        path.to_str().expect("utf-8"),
        "--against",
        "six-tier",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("six-tier"), "{err}");
    for id in references::ids() {
        assert!(err.contains(id), "{id} not listed: {err}");
    }
}

// ------------------------------------------------------------- renaming

/// Labels → synonyms of the same kind (word-wise, case-insensitive).
const SYNONYMS: &[(&str, &str)] = &[
    ("order", "checkout"),
    ("orders", "checkouts"),
    ("inventory", "stock"),
    ("payment", "billing"),
    ("shipping", "delivery"),
    ("catalog", "products"),
    ("cart", "basket"),
    ("user", "account"),
    ("service", "svc"),
    ("kafka", "RabbitMQ"),
    ("redis", "Memcached"),
    ("cloudflare", "Akamai"),
    ("postgres", "MySQL"),
    ("gateway", "Kong"),
    ("mobile", "iOS"),
    ("web", "desktop"),
    ("stripe", "Adyen"),
];

fn synonym_label(label: &str) -> String {
    label
        .split(' ')
        .map(|word| {
            SYNONYMS
                .iter()
                .find(|(from, _)| word.eq_ignore_ascii_case(from))
                .map_or_else(|| word.to_owned(), |(_, to)| (*to).to_owned())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Applies `id_map` to every node id (edges and boundaries follow) and
/// `label_map` to every node label.
fn rename(
    d: &Diagram,
    id_map: &dyn Fn(&str) -> String,
    label_map: &dyn Fn(&str) -> String,
) -> Diagram {
    let id = |n: &NodeId| NodeId(id_map(n.as_str()));
    Diagram {
        nodes: d
            .nodes
            .iter()
            .map(|n| Node {
                id: id(&n.id),
                label: label_map(&n.label),
                ..n.clone()
            })
            .collect(),
        edges: d
            .edges
            .iter()
            .map(|e| Edge {
                from: id(&e.from),
                to: id(&e.to),
                ..e.clone()
            })
            .collect(),
        boundaries: d
            .boundaries
            .iter()
            .map(|b| Boundary {
                nodes: b.nodes.iter().map(id).collect(),
                ..b.clone()
            })
            .collect(),
        walkthrough: Vec::new(),
        check: None,
        ..d.clone()
    }
}

/// Findings as (severity, code, nodes); drawn ids in `nodes` pass through
/// `id_map`, reference ids (of findings naming missing parts) stay as they are.
fn verdict(
    report: &Report,
    id_map: &dyn Fn(&str) -> String,
) -> Vec<(Severity, String, Vec<String>)> {
    let mut v: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            let nodes = if f.ghosts.is_empty() {
                f.nodes.iter().map(|n| id_map(n)).collect()
            } else {
                f.nodes.clone()
            };
            (f.severity, f.code.to_string(), nodes)
        })
        .collect();
    v.sort();
    v
}

fn every_subject() -> Vec<(String, Diagram, &'static str)> {
    let mut subjects: Vec<(String, Diagram, &'static str)> = REFERENCES
        .iter()
        .map(|r| {
            (
                r.id.to_owned(),
                as_drawing(&r.load().unwrap_or_else(|e| panic!("{e}"))),
                r.id,
            )
        })
        .collect();
    subjects.extend(
        CASES
            .iter()
            .map(|c| (c.file.to_owned(), drawing(c.file), c.against)),
    );
    subjects
}

/// Renamed ids keep the whole verdict. Synonym labels keep every error:
/// the structural rules do not read labels, while the edge comparison
/// (`missing-connection`, `missing-boundary`) rightly depends on which
/// drawn box a label says stands for which reference box.
#[test]
fn prefixed_ids_and_synonym_labels_keep_the_verdict() {
    let prefix = |id: &str| format!("my-{id}");
    let errors = |v: Vec<(Severity, String, Vec<String>)>| {
        v.into_iter()
            .filter(|(s, _, _)| *s == Severity::Error)
            .collect::<Vec<_>>()
    };
    for (name, d, against) in every_subject() {
        let r = reference(against);
        let before = check(&d, &r, against);
        let renamed = rename(&d, &prefix, &|l| l.to_owned());
        assert_ne!(renamed, d);
        let after = check(&renamed, &r, against);
        assert_eq!(
            verdict(&after, &|s| s.to_owned()),
            verdict(&before, &prefix),
            "{name} vs {against}"
        );
        let synonyms = check(&rename(&d, &prefix, &synonym_label), &r, against);
        assert_eq!(
            errors(verdict(&synonyms, &|s| s.to_owned())),
            errors(verdict(&before, &prefix)),
            "{name} vs {against} with synonyms"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any injective renaming of ids, and upper-casing labels, keeps the set
    /// of finding codes; synonym labels keep the error codes.
    #[test]
    fn random_id_renaming_keeps_the_codes(
        subject in 0usize..(REFERENCES.len() + CASES.len()),
        salt in "[a-z0-9_.:-]{1,6}",
        shout in any::<bool>(),
    ) {
        let (name, d, against) = every_subject().swap_remove(subject);
        let r = reference(against);
        // Reversing the characters and salting keeps ids distinct.
        let map = |id: &str| format!("{}{salt}{}", id.chars().rev().collect::<String>(), id.len());
        let label = |l: &str| if shout { l.to_uppercase() } else { synonym_label(l) };
        let before = check(&d, &r, against);
        let after = check(&rename(&d, &map, &label), &r, against);
        let codes = |rep: &Report, all: bool| {
            rep.findings
                .iter()
                .filter(|f| all || f.severity == Severity::Error)
                .map(|f| (f.severity, f.code.clone()))
                .collect::<BTreeSet<_>>()
        };
        prop_assert_eq!(codes(&before, shout), codes(&after, shout), "{} vs {}", name, against);
    }
}

// ------------------------------------------------- removing a required kind

/// The reference as a drawing, minus every node of `kind` and the edges
/// touching them.
fn without_kind(reference: &Diagram, kind: NodeKind) -> Diagram {
    without(reference, &|n: &Node| n.kind == kind)
}

fn without(reference: &Diagram, drop: &dyn Fn(&Node) -> bool) -> Diagram {
    let gone: BTreeSet<&str> = reference
        .nodes
        .iter()
        .filter(|n| drop(n))
        .map(|n| n.id.as_str())
        .collect();
    let mut d = as_drawing(reference);
    d.nodes.retain(|n| !gone.contains(n.id.as_str()));
    d.edges
        .retain(|e| !gone.contains(e.from.as_str()) && !gone.contains(e.to.as_str()));
    for b in &mut d.boundaries {
        b.nodes.retain(|n| !gone.contains(n.as_str()));
    }
    d
}

fn assert_only_missing(id: &str, kind: NodeKind) {
    let r = reference(id);
    let drawn = without_kind(&r, kind);
    assert!(drawn.nodes.len() < r.nodes.len(), "{id} has no {kind}");
    let report = check(&drawn, &r, id);
    let expected = format!("missing-{}", kind.id());
    assert_eq!(
        codes(&report, Severity::Error),
        set(&[expected.as_str()]),
        "{id} without {kind}: {:#?}",
        report.findings
    );
    let finding = report.with_code(&expected).next().expect("the finding");
    let ref_ids: Vec<&str> = r
        .nodes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(finding.nodes, ref_ids, "{id} without {kind}");
    assert!(report.score < 100);
}

#[test]
fn five_tier_without_each_required_kind_gives_exactly_its_missing_code() {
    for kind in [
        NodeKind::Client,
        NodeKind::Edge,
        NodeKind::Gateway,
        NodeKind::Service,
        NodeKind::Database,
        NodeKind::Cache,
        NodeKind::Bus,
    ] {
        assert_only_missing("five-tier", kind);
    }
}

#[test]
fn saga_without_services_or_bus_gives_exactly_its_missing_code() {
    for kind in [NodeKind::Service, NodeKind::Bus] {
        assert_only_missing("saga", kind);
    }
}

#[test]
fn every_reference_without_a_required_kind_gives_exactly_its_missing_code() {
    for r in REFERENCES {
        let diagram = r.load().unwrap_or_else(|e| panic!("{e}"));
        let spec = diagram
            .check
            .clone()
            .unwrap_or_else(|| archdrill::check::derived_spec(&diagram));
        for kind in spec.require {
            assert_only_missing(r.id, kind);
        }
    }
}

#[test]
fn saga_without_each_role_names_only_that_role() {
    let r = reference("saga");
    for role in ["order", "inventory", "payment", "shipping"] {
        let drawn = without(&r, &|n: &Node| n.id.as_str() == role);
        let report = check(&drawn, &r, "saga");
        let errors: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "saga without {role}: {errors:#?}");
        assert_eq!(errors[0].code, "missing-service");
        assert_eq!(errors[0].nodes, [role]);
        let label = &r.node(role).expect("role node").label;
        assert!(
            errors[0].message.contains(label.as_str()),
            "{}",
            errors[0].message
        );
        assert_eq!(report.matched_drawn(role), None);
    }
}

// ------------------------------------------------------- random diagrams

const WORDS: &[&str] = &[
    "Order",
    "Stock",
    "Billing",
    "Kong",
    "Akamai",
    "Redis",
    "Kafka",
    "pg-orders",
    "svc",
    "API",
    "Gateway",
    "Worker",
    "Mobile",
    "app",
    "Stripe",
    "Memcached",
    "RabbitMQ",
    "queue",
    "DB",
    "LB",
    "",
    " ",
    "→",
    "漢字",
    "Order-Order",
];

const EDGE_LABELS: &[&str] = &[
    "",
    "PaymentFailed",
    "OrderCancelled",
    "InventoryRejected",
    "OrderCreated",
    "release stock",
    "refund",
    "HTTPS",
    "timeout",
    "PaymentCaptured",
    "undo",
    "OrderCancelled: release",
];

fn random_label() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), 0..4).prop_map(|w| w.join(" "))
}

/// Random diagrams: ids from a small pool (so duplicates happen), edges with
/// self-loops, parallel edges and dangling ends.
fn random_diagram(max_nodes: usize) -> impl Strategy<Value = Diagram> {
    (0..=max_nodes).prop_flat_map(|n| {
        let pool = n + 2;
        let node = (
            0..pool,
            random_label(),
            proptest::sample::select(&NodeKind::ALL[..]),
            -2000.0f32..2000.0,
            -2000.0f32..2000.0,
        );
        let edge = (
            0..pool,
            0..pool,
            proptest::sample::select(&EdgeKind::ALL[..]),
            proptest::sample::select(EDGE_LABELS),
        );
        (
            proptest::collection::vec(node, n),
            proptest::collection::vec(edge, 0..=(3 * n + 1)),
        )
            .prop_map(|(nodes, edges)| Diagram {
                nodes: nodes
                    .into_iter()
                    .map(|(id, label, kind, x, y)| {
                        Node::new(&format!("n{id}"), &label, kind, Point::new(x, y))
                    })
                    .collect(),
                edges: edges
                    .into_iter()
                    .enumerate()
                    .map(|(i, (a, b, kind, label))| Edge {
                        id: EdgeId(format!("e{i}")),
                        label: label.to_owned(),
                        ..Edge::new("", &format!("n{a}"), &format!("n{b}"), kind)
                    })
                    .collect(),
                ..Diagram::default()
            })
    })
}

/// A random reference: a random diagram with a random spec whose roles may
/// name nodes that do not exist.
fn random_reference() -> impl Strategy<Value = Diagram> {
    (
        random_diagram(10),
        proptest::option::of((
            proptest::collection::vec(proptest::sample::select(&NodeKind::ALL[..]), 0..4),
            proptest::collection::vec(proptest::sample::select(&NodeKind::ALL[..]), 0..3),
            proptest::collection::vec(0usize..12, 0..4),
            proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(&NodeKind::ALL[..]), 0..4),
                0..3,
            ),
            any::<bool>(),
        )),
    )
        .prop_map(|(mut d, spec)| {
            d.check = spec.map(|(require, recommend, roles, paths, saga)| CheckSpec {
                require,
                recommend,
                roles: roles
                    .into_iter()
                    .map(|i| Role {
                        node: NodeId(format!("n{i}")),
                        aliases: vec!["stock".into(), String::new()],
                    })
                    .collect(),
                paths,
                saga,
            });
            d
        })
}

fn assert_report_invariants(
    report: &Report,
    drawing: &Diagram,
    reference: &Diagram,
) -> Result<(), TestCaseError> {
    prop_assert!(report.score <= 100, "score {}", report.score);
    // The score is explained: 100 minus the findings' points, floored at 0;
    // 100 exactly when nothing costs points.
    let lost: u32 = report.findings.iter().map(|f| f.points).sum();
    prop_assert_eq!(u32::from(report.score), 100u32.saturating_sub(lost));
    prop_assert_eq!(
        report.score == 100,
        !report.findings.iter().any(|f| f.points > 0)
    );
    if report.has_errors() {
        prop_assert!(report.score < 100, "an error-level finding with score 100");
    }
    for f in &report.findings {
        // Advice is free, every error and warning costs something.
        prop_assert_eq!(
            f.severity == Severity::Info,
            f.points == 0,
            "{}: {} points",
            f.code,
            f.points
        );
        for e in &f.edges {
            prop_assert!(
                drawing.edge(e).is_some(),
                "{} names a missing edge {}",
                f.code,
                e
            );
        }
    }
    // Ghosts are exactly the reference nodes findings name as missing.
    let named: BTreeSet<&str> = report
        .findings
        .iter()
        .flat_map(|f| f.ghosts.iter().map(String::as_str))
        .collect();
    let ghosts: BTreeSet<&str> = report
        .ghosts
        .iter()
        .map(|g| g.reference_node.as_str())
        .collect();
    prop_assert_eq!(ghosts, named);
    let order: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.severity, f.code.clone(), f.nodes.clone(), f.edges.clone()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    prop_assert_eq!(
        order,
        sorted,
        "findings are sorted errors first, then by code and nodes"
    );
    for f in &report.findings {
        prop_assert!(!f.message.trim().is_empty(), "{} has no message", f.code);
    }
    // The matching is a partial injection between nodes of the same kind
    // (checked when ids are unique, i.e. for valid diagrams).
    let unique =
        |d: &Diagram| d.nodes.iter().map(|n| &n.id).collect::<BTreeSet<_>>().len() == d.nodes.len();
    if !unique(drawing) || !unique(reference) {
        return Ok(());
    }
    let mut drawn_used = BTreeSet::new();
    for (r, d) in &report.matches {
        prop_assert!(drawn_used.insert(d.clone()), "{} matched twice", d);
        let rk = reference.node(r).map(|n| n.kind);
        let dk = drawing.node(d).map(|n| n.kind);
        prop_assert!(rk.is_some() && dk.is_some());
        prop_assert_eq!(rk, dk);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn check_never_panics_against_the_references(drawing in random_diagram(30), which in 0usize..REFERENCES.len()) {
        let r = REFERENCES[which];
        let reference = r.load().expect("reference loads");
        let report = check(&drawing, &reference, r.id);
        prop_assert_eq!(&report.reference, r.id);
        assert_report_invariants(&report, &drawing, &reference)?;
    }

    #[test]
    fn check_never_panics_against_random_references(drawing in random_diagram(20), reference in random_reference()) {
        let report = check(&drawing, &reference, "random");
        prop_assert_eq!(report.reference.as_str(), "random");
        assert_report_invariants(&report, &drawing, &reference)?;
    }
}

#[test]
fn empty_drawing_reports_every_required_kind() {
    let r = reference("five-tier");
    let report = check(&Diagram::default(), &r, "five-tier");
    let expected: BTreeSet<String> = [
        "client", "edge", "gateway", "service", "database", "cache", "bus",
    ]
    .iter()
    .map(|k| format!("missing-{k}"))
    .collect();
    let errors: BTreeSet<String> = codes(&report, Severity::Error)
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(errors, expected);
    assert_eq!(codes(&report, Severity::Warning), set(&["missing-worker"]));
    // 8 + 8 + 15 + 15 + 15 + 10 + 15 + 4 = 90 points lost.
    assert_eq!(report.points_lost(), 90);
    assert_eq!(report.score, 10);
    assert_eq!(report.ghosts.len(), r.nodes.len());
}

#[test]
fn checking_twice_gives_identical_json() {
    for file in [
        "good-five-tier.ron",
        "good-saga.ron",
        "sync-chain.ron",
        "shared-database.ron",
    ] {
        let c = case_for(file);
        let run = || {
            serde_json::to_string(&check(&drawing(file), &reference(c.against), c.against))
                .expect("json")
        };
        assert_eq!(run(), run(), "{file}");
    }
}

/// README's rubric table is the rubric the checker prices findings by.
#[test]
fn readme_documents_the_rubric() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    for price in archdrill::check::rubric::RUBRIC {
        let row = format!(
            "| `{}` | {} | {} | {} |",
            price.code,
            price.severity,
            price.cost(),
            price.looks_for
        );
        assert!(readme.contains(&row), "README lacks the rubric row {row}");
    }
}

/// A correct five-tier drawn in Mermaid with AWS names — `CloudFront`, an ALB,
/// S3, an outbox table and its relay, SQS — is read right: every box gets
/// the kind an engineer would give it, and the check finds nothing that
/// costs points but what is really missing (here, nothing).
#[test]
fn a_five_tier_in_mermaid_with_aws_names_is_read_right() {
    let text = r"flowchart LR
    app[iOS app] --> cf[CloudFront]
    cf --> s3[(S3 assets bucket)]
    cf --> alb[ALB]
    alb --> apigw[Kong API gateway]
    apigw --> orders[Orders API]
    apigw --> users[User service]
    orders --> ordersdb[(Orders Postgres)]
    orders --> outbox[(Outbox table)]
    users --> redis[(ElastiCache Redis)]
    users --> usersdb[(Users Aurora)]
    relay[Outbox relay] --> outbox
    relay -.->|OrderPlaced| sqs{{SQS orders queue}}
    sqs -.->|OrderPlaced| mailer[Email worker]
";
    let d = archdrill::mermaid::import(text, "aws.mmd").expect("imports");
    let kind = |id: &str| d.node(id).map(|n| n.kind);
    for (id, expected) in [
        ("app", NodeKind::Client),
        ("cf", NodeKind::Edge),
        ("s3", NodeKind::Storage),
        ("alb", NodeKind::LoadBalancer),
        ("apigw", NodeKind::Gateway),
        ("orders", NodeKind::Service),
        ("users", NodeKind::Service),
        ("ordersdb", NodeKind::Database),
        ("outbox", NodeKind::Outbox),
        ("redis", NodeKind::Cache),
        ("usersdb", NodeKind::Database),
        ("relay", NodeKind::Worker),
        ("sqs", NodeKind::Bus),
        ("mailer", NodeKind::Worker),
    ] {
        assert_eq!(kind(id), Some(expected), "{id}");
    }
    let report = check(&d, &reference("five-tier"), "five-tier");
    assert!(!report.has_errors(), "{:#?}", report.findings);
    let costing: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.points > 0)
        .map(|f| f.code.as_ref())
        .collect();
    // The boundary around the orders service and its store is the one thing
    // this drawing leaves out.
    assert_eq!(costing, ["missing-boundary"], "{:#?}", report.findings);
}
