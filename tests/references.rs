//! The shipped reference diagrams: all load, validate, and narrate steps
//! whose highlighted ids exist; the ones PRODUCT.md describes have their
//! defining parts.

use archdrill::content::references::{self, REFERENCES};
use archdrill::model::{EdgeKind, NodeKind};

#[test]
fn every_reference_validates_and_its_steps_name_real_ids() {
    assert!(REFERENCES.len() >= 3);
    for reference in REFERENCES {
        let d = reference.load().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !d.walkthrough.is_empty(),
            "{} has no walkthrough",
            reference.id
        );
        for step in &d.walkthrough {
            for id in &step.nodes {
                assert!(
                    d.node(id.as_str()).is_some(),
                    "{}: step {:?} names node {id}",
                    reference.id,
                    step.title
                );
            }
            for id in &step.edges {
                assert!(
                    d.edge(id.as_str()).is_some(),
                    "{}: step {:?} names edge {id}",
                    reference.id,
                    step.title
                );
            }
            let words = step.text.split_whitespace().count();
            assert!(
                (8..=80).contains(&words),
                "{}: step {:?} has {words} words",
                reference.id,
                step.title
            );
        }
    }
}

#[test]
fn references_are_byte_stable_after_a_save() {
    for reference in REFERENCES {
        let d = reference.load().expect("loads");
        let text = archdrill::model::file::to_ron(&d).expect("serialises");
        let back = archdrill::model::file::from_ron(&text, reference.id).expect("reloads");
        assert_eq!(back, d);
        assert_eq!(
            archdrill::model::file::to_ron(&back).expect("serialises"),
            text
        );
    }
}

#[test]
fn five_tier_has_every_tier() {
    let d = references::find("five-tier")
        .expect("exists")
        .load()
        .expect("loads");
    let counts = d.kind_counts();
    assert!(counts.get("client").copied().unwrap_or(0) >= 1);
    assert_eq!(counts.get("edge"), Some(&1));
    assert_eq!(counts.get("gateway"), Some(&1));
    assert_eq!(counts.get("service"), Some(&7), "seven services");
    assert_eq!(counts.get("database"), Some(&2), "two databases");
    assert_eq!(counts.get("cache"), Some(&1), "a cache");
    assert_eq!(counts.get("bus"), Some(&1), "a message bus");
    assert!(counts.get("worker").copied().unwrap_or(0) >= 1);
}

#[test]
fn saga_has_its_events_and_compensation_chain() {
    let d = references::find("saga")
        .expect("exists")
        .load()
        .expect("loads");
    for role in ["Order", "Inventory", "Payment", "Shipping"] {
        assert!(
            d.nodes
                .iter()
                .any(|n| n.kind == NodeKind::Service && n.label.starts_with(role)),
            "no {role} service"
        );
    }
    assert_eq!(
        d.nodes.iter().filter(|n| n.kind == NodeKind::Bus).count(),
        1,
        "one event bus"
    );
    let labels: Vec<&str> = d.edges.iter().map(|e| e.label.as_str()).collect();
    for event in [
        "OrderPlaced",
        "InventoryReserved",
        "InventoryRejected",
        "PaymentCaptured",
        "PaymentFailed",
        "OrderShipped",
    ] {
        assert!(labels.contains(&event), "no {event} edge");
    }
    let compensations: Vec<_> = d
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Compensation)
        .collect();
    assert!(
        compensations
            .iter()
            .any(|e| e.label.starts_with("OrderCancelled") && e.to.as_str() == "inventory")
    );
    // No service calls another service synchronously.
    for e in d.edges.iter().filter(|e| e.kind == EdgeKind::Sync) {
        let to = d.node(e.to.as_str()).expect("target");
        assert_ne!(to.kind, NodeKind::Service, "sync saga call {}", e.id);
    }
}

#[test]
fn checkout_request_replays_each_hop_with_latency() {
    let d = references::find("checkout-request")
        .expect("exists")
        .load()
        .expect("loads");
    assert_eq!(d.walkthrough.len(), 10);
    assert!(d.walkthrough.iter().all(|s| s.latency_ms.is_some()));
    let total: u32 = d.walkthrough.iter().filter_map(|s| s.latency_ms).sum();
    assert!(
        (1500..=2000).contains(&total),
        "end-to-end p99 about 1.8 s, got {total} ms"
    );
    let slowest = d
        .walkthrough
        .iter()
        .max_by_key(|s| s.latency_ms)
        .expect("steps");
    assert!(
        slowest.nodes.iter().any(|n| n.as_str() == "stripe"),
        "the payment hop dominates"
    );
    assert!(d.nodes.iter().any(|n| n.kind == NodeKind::Outbox));
}
