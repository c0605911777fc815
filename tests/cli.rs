//! The CLI contract of PRODUCT.md, exercised through the real binary.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

mod common;

use common::{archdrill, stderr, stdout};
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp file");
    path
}

const GOOD: &str = r#"(
    version: 1,
    nodes: [
        (id: "app", label: "Mobile app", kind: client, pos: (x: 0.0, y: 0.0)),
        (id: "gw", label: "API Gateway", kind: gateway, pos: (x: 200.0, y: 0.0)),
        (id: "svc", label: "Order service", kind: service, pos: (x: 400.0, y: 0.0)),
        (id: "db", label: "Orders DB", kind: database, pos: (x: 600.0, y: 0.0)),
    ],
    edges: [
        (id: "e1", from: "app", to: "gw", kind: sync),
        (id: "e2", from: "gw", to: "svc", kind: sync),
        (id: "e3", from: "svc", to: "db", kind: data),
    ],
    boundaries: [
        (id: "orders", label: "Orders", nodes: ["svc", "db"]),
        (id: "inner", label: "Inner", parent: Some("orders"), nodes: []),
    ],
)
"#;

#[test]
fn references_json_lists_the_reference_ids() {
    let out = archdrill(&["references", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    for id in ["five-tier", "saga", "checkout-request"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(
        list.as_array()
            .expect("array")
            .iter()
            .all(|r| r["title"].as_str().is_some_and(|t| !t.is_empty()))
    );
}

#[test]
fn references_text_lists_id_and_title() {
    let out = archdrill(&["references"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.starts_with("saga") && l.contains("Order saga")),
        "{text}"
    );
}

#[test]
fn shipped_diagrams_validate() {
    let mut args = vec!["validate".to_owned()];
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("diagrams"))
        .expect("diagrams/")
    {
        args.push(entry.expect("entry").path().display().to_string());
    }
    assert!(args.len() >= 4);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = archdrill(&refs);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out)
            .lines()
            .filter(|l| l.starts_with("ok  "))
            .count(),
        args.len() - 1
    );
}

#[test]
fn inspect_json_has_the_contract_shape() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(dir.path(), "good.ron", GOOD);
    let out = archdrill(&["inspect", file.to_str().expect("utf-8"), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({
            "nodes": 4, "edges": 3, "groups": 2,
            "kinds": {"client": 1, "database": 1, "gateway": 1, "service": 1}
        })
    );
}

#[test]
fn inspect_accepts_a_reference_id() {
    let out = archdrill(&["inspect", "five-tier", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(value["kinds"]["service"], 7);
    assert_eq!(value["kinds"]["database"], 2);
    assert_eq!(value["kinds"]["cache"], 1);
    assert_eq!(value["kinds"]["bus"], 1);
}

#[test]
fn syntax_error_exits_2_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = GOOD.replace("kind: gateway, pos", "kind: gateway pos");
    let file = write(dir.path(), "broken.ron", &broken);
    let out = archdrill(&["validate", file.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:5:", file.display())), "{err}");
    assert!(err.to_lowercase().contains("expected"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("still there"),
        broken,
        "input untouched"
    );
}

#[test]
fn dangling_edge_exits_2_naming_the_edge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(
        dir.path(),
        "dangling.ron",
        &GOOD.replace("to: \"db\"", "to: \"cache\""),
    );
    let out = archdrill(&["validate", file.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("edge `e3`") && err.contains("`cache`"),
        "{err}"
    );
    assert!(err.contains(&format!("{}:12:", file.display())), "{err}");
}

#[test]
fn validate_reports_every_file_and_fails_if_any_is_bad() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = write(dir.path(), "good.ron", GOOD);
    let bad = write(
        dir.path(),
        "dup.ron",
        &GOOD.replace("id: \"e2\"", "id: \"e1\""),
    );
    let out = archdrill(&[
        "validate",
        good.to_str().expect("utf-8"),
        bad.to_str().expect("utf-8"),
        "missing.ron",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("good.ron"));
    let err = stderr(&out);
    assert!(err.contains("edge id `e1` is used more than once"), "{err}");
    assert!(err.contains("missing.ron: cannot read the file"), "{err}");
    assert!(err.contains("2 of 3 files have problems"), "{err}");
}

#[test]
fn newer_version_and_huge_files_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let newer = write(
        dir.path(),
        "newer.ron",
        &GOOD.replace("version: 1", "version: 2"),
    );
    let out = archdrill(&["inspect", newer.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("version 2"), "{}", stderr(&out));

    let huge = dir.path().join("huge.ron");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(archdrill::model::file::MAX_FILE_BYTES + 1)
        .expect("sparse file");
    let out = archdrill(&["inspect", huge.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("refused"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    let out = archdrill(&["validate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cards_json_lists_every_card() {
    let out = archdrill(&["cards", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let list = list.as_array().expect("array");
    assert_eq!(
        list.len(),
        archdrill::content::cards::all().expect("cards").len()
    );
    let saga = list
        .iter()
        .find(|c| c["id"] == "design-order-saga")
        .expect("the saga card");
    assert_eq!(saga["diagram"], "saga");
    assert_eq!(saga["section"], "Sagas & distributed transactions");
    assert!(
        saga["question"]
            .as_str()
            .is_some_and(|q| q.contains("payment fails"))
    );
    assert!(list.iter().any(|c| c["diagram"].is_null()));
}
