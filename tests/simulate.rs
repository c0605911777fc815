//! "What breaks first": the simulator on small hand-computed drawings (exact
//! utilisations), failure modes, loops, the five-tier claim, the CLI's JSON
//! shape and exit codes, and properties of random drawings.
#![expect(clippy::expect_used, reason = "tests fail loudly")]
#![expect(
    clippy::float_cmp,
    reason = "hand-computed figures are exact in binary; the point is to check them exactly"
)]

mod common;

use archdrill::content::references;
use archdrill::model::{Diagram, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind, Point};
use archdrill::simulate::{
    Bound, Heat, Limit, PathStatus, Scenario, SimError, Simulation, simulate,
};
use common::{archdrill, stderr, stdout};
use proptest::prelude::*;

/// A drawing built in a few lines.
struct Draw(Diagram);

impl Draw {
    fn new() -> Self {
        Self(Diagram::default())
    }

    fn node(mut self, id: &str, kind: NodeKind, set: impl FnOnce(&mut Node)) -> Self {
        let mut node = Node::new(id, &format!("{id} box"), kind, Point::default());
        set(&mut node);
        self.0.nodes.push(node);
        self
    }

    fn plain(self, id: &str, kind: NodeKind) -> Self {
        self.node(id, kind, |_| {})
    }

    fn edge(self, from: &str, to: &str, kind: EdgeKind) -> Self {
        self.edge_with(from, to, kind, |_| {})
    }

    fn edge_with(
        mut self,
        from: &str,
        to: &str,
        kind: EdgeKind,
        set: impl FnOnce(&mut Edge),
    ) -> Self {
        let id = format!("{from}-{to}-{}", self.0.edges.len());
        let mut edge = Edge::new(&id, from, to, kind);
        set(&mut edge);
        self.0.edges.push(edge);
        self
    }

    fn run(&self, scenario: &Scenario) -> Simulation {
        simulate(&self.0, scenario).expect("simulates")
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[track_caller]
fn assert_close(got: f64, want: f64) {
    assert!(close(got, want), "got {got}, want {want}");
}

fn load(sim: &Simulation, id: &str) -> (f64, f64) {
    let n = sim.node(id).expect("node in the report");
    (n.load_rps, n.utilisation)
}

fn client(rps: f64) -> impl FnOnce(&mut Node) {
    move |n| n.capacity.entry_rps = Some(rps)
}

fn rps(rps: f64) -> impl FnOnce(&mut Node) {
    move |n| n.capacity.rps = Some(rps)
}

/// client 100 → gateway (1,000) → service (200) → database (50 writes/s).
fn chain() -> Draw {
    Draw::new()
        .node("app", NodeKind::Client, client(100.0))
        .node("gw", NodeKind::Gateway, rps(1000.0))
        .node("svc", NodeKind::Service, rps(200.0))
        .node("db", NodeKind::Database, |n| {
            n.capacity.writes_per_s = Some(50.0);
            n.capacity.reads_per_s = Some(1000.0);
        })
        .edge("app", "gw", EdgeKind::Sync)
        .edge("gw", "svc", EdgeKind::Sync)
        .edge_with("svc", "db", EdgeKind::Data, |e| {
            e.traffic.writes = Some(1.0);
        })
}

#[test]
fn a_chain_has_exact_utilisations_and_the_first_bottleneck() {
    let sim = chain().run(&Scenario::at(1.0));
    assert_eq!(load(&sim, "app"), (100.0, 0.0));
    assert_eq!(load(&sim, "gw"), (100.0, 0.1));
    assert_eq!(load(&sim, "svc"), (100.0, 0.5));
    assert_eq!(load(&sim, "db"), (100.0, 2.0));
    let db = sim.node("db").expect("db");
    assert_eq!(db.writes_per_s, 100.0);
    assert_eq!(db.reads_per_s, 0.0);
    assert_eq!(db.capacity_rps, Some(50.0));
    assert_eq!(db.bound, Bound::Writes);
    let first = sim.first_bottleneck.as_ref().expect("a bottleneck");
    assert_eq!(first.node.as_str(), "db");
    assert_eq!(first.at_traffic, 0.5);
    assert_eq!(first.metric, "IOPS and connections");
    assert_eq!(sim.node("svc").and_then(|n| n.at_traffic), Some(2.0));
    assert_eq!(sim.node("gw").and_then(|n| n.at_traffic), Some(10.0));
    // Utilisation is linear in the multiplier; at_traffic = X / ρ(X).
    let at3 = chain().run(&Scenario::at(3.0));
    assert_eq!(load(&at3, "svc"), (300.0, 1.5));
    assert_close(3.0 / load(&at3, "svc").1, 2.0);
    assert_eq!(
        sim.headline(),
        "At 1× db box reaches 2× its write capacity first (it saturates at 0.5×); watch IOPS and connections."
    );
}

#[test]
fn latency_grows_with_utilisation_and_littles_law_gives_concurrency() {
    let d = Draw::new()
        .node("app", NodeKind::Client, client(100.0))
        .node("svc", NodeKind::Service, |n| {
            n.capacity.rps = Some(200.0);
            n.capacity.p50_ms = Some(20.0);
            n.capacity.p99_ms = Some(100.0);
        })
        .edge("app", "svc", EdgeKind::Sync);
    let svc = d.run(&Scenario::at(1.0)).node("svc").cloned().expect("svc");
    // ρ = 0.5: W = 20 / (1 − 0.5) = 40 ms; L = 100/s × 0.040 s = 4.
    assert_eq!(svc.latency_p50_ms, Some(40.0));
    assert_eq!(svc.latency_p99_ms, Some(200.0));
    assert_close(svc.concurrency.expect("finite"), 4.0);
    let saturated = d.run(&Scenario::at(2.0)).node("svc").cloned().expect("svc");
    assert_eq!(saturated.latency_p50_ms, None);
    assert_eq!(saturated.heat(), Heat::Saturated);
}

#[test]
fn a_gateway_splits_evenly_and_a_service_calls_every_dependency() {
    let d = Draw::new()
        .node("app", NodeKind::Client, client(120.0))
        .plain("gw", NodeKind::Gateway)
        .plain("a", NodeKind::Service)
        .plain("b", NodeKind::Service)
        .plain("c", NodeKind::Service)
        .plain("x", NodeKind::Service)
        .plain("y", NodeKind::Service)
        .edge("app", "gw", EdgeKind::Sync)
        .edge("gw", "a", EdgeKind::Sync)
        .edge("gw", "b", EdgeKind::Sync)
        .edge_with("gw", "c", EdgeKind::Sync, |e| e.traffic.share = Some(0.5))
        .edge("a", "x", EdgeKind::Sync)
        .edge("a", "y", EdgeKind::Sync)
        .edge_with("b", "y", EdgeKind::Sync, |e| e.traffic.share = Some(3.0));
    let sim = d.run(&Scenario::at(1.0));
    // c takes its explicit half; a and b share the other half.
    assert_eq!(load(&sim, "c").0, 60.0);
    assert_eq!(load(&sim, "a").0, 30.0);
    assert_eq!(load(&sim, "b").0, 30.0);
    // a calls both x and y for every request; b calls y three times.
    assert_eq!(load(&sim, "x").0, 30.0);
    assert_eq!(load(&sim, "y").0, 30.0 + 90.0);
    // Default service capacity: 300 RPS per instance.
    assert_eq!(load(&sim, "y").1, 0.4);
}

/// service (100/s) with arrows to a cache (hit ratio 0.9) and a database.
fn cache_aside() -> Draw {
    Draw::new()
        .node("app", NodeKind::Client, client(100.0))
        .plain("svc", NodeKind::Service)
        .plain("redis", NodeKind::Cache)
        .node("db", NodeKind::Database, |n| {
            n.capacity.reads_per_s = Some(50.0);
            n.capacity.writes_per_s = Some(100.0);
        })
        .edge("app", "svc", EdgeKind::Sync)
        .edge("svc", "redis", EdgeKind::Data)
        .edge_with("svc", "db", EdgeKind::Data, |e| {
            e.traffic.writes = Some(0.2);
        })
}

#[test]
fn cache_aside_hits_stop_at_the_cache_and_misses_reach_the_store() {
    let sim = cache_aside().run(&Scenario::at(1.0));
    // 80 reads go to Redis, 8 miss to the database; 20 writes go straight there.
    assert_eq!(load(&sim, "redis").0, 80.0);
    let db = sim.node("db").expect("db");
    assert_close(db.reads_per_s, 8.0);
    assert_close(db.writes_per_s, 20.0);
    // ρ = 8 / 50 + 20 / 100.
    assert_close(db.utilisation, 0.36);
    assert!(sim.fallbacks.is_empty());
}

#[test]
fn a_cache_taken_down_shifts_its_reads_onto_the_store() {
    let sim = cache_aside().run(&Scenario::at(1.0).with_down("redis"));
    assert_eq!(load(&sim, "redis"), (0.0, 0.0));
    let db = sim.node("db").expect("db");
    assert_close(db.reads_per_s, 80.0);
    assert_close(db.utilisation, 80.0 / 50.0 + 0.2);
    let [fallback] = sim.fallbacks.as_slice() else {
        panic!("one fallback: {:?}", sim.fallbacks);
    };
    assert_eq!(fallback.store.as_str(), "db");
    assert!(fallback.saturates());
    // The path through the cache is degraded (reads fall through), not failed.
    let degraded: Vec<Vec<&str>> = sim
        .paths_with(PathStatus::Degraded)
        .map(|p| p.nodes.iter().map(NodeId::as_str).collect())
        .collect();
    assert_eq!(degraded, vec![vec!["app", "svc", "redis"]]);
    assert_eq!(sim.paths_with(PathStatus::Failed).count(), 0);
    assert!(
        sim.sentences()
            .iter()
            .any(|s| s.contains("its reads fall on db box") && s.contains("it saturates")),
        "{:?}",
        sim.sentences()
    );
    assert_eq!(
        sim.sentences().last().map(String::as_str),
        Some("With redis box down, of 2 request paths: 0 failed, 1 degraded, 1 unaffected."),
        "the box down by its label"
    );
}

#[test]
fn a_cache_that_is_the_store_fails_its_paths_when_down() {
    let d = Draw::new()
        .node("app", NodeKind::Client, client(10.0))
        .plain("cart", NodeKind::Service)
        .plain("redis", NodeKind::Cache)
        .edge("app", "cart", EdgeKind::Sync)
        .edge("cart", "redis", EdgeKind::Data);
    let up = d.run(&Scenario::at(1.0));
    assert_eq!(load(&up, "redis").0, 10.0);
    let down = d.run(&Scenario::at(1.0).with_down("redis"));
    assert_eq!(down.paths_with(PathStatus::Failed).count(), 1);
    assert_eq!(down.blast_radius.len(), 2, "cart, then app");
}

#[test]
fn a_read_through_cache_passes_its_misses_on_as_reads() {
    let d = Draw::new()
        .node("app", NodeKind::Client, client(100.0))
        .plain("svc", NodeKind::Service)
        .node("cache", NodeKind::Cache, |n| {
            n.capacity.hit_ratio = Some(0.75);
        })
        .plain("db", NodeKind::Database)
        .edge("app", "svc", EdgeKind::Sync)
        .edge("svc", "cache", EdgeKind::Data)
        .edge("cache", "db", EdgeKind::Data);
    let sim = d.run(&Scenario::at(2.0));
    assert_eq!(load(&sim, "cache").0, 200.0);
    let db = sim.node("db").expect("db");
    assert_eq!((db.reads_per_s, db.writes_per_s), (50.0, 0.0));
}

/// client 100 → service → bus → worker (30/s) → database.
fn buffered() -> Draw {
    Draw::new()
        .node("app", NodeKind::Client, client(100.0))
        .plain("svc", NodeKind::Service)
        .plain("bus", NodeKind::Bus)
        .node("worker", NodeKind::Worker, rps(30.0))
        .node("db", NodeKind::Database, |n| {
            n.capacity.writes_per_s = Some(40.0);
        })
        .edge("app", "svc", EdgeKind::Sync)
        .edge_with("svc", "bus", EdgeKind::Async, |e| {
            e.label = "OrderPlaced".into();
        })
        .edge_with("bus", "worker", EdgeKind::Async, |e| {
            e.label = "OrderPlaced".into();
        })
        .edge_with("worker", "db", EdgeKind::Data, |e| {
            e.traffic.writes = Some(1.0);
        })
}

#[test]
fn a_slow_consumer_makes_the_bus_grow_not_fail() {
    let sim = buffered().run(&Scenario::at(1.0));
    let [queue] = sim.queues.as_slice() else {
        panic!("one queue: {:?}", sim.queues);
    };
    assert_eq!(queue.node.as_str(), "bus");
    assert_eq!(queue.growth_per_s, 70.0);
    assert_eq!(queue.lagging[0].drained_per_s, 30.0);
    // The worker is loaded by what it drains.
    assert_eq!(load(&sim, "worker"), (30.0, 1.0));
    assert_eq!(
        sim.node("worker").map(archdrill::simulate::NodeLoad::heat),
        Some(Heat::Buffering)
    );
    assert_eq!(load(&sim, "bus").0, 100.0);
    // Buffering is not a failure: every path is unaffected, and the first
    // synchronous bottleneck is the service on the request path (300/s at
    // 3×). The worker falls behind first (offered 100/s at 1× of its 30):
    // its ρ reaches 1 at 0.3×, so it is PRODUCT.md's first bottleneck, of
    // the kind that lags rather than fails.
    assert_eq!(
        sim.paths_with(PathStatus::Unaffected).count(),
        sim.paths.len()
    );
    let sync = sim.first_saturated.as_ref().expect("a bottleneck");
    assert_eq!((sync.node.as_str(), sync.at_traffic), ("svc", 3.0));
    assert_eq!(sync.limit, Limit::Saturates);
    let behind = sim.first_behind.as_ref().expect("a consumer behind");
    assert_eq!(
        (behind.node.as_str(), behind.limit),
        ("worker", Limit::FallsBehind)
    );
    assert_close(behind.at_traffic, 0.3);
    let first = sim.first_bottleneck.as_ref().expect("a bottleneck");
    assert_eq!(first.node.as_str(), "worker");
    assert_close(first.at_traffic, 0.3);
    assert_eq!(sim.node("worker").and_then(|n| n.at_traffic), None);
    // Behind the capped worker the database never sees more than 30 writes/s
    // of its 40: it never saturates, at any multiplier.
    assert_eq!(sim.node("db").and_then(|n| n.at_traffic), None);
    let at_100 = buffered().run(&Scenario::at(100.0));
    assert_eq!(load(&at_100, "db"), (30.0, 0.75));
    assert_eq!(at_100.queues[0].growth_per_s, 10_000.0 - 30.0);
    assert!(
        sim.sentences()[1].starts_with("bus box buffers: its backlog grows by 70 messages/s"),
        "{:?}",
        sim.sentences()
    );
}

#[test]
fn below_the_consumers_capacity_nothing_queues_and_loads_are_linear() {
    let sim = buffered().run(&Scenario::at(0.2));
    assert!(sim.queues.is_empty());
    assert_close(load(&sim, "worker").0, 20.0);
    // Under the worker's 30/s (it caps at 0.3×) the database sees all of it.
    let db = sim.node("db").expect("db");
    assert_close(db.writes_per_s, 20.0);
}

#[test]
fn a_consumer_taken_down_degrades_its_paths_and_its_bus_takes_everything() {
    let sim = buffered().run(&Scenario::at(1.0).with_down("worker"));
    assert_eq!(sim.queues[0].growth_per_s, 100.0);
    assert_eq!(sim.paths_with(PathStatus::Degraded).count(), 1);
    assert_eq!(sim.paths_with(PathStatus::Failed).count(), 0);
    // A consumer whose store is down cannot finish its work: it drains nothing.
    let blocked = buffered().run(&Scenario::at(1.0).with_down("db"));
    assert_eq!(blocked.queues[0].growth_per_s, 100.0);
    assert_eq!(load(&blocked, "worker").0, 0.0);
}

#[test]
fn subscriptions_take_the_events_their_label_names() {
    let d = Draw::new()
        .node("app", NodeKind::Client, client(100.0))
        .plain("order", NodeKind::Service)
        .node("inventory", NodeKind::Service, |n| {
            n.capacity.instances = Some(2);
        })
        .plain("bus", NodeKind::Bus)
        .plain("audit", NodeKind::Worker)
        .plain("mail", NodeKind::Worker)
        .edge("app", "order", EdgeKind::Sync)
        .edge_with("order", "bus", EdgeKind::Async, |e| {
            e.label = "OrderPlaced".into();
        })
        .edge_with("bus", "inventory", EdgeKind::Async, |e| {
            e.label = "OrderPlaced".into();
        })
        .edge_with("inventory", "bus", EdgeKind::Async, |e| {
            e.label = "InventoryReserved".into();
        })
        .edge_with("bus", "mail", EdgeKind::Async, |e| {
            e.label = "Inventory reserved".into();
        })
        .edge_with("bus", "audit", EdgeKind::Async, |e| {
            e.label = "all events".into();
        });
    let sim = d.run(&Scenario::at(1.0));
    assert_eq!(load(&sim, "inventory").0, 100.0);
    assert_eq!(load(&sim, "mail").0, 100.0);
    assert_eq!(
        load(&sim, "audit").0,
        200.0,
        "OrderPlaced + InventoryReserved"
    );
    assert_eq!(load(&sim, "bus").0, 200.0);
    assert!(
        sim.cut_edges.is_empty(),
        "an event chain through one bus is not a loop"
    );
}

#[test]
fn a_cycle_terminates_and_its_closing_arrow_is_cut() {
    let d = Draw::new()
        .node("app", NodeKind::Client, client(50.0))
        .plain("a", NodeKind::Service)
        .plain("b", NodeKind::Service)
        .plain("c", NodeKind::Service)
        .edge("app", "a", EdgeKind::Sync)
        .edge("a", "b", EdgeKind::Sync)
        .edge("b", "c", EdgeKind::Sync)
        .edge("c", "a", EdgeKind::Sync)
        .edge("b", "b", EdgeKind::Sync);
    let sim = d.run(&Scenario::at(1.0));
    for id in ["a", "b", "c"] {
        assert_eq!(load(&sim, id).0, 50.0, "{id}");
    }
    let cut: Vec<&str> = sim.cut_edges.iter().map(EdgeId::as_str).collect();
    assert_eq!(cut, vec!["c-a-3", "b-b-4"]);
    assert!(!sim.paths.is_empty());
}

#[test]
fn a_down_gateway_fails_every_client_path() {
    let d = Draw::new()
        .node("web", NodeKind::Client, client(10.0))
        .node("ios", NodeKind::Client, client(10.0))
        .plain("gw", NodeKind::Gateway)
        .plain("a", NodeKind::Service)
        .plain("b", NodeKind::Service)
        .plain("db", NodeKind::Database)
        .plain("bus", NodeKind::Bus)
        .plain("w", NodeKind::Worker)
        .edge("web", "gw", EdgeKind::Sync)
        .edge("ios", "gw", EdgeKind::Sync)
        .edge("gw", "a", EdgeKind::Sync)
        .edge("gw", "b", EdgeKind::Sync)
        .edge("a", "db", EdgeKind::Data)
        .edge("b", "bus", EdgeKind::Async)
        .edge("bus", "w", EdgeKind::Async);
    let sim = d.run(&Scenario::at(1.0).with_down("gw"));
    assert!(sim.paths.len() >= 4, "{:?}", sim.paths);
    assert!(sim.paths.iter().all(|p| p.status == PathStatus::Failed));
    assert!(
        sim.paths
            .iter()
            .all(|p| p.cause.as_ref().is_some_and(|c| c.as_str() == "gw"))
    );
    assert_eq!(load(&sim, "a").0, 0.0);
    let radius: Vec<Vec<&str>> = sim
        .blast_radius
        .iter()
        .map(|l| l.iter().map(NodeId::as_str).collect())
        .collect();
    assert_eq!(radius, vec![vec!["web", "ios"]]);
    // An async hop downstream of a down box is degraded, not failed.
    let w_down = d.run(&Scenario::at(1.0).with_down("w"));
    assert_eq!(w_down.paths_with(PathStatus::Degraded).count(), 2);
}

#[test]
fn an_outbox_relay_is_driven_by_the_writes_it_polls() {
    let d = Draw::new()
        .node("app", NodeKind::Client, client(40.0))
        .plain("order", NodeKind::Service)
        .plain("outbox", NodeKind::Outbox)
        .node("poller", NodeKind::Worker, rps(25.0))
        .plain("kafka", NodeKind::Bus)
        .edge("app", "order", EdgeKind::Sync)
        .edge_with("order", "outbox", EdgeKind::Data, |e| {
            e.label = "same tx".into();
        })
        .edge_with("poller", "outbox", EdgeKind::Data, |e| {
            e.label = "poll".into();
        })
        .edge("poller", "kafka", EdgeKind::Async);
    let sim = d.run(&Scenario::at(1.0));
    assert_eq!(sim.node("outbox").map(|n| n.writes_per_s), Some(40.0));
    assert_eq!(load(&sim, "poller").0, 25.0);
    assert_eq!(load(&sim, "kafka").0, 25.0);
    let [queue] = sim.queues.as_slice() else {
        panic!("{:?}", sim.queues)
    };
    assert_eq!((queue.node.as_str(), queue.growth_per_s), ("outbox", 15.0));
}

#[test]
fn no_client_means_no_traffic_and_zero_traffic_is_idle() {
    let d = Draw::new()
        .plain("svc", NodeKind::Service)
        .plain("db", NodeKind::Database)
        .edge("svc", "db", EdgeKind::Data);
    let sim = d.run(&Scenario::at(10.0));
    assert_eq!(sim.first_bottleneck, None);
    assert_eq!(sim.headline(), "Nothing flows: no client sends traffic.");
    let idle = chain().run(&Scenario::at(0.0));
    assert!(idle.nodes.iter().all(|n| n.load_rps == 0.0));
    assert_eq!(
        idle.first_bottleneck.map(|b| b.at_traffic),
        Some(0.5),
        "the multiplier at which it saturates does not depend on X"
    );
}

#[test]
fn clients_without_a_rate_share_the_default_120_rps() {
    let d = Draw::new()
        .plain("a", NodeKind::Client)
        .plain("b", NodeKind::Client)
        .node("c", NodeKind::Client, client(5.0))
        .plain("svc", NodeKind::Service)
        .edge("a", "svc", EdgeKind::Sync)
        .edge("b", "svc", EdgeKind::Sync)
        .edge("c", "svc", EdgeKind::Sync);
    let sim = d.run(&Scenario::at(1.0));
    assert_eq!(sim.entry_rps, 125.0);
    assert_eq!(load(&sim, "a").0, 60.0);
    assert_eq!(load(&sim, "svc").0, 125.0);
}

#[test]
fn unknown_nodes_and_bad_multipliers_are_errors() {
    let err = simulate(&chain().0, &Scenario::at(1.0).with_down("sv")).expect_err("unknown node");
    let SimError::UnknownNode { id, close } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(id, "sv");
    assert_eq!(close, &vec!["svc".to_owned()]);
    assert!(err.to_string().contains("did you mean `svc`?"));
    for x in [-1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            simulate(&chain().0, &Scenario::at(x)),
            Err(SimError::BadTraffic(_))
        ));
    }
}

fn reference(id: &str) -> Diagram {
    references::find(id)
        .and_then(|r| r.load().ok())
        .expect("reference loads")
}

#[test]
fn five_tier_at_10x_names_the_orders_primary_first_and_the_bus_buffers() {
    let sim = simulate(&reference("five-tier"), &Scenario::at(10.0)).expect("simulates");
    let first = sim.first_saturated.as_ref().expect("a bottleneck");
    assert_eq!(first.node.as_str(), "orders_db");
    assert_eq!(first.bound, Bound::Writes);
    assert_eq!(first.metric, "IOPS and connections");
    // 30 orders/s at 1× (a quarter of 120 RPS) against 250 writes/s.
    assert_close(first.at_traffic, 250.0 / 30.0);
    assert_close(first.utilisation, 1.2);
    // It goes before every other box that takes pushed load.
    for n in &sim.nodes {
        if let Some(at) = n.at_traffic
            && n.id != first.node
        {
            assert!(at > first.at_traffic * 2.0, "{} at {at}", n.id);
        }
    }
    let kafka = sim.queues.iter().find(|q| q.node.as_str() == "kafka");
    let kafka = kafka.expect("Kafka buffers");
    assert_close(kafka.growth_per_s, 300.0 - 80.0);
    assert_eq!(kafka.lagging[0].node.as_str(), "payment");
    // The bus keeps Stripe under its rate limit.
    assert_close(load(&sim, "stripe").1, 0.8);
    assert_eq!(
        sim.headline(),
        "At 10× Payment service has fallen behind (from 2.67×): its backlog in Kafka grows by 220 messages/s and PaymentCaptured lags, though no request fails; watch consumer lag. \
         Orders Postgres (write primary) is the first synchronous bottleneck: it reaches 1.2× its write capacity (it saturates at 8.33×); watch IOPS and connections."
    );
    assert!(sim.paths.iter().all(|p| p.status == PathStatus::Unaffected));
}

#[test]
fn five_tier_without_redis_shifts_catalog_reads_to_its_database() {
    let d = reference("five-tier");
    let up = simulate(&d, &Scenario::at(10.0)).expect("simulates");
    let down = simulate(&d, &Scenario::at(10.0).with_down("redis")).expect("simulates");
    let reads = |s: &Simulation| s.node("catalog_db").map(|n| n.reads_per_s);
    assert_eq!(reads(&up).map(|r| (r * 1e6).round() / 1e6), Some(30.0));
    assert_eq!(reads(&down), Some(300.0));
    let [fallback] = down.fallbacks.as_slice() else {
        panic!("{:?}", down.fallbacks)
    };
    assert_eq!(fallback.store.as_str(), "catalog_db");
    assert!(!fallback.saturates(), "20,000 reads/s take 300 easily");
    // Carts live only in Redis: their paths fail; catalog paths degrade.
    let failed: Vec<&str> = down
        .paths_with(PathStatus::Failed)
        .map(|p| p.nodes[3].as_str())
        .collect();
    assert_eq!(failed, vec!["cart", "cart"]);
    assert_eq!(down.paths_with(PathStatus::Degraded).count(), 2);
}

#[test]
fn five_tier_without_its_gateway_fails_every_path() {
    let sim = simulate(
        &reference("five-tier"),
        &Scenario::at(1.0).with_down("gateway"),
    )
    .expect("simulates");
    assert!(!sim.paths.is_empty());
    assert!(sim.paths.iter().all(|p| p.status == PathStatus::Failed));
}

#[test]
fn every_reference_simulates_with_finite_figures() {
    for r in references::REFERENCES {
        let d = r.load().expect("loads");
        for x in [0.0, 1.0, 10.0, 1000.0] {
            let sim = simulate(&d, &Scenario::at(x)).expect("simulates");
            assert_finite(&sim);
        }
    }
}

fn assert_finite(sim: &Simulation) {
    for n in &sim.nodes {
        assert!(n.load_rps.is_finite() && n.load_rps >= 0.0, "{n:?}");
        assert!(n.utilisation.is_finite() && n.utilisation >= 0.0, "{n:?}");
        assert!(n.capacity_rps.is_none_or(f64::is_finite), "{n:?}");
        assert!(
            n.at_traffic.is_none_or(|a| a.is_finite() && a >= 0.0),
            "{n:?}"
        );
        for v in [n.latency_p50_ms, n.latency_p99_ms, n.concurrency]
            .into_iter()
            .flatten()
        {
            assert!(v.is_finite() && v >= 0.0, "{n:?}");
        }
    }
    for q in &sim.queues {
        assert!(q.growth_per_s.is_finite() && q.growth_per_s > 0.0, "{q:?}");
    }
}

// --- the CLI -------------------------------------------------------------

fn json(args: &[&str]) -> serde_json::Value {
    let out = archdrill(args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("one JSON object")
}

fn keys(v: &serde_json::Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

#[test]
fn cli_json_has_exactly_the_contract_shape() {
    let v = json(&["simulate", "five-tier", "--traffic", "10", "--json"]);
    assert_eq!(
        keys(&v),
        ["first_bottleneck", "nodes", "paths", "queues", "traffic"]
    );
    assert_eq!(v["traffic"], 10.0);
    let nodes = v["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), reference("five-tier").nodes.len());
    for n in nodes {
        assert_eq!(
            keys(n),
            ["capacity_rps", "id", "kind", "load_rps", "utilisation"]
        );
        assert!(n["load_rps"].is_f64() && n["utilisation"].is_f64(), "{n}");
        // Unbounded boxes read 0, never "-0.0".
        let rho = n["utilisation"].as_f64().expect("number");
        assert!(rho >= 0.0 && !rho.is_sign_negative(), "{n}");
        assert!(n["capacity_rps"].is_f64() || n["kind"] == "client", "{n}");
    }
    let db = nodes
        .iter()
        .find(|n| n["id"] == "orders_db")
        .expect("orders_db");
    assert!((db["utilisation"].as_f64().expect("number") - 1.2).abs() < 1e-9);
    assert_eq!(db["capacity_rps"], 250.0);
    let first = &v["first_bottleneck"];
    assert_eq!(keys(first), ["at_traffic", "kind", "metric", "node"]);
    // "The node that first reaches utilisation 1.0": Payment, a consumer
    // behind Kafka (30/s at 1× of its 80), at 8/3×; the orders primary only
    // at 8.33×. Its ρ in `nodes` is 1.0 at 10×, as the contract reads.
    assert_eq!(first["node"], "payment");
    assert_eq!(first["kind"], "service");
    assert_eq!(first["metric"], "consumer lag");
    let at = first["at_traffic"].as_f64().expect("number");
    assert!((at - 80.0 / 30.0).abs() < 1e-9, "{at}");
    let payment = nodes
        .iter()
        .find(|n| n["id"] == "payment")
        .expect("payment");
    assert_eq!(payment["utilisation"], 1.0);
    let queues = v["queues"].as_array().expect("queues");
    assert_eq!(keys(&queues[0]), ["growth_per_s", "node"]);
    assert_eq!(queues[0]["node"], "kafka");
    assert!(queues[0]["growth_per_s"].as_f64().expect("number") > 0.0);
    assert_eq!(keys(&v["paths"]), ["degraded", "failed", "unaffected"]);
    let unaffected = v["paths"]["unaffected"].as_array().expect("paths");
    assert!(unaffected.iter().all(|p| {
        p.as_array()
            .is_some_and(|ids| ids.first().is_some_and(|c| c == "mobile" || c == "web"))
    }));
}

#[test]
fn cli_down_nodes_classify_paths() {
    let v = json(&[
        "simulate",
        "five-tier",
        "--traffic",
        "1",
        "--down",
        "gateway",
        "--json",
    ]);
    assert!(
        v["paths"]["unaffected"]
            .as_array()
            .expect("list")
            .is_empty()
    );
    assert!(v["paths"]["degraded"].as_array().expect("list").is_empty());
    assert!(!v["paths"]["failed"].as_array().expect("list").is_empty());
    let v = json(&[
        "simulate",
        "five-tier",
        "--traffic",
        "10",
        "--down",
        "redis",
        "--down",
        "payment",
        "--json",
    ]);
    let degraded = v["paths"]["degraded"].as_array().expect("list");
    assert!(degraded.iter().any(|p| {
        p.as_array()
            .is_some_and(|ids| ids.contains(&"payment".into()))
    }));
}

#[test]
fn cli_text_says_the_sentence() {
    let out = archdrill(&["simulate", "five-tier", "--traffic", "10x"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "At 10× Payment service has fallen behind (from 2.67×): its backlog in Kafka grows by 220 messages/s and PaymentCaptured lags, though no request fails"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Orders Postgres (write primary) is the first synchronous bottleneck: it reaches 1.2× its write capacity (it saturates at 8.33×)"
        ),
        "{text}"
    );
    // The consumer's limit is in the table too, marked as a lag.
    let payment = text
        .lines()
        .find(|l| l.starts_with("payment "))
        .expect("row");
    assert!(payment.contains("2.67× lag"), "{payment}");
    assert!(
        text.contains("Kafka buffers: its backlog grows by 220 messages/s"),
        "{text}"
    );
}

#[test]
fn cli_exit_codes() {
    let out = archdrill(&[
        "simulate",
        "five-tier",
        "--traffic",
        "10",
        "--down",
        "redsi",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`redsi`") && err.contains("`redis`"), "{err}");
    assert!(stdout(&out).is_empty());
    let out = archdrill(&[
        "simulate",
        "five-tier",
        "--traffic",
        "10",
        "--down",
        "zzzzzz",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("node ids: mobile, web"),
        "{}",
        stderr(&out)
    );
    for bad in ["-3", "ten", "inf", "NaN"] {
        let out = archdrill(&["simulate", "five-tier", &format!("--traffic={bad}")]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
    }
    let out = archdrill(&["simulate", "no-such-file.ron", "--traffic", "10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-file.ron"));
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(version: 1, nodes: [(id: \"a\", label: \"A\", kind: service, pos: (x: 0.0, y: 0.0), capacity: (rps: -5.0))])")
        .expect("write");
    let out = archdrill(&["simulate", bad.to_str().expect("utf-8"), "--traffic", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`rps` is -5"), "{}", stderr(&out));
}

#[test]
fn cli_reads_files_with_capacity_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("small.ron");
    std::fs::write(
        &path,
        r#"(
    version: 1,
    nodes: [
        (id: "app", label: "App", kind: client, pos: (x: 0.0, y: 0.0), capacity: (entry_rps: 50)),
        (id: "svc", label: "Orders API", kind: service, pos: (x: 200.0, y: 0.0), capacity: (rps: 100.0)),
        (id: "db", label: "Orders DB", kind: database, pos: (x: 400.0, y: 0.0), capacity: (writes_per_s: Some(20.0))),
    ],
    edges: [
        (id: "e1", from: "app", to: "svc", kind: sync),
        (id: "e2", from: "svc", to: "db", kind: data, label: "INSERT", traffic: (share: 0.5)),
    ],
)"#,
    )
    .expect("write");
    let v = json(&[
        "simulate",
        path.to_str().expect("utf-8"),
        "--traffic",
        "2",
        "--json",
    ]);
    let db = &v["nodes"][2];
    assert_eq!(db["load_rps"], 50.0);
    assert_eq!(db["utilisation"], 2.5);
    assert_eq!(v["first_bottleneck"]["node"], "db");
    assert_eq!(v["first_bottleneck"]["at_traffic"], 0.8);
    assert_eq!(v["nodes"][1]["utilisation"], 1.0);
}

// --- properties ----------------------------------------------------------

fn random_diagram() -> impl Strategy<Value = (Diagram, Vec<usize>)> {
    (1usize..14).prop_flat_map(|n| {
        let node = (
            0usize..NodeKind::ALL.len(),
            proptest::option::of(1.0e-3f64..1.0e7),
            proptest::option::of(0u32..5),
            proptest::option::of(0.0f64..=1.0),
            proptest::option::of(0.0f64..1.0e4),
        );
        let edge = (
            0..n,
            0..n,
            0usize..EdgeKind::ALL.len(),
            proptest::sample::select(vec!["", "A", "B", "A, B", "all events", "read", "write"]),
            proptest::option::of(0.0f64..=1000.0),
            proptest::option::of(0.0f64..=1.0),
        );
        (
            proptest::collection::vec(node, n),
            proptest::collection::vec(edge, 0..(3 * n)),
            proptest::collection::vec(0..n, 0..3),
        )
            .prop_map(|(nodes, edges, down)| {
                let mut d = Diagram::default();
                for (i, (kind, rps, instances, hit, entry)) in nodes.into_iter().enumerate() {
                    let mut node = Node::new(
                        &format!("n{i}"),
                        "box",
                        NodeKind::ALL[kind],
                        Point::default(),
                    );
                    node.capacity.rps = rps;
                    node.capacity.instances = instances.filter(|&k| k > 0);
                    node.capacity.hit_ratio = hit;
                    node.capacity.entry_rps = entry;
                    d.nodes.push(node);
                }
                for (i, (a, b, kind, label, share, writes)) in edges.into_iter().enumerate() {
                    let mut edge = Edge::new(
                        &format!("e{i}"),
                        &format!("n{a}"),
                        &format!("n{b}"),
                        EdgeKind::ALL[kind],
                    );
                    label.clone_into(&mut edge.label);
                    edge.traffic.share = share;
                    edge.traffic.writes = writes;
                    d.edges.push(edge);
                }
                (d, down)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_drawings_never_panic_and_stay_finite(
        (d, down) in random_diagram(),
        x in prop_oneof![Just(0.0), Just(1.0), 0.0f64..1.0e6],
    ) {
        let mut scenario = Scenario::at(x);
        for i in down {
            scenario = scenario.with_down(&format!("n{i}"));
        }
        let sim = simulate(&d, &scenario).expect("simulates");
        assert_finite(&sim);
        let text = archdrill::cli::simulate_json(&sim).to_string();
        prop_assert!(!text.contains("inf") && !text.contains("NaN"), "{}", text);
        // Loads are monotone in the multiplier.
        let more = simulate(&d, &Scenario { traffic: x * 2.0 + 1.0, ..scenario.clone() })
            .expect("simulates");
        for (a, b) in sim.nodes.iter().zip(&more.nodes) {
            prop_assert!(b.load_rps + 1e-6 * a.load_rps.max(1.0) >= a.load_rps, "{:?} {:?}", a, b);
        }
        for p in &sim.paths {
            prop_assert!(p.nodes.len() >= 2);
            prop_assert_eq!(p.status == PathStatus::Unaffected, p.cause.is_none());
        }
    }

    #[test]
    fn loads_are_conserved_along_a_chain(
        kinds in proptest::collection::vec(
            proptest::sample::select(vec![
                NodeKind::Edge, NodeKind::LoadBalancer, NodeKind::Gateway,
                NodeKind::Service, NodeKind::Worker, NodeKind::External, NodeKind::Other,
            ]),
            1..20,
        ),
        entry in 0.0f64..1.0e5,
        x in 0.0f64..1.0e3,
    ) {
        let mut draw = Draw::new().node("c", NodeKind::Client, client(entry));
        let mut previous = "c".to_owned();
        for (i, kind) in kinds.iter().enumerate() {
            let id = format!("n{i}");
            draw = draw.plain(&id, *kind).edge(&previous, &id, EdgeKind::Sync);
            previous = id;
        }
        let sim = draw.run(&Scenario::at(x));
        for n in &sim.nodes {
            prop_assert!(close(n.load_rps, entry * x), "{:?}", n);
        }
    }
}

/// A store's capacity is quoted at the drawing's read/write mix, which does
/// not depend on the multiplier: at 0× (no traffic yet) it is the same as at
/// any other level, not the write capacity of an idle store.
#[test]
fn a_store_capacity_does_not_change_at_zero_traffic() {
    let d = reference("five-tier");
    let capacity = |x: f64| {
        let sim = simulate(&d, &Scenario::at(x)).expect("simulates");
        sim.node("catalog_db").and_then(|n| n.capacity_rps)
    };
    // The catalog's store only takes reads (its arrow says writes: 0).
    assert_eq!(capacity(1.0), Some(20_000.0));
    for x in [0.0, 0.5, 3.0, 10.0, 100.0] {
        assert_eq!(capacity(x), Some(20_000.0), "at {x}×");
    }
    let orders = |x: f64| {
        let sim = simulate(&d, &Scenario::at(x)).expect("simulates");
        sim.node("orders_db").and_then(|n| n.capacity_rps)
    };
    assert_eq!(orders(0.0), orders(10.0));
}

/// QA: at 1× the headline said only "the first to go is Orders Postgres at
/// 8.33×", while Payment — a Kafka consumer at 30/s of its 80 — falls
/// behind from 8/3×: by 3× the backlog grows by 10 messages/s and what it
/// publishes (`PaymentCaptured`, so order confirmations) lags. Both limits
/// are said, earliest first, and the consumer's is in its row.
#[test]
fn five_tier_says_payment_falls_behind_before_the_orders_primary_saturates() {
    let d = reference("five-tier");
    let at = |x: f64| simulate(&d, &Scenario::at(x)).expect("simulates");
    let one = at(1.0);
    let behind = one.first_behind.as_ref().expect("a consumer behind");
    assert_eq!(behind.node.as_str(), "payment");
    assert_eq!(behind.limit, Limit::FallsBehind);
    assert_close(behind.at_traffic, 80.0 / 30.0);
    assert_eq!(behind.queue.as_deref(), Some("Kafka"));
    assert_eq!(behind.publishes, ["PaymentCaptured"]);
    assert_eq!(
        one.node("payment")
            .and_then(|n| n.behind_at)
            .map(|x| (x * 1e9).round()),
        Some((80.0_f64 / 30.0 * 1e9).round())
    );
    assert_eq!(
        one.first_bottleneck.as_ref().map(|b| b.node.as_str()),
        Some("payment")
    );
    assert_eq!(
        one.first_saturated.as_ref().map(|b| b.node.as_str()),
        Some("orders_db")
    );
    assert_eq!(
        one.headline(),
        "At 1× nothing fails yet. Payment service falls behind first, at 2.67× (38 % of its capacity now): \
         from there its backlog in Kafka grows without bound and PaymentCaptured lags, though no request fails. \
         The first synchronous bottleneck is Orders Postgres (write primary), at 8.33× (12 % of its write capacity now); watch IOPS and connections."
    );
    let three = at(3.0);
    assert_eq!(
        three.headline(),
        "At 3× Payment service has fallen behind (from 2.67×): its backlog in Kafka grows by 10 messages/s and PaymentCaptured lags, though no request fails; watch consumer lag. \
         The first synchronous bottleneck is Orders Postgres (write primary), at 8.33× (36 % of its write capacity now); watch IOPS and connections."
    );
    // Just below 8/3× no node is at ρ = 1; at it, Payment is (the contract).
    let below = at(80.0 / 30.0 - 1e-6);
    assert!(below.nodes.iter().all(|n| n.utilisation < 1.0));
    assert!(
        (at(80.0 / 30.0)
            .node("payment")
            .map_or(0.0, |n| n.utilisation)
            - 1.0)
            .abs()
            < 1e-9
    );
    // The text table's "saturates" column shows the consumer's point.
    let out = archdrill(&["simulate", "five-tier", "--traffic", "1"]);
    let text = stdout(&out);
    let row = text
        .lines()
        .find(|l| l.starts_with("payment "))
        .expect("row");
    assert!(row.contains("2.67× lag"), "{row}");
    assert!(
        text.contains("Payment service falls behind first, at 2.67×"),
        "{text}"
    );
}
