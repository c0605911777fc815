//! The shipped reference diagrams: all load, validate, and narrate steps
//! whose highlighted ids exist; every walkthrough closes on its failure
//! mode; the ones PRODUCT.md describes, and `resilience` and `sharding`,
//! have their defining parts.

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
    assert_eq!(d.walkthrough.len(), 11);
    // Every hop of the replay carries its latency; the closing failure step
    // (the provider timing out) is not a hop and adds none.
    let (closing, hops) = d.walkthrough.split_last().expect("steps");
    assert!(hops.iter().all(|s| s.latency_ms.is_some()));
    assert_eq!(closing.latency_ms, None);
    assert!(closing.text.contains("Idempotency-Key"), "{}", closing.text);
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

/// The closing-step convention (ARCHITECTURE.md, "Invariants"): the title,
/// after an optional "NN · " counter, starts "What breaks first" or is a
/// "When …" naming a failure ("When Stripe times out", "When the relay
/// stops").
fn names_a_failure(title: &str) -> bool {
    let title = title
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(" · ");
    title.starts_with("What breaks first")
        || (title.starts_with("When ")
            && ["fail", "dies", "down", "stops", "times out", "behind"]
                .iter()
                .any(|w| title.contains(w)))
}

#[test]
fn every_walkthrough_ends_on_its_failure_mode() {
    assert!(names_a_failure("10 · When Stripe times out"));
    assert!(!names_a_failure("When the order is placed"));
    assert!(!names_a_failure("The sentence to say"));
    for reference in REFERENCES {
        let d = reference.load().expect("loads");
        let (last, before) = d.walkthrough.split_last().expect("a walkthrough");
        assert!(
            names_a_failure(&last.title),
            "{} ends on {:?}, not on what breaks first",
            reference.id,
            last.title
        );
        assert!(
            !last.nodes.is_empty(),
            "{}: the closing step highlights the box that breaks",
            reference.id
        );
        for step in before {
            assert!(
                !step.title.starts_with("What breaks first"),
                "{}: {:?} comes before the end",
                reference.id,
                step.title
            );
        }
    }
}

fn narration(d: &archdrill::model::Diagram) -> String {
    d.walkthrough
        .iter()
        .map(|s| format!("{} {}", s.title, s.text))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn resilience_has_deadline_timeouts_jitter_bulkheads_breaker_states_and_fallback() {
    let d = references::find("resilience")
        .expect("exists")
        .load()
        .expect("loads");
    let text = narration(&d);
    for phrase in [
        "deadline",
        "timeout",
        "full jitter",
        "min(cap, base × 2^attempt)",
        "bulkheads",
        "closed",
        "open",
        "half-open",
        "fallback",
        "idempotency-key",
    ] {
        assert!(text.contains(phrase), "resilience never says {phrase:?}");
    }
    // One guard (pool + timeout, or breaker) per remote dependency, each on
    // the path between its caller and that dependency.
    let guards: Vec<_> = d
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Other)
        .collect();
    assert_eq!(guards.len(), 3);
    for guard in guards {
        let into = d.edges.iter().filter(|e| e.to == guard.id).count();
        let out: Vec<_> = d.edges.iter().filter(|e| e.from == guard.id).collect();
        assert_eq!((into, out.len()), (1, 1), "{}", guard.id);
        let target = d.node(out[0].to.as_str()).expect("target");
        assert!(
            matches!(target.kind, NodeKind::Service | NodeKind::External),
            "{} guards {}",
            guard.id,
            target.id
        );
    }
    // The breaker's states are narrated in order.
    let at = |s: &str| text.find(s).expect(s);
    assert!(at("closed is normal") < at("open fails every call"));
    assert!(at("open fails every call") < at("half-open lets"));
}

#[test]
fn sharding_has_key_map_router_shards_backfill_and_a_hot_shard() {
    let d = references::find("sharding")
        .expect("exists")
        .load()
        .expect("loads");
    let text = narration(&d);
    for phrase in [
        "shard key",
        "customer_id",
        "buckets",
        "shard map",
        "router",
        "backfill",
        "cut-over",
        "consistent hashing",
        "hot shard",
    ] {
        assert!(text.contains(phrase), "sharding never says {phrase:?}");
    }
    let keyspace = d.boundary("orders-keyspace").expect("a keyspace boundary");
    assert!(keyspace.nodes.len() >= 3, "at least three shards");
    for shard in &keyspace.nodes {
        assert_eq!(
            d.node(shard.as_str()).expect("shard").kind,
            NodeKind::Database
        );
    }
    assert!(
        d.nodes.iter().any(|n| n.kind == NodeKind::Worker),
        "a mover for the backfill"
    );
}

/// Both new references carry figures the simulator can speak from: the
/// resilience path folds where checkout-request does (the orders primary at
/// 8.3×), the sharded one at its hot shard, twice as late.
#[test]
fn resilience_and_sharding_simulate_to_their_narrated_figures() {
    use archdrill::simulate::{Scenario, simulate};
    let first = |id: &str| {
        let d = references::find(id).expect("exists").load().expect("loads");
        let sim = simulate(&d, &Scenario::at(10.0)).expect("simulates");
        // The first synchronous bottleneck (a consumer behind the bus may
        // fall behind earlier: that is `first_behind`, not this).
        let b = sim.first_saturated.expect("a bottleneck");
        (b.node.to_string(), b.at_traffic)
    };
    let (node, at) = first("resilience");
    assert_eq!(node, "orders_db");
    assert!((at - 250.0 / 30.0).abs() < 0.01, "{at}");
    let (node, at) = first("sharding");
    assert_eq!(node, "shard_b");
    assert!((at - 250.0 / 15.0).abs() < 0.01, "{at}");
}

/// The five-tier walkthrough's closing step says what the simulator says at
/// 10×, in its order: Payment falls behind first (a growing Kafka backlog,
/// confirmations late, nothing failing), then the write primary is the
/// first box to fail requests, at 1.2× its write capacity.
#[test]
fn five_tier_closing_step_agrees_with_the_simulator() {
    use archdrill::simulate::{Scenario, simulate};
    let d = references::find("five-tier")
        .expect("exists")
        .load()
        .expect("loads");
    let sim = simulate(&d, &Scenario::at(10.0)).expect("simulates");
    let behind = sim.first_behind.expect("a consumer behind");
    let failing = sim.first_saturated.expect("a bottleneck");
    let step = d
        .walkthrough
        .iter()
        .find(|s| s.title.starts_with("What breaks first"))
        .expect("a closing step");
    for id in [behind.node.as_str(), failing.node.as_str()] {
        assert!(
            step.nodes.iter().any(|n| n.as_str() == id),
            "{id} highlighted"
        );
    }
    let text = &step.text;
    let behind_at = format!("{:.1}×", behind.at_traffic);
    let over = format!("{:.1}×", failing.utilisation);
    let (Some(p), Some(q)) = (text.find(&behind_at), text.find(&over)) else {
        panic!("the step names {behind_at} and {over}: {text}");
    };
    assert!(p < q, "what goes wrong first is said first: {text}");
    assert!(text.contains("Payment falls behind") && text.contains("write primary"));
    assert!(text.contains("nothing fails"), "a backlog is not a failure");
}
