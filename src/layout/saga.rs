//! Event hubs: a bus (drawn as a normal box, not a rail) that exchanges
//! events with services in both directions — a choreography saga. Ranked
//! by the kinds' tiers alone it would share the data column, past the
//! services' own databases and boundaries, and every event would cross
//! them. Instead the hub is ranked by its services:
//!
//! - in a saga drawn on its own (no request path into the middle of it),
//!   the hub sits between the initiating services and the reacting ones:
//!   initiators, hub, reactors, the reactors' data stores; the initiators'
//!   own data stores go on their outer side, before them;
//! - where a request path (client, edge, load balancer, gateway) calls
//!   other services too, the drawing reads by tiers and the hub gets its
//!   own rank right after the services, before their data stores.
//!
//! The initiators are the services publishing a "creation" event
//! (`OrderCreated`, `OrderPlaced`, …), else the first publisher in document
//! order. The result is only a different ranking: the hub's kind and links
//! are rewritten for `rank::ranks`, nothing else changes.

use std::collections::{BTreeMap, BTreeSet};

use super::Link;
use crate::model::{Diagram, EdgeKind, NodeKind};

/// Event names that start a saga, as the end of the event's name.
const CREATION: [&str; 7] = [
    "created",
    "placed",
    "submitted",
    "requested",
    "started",
    "initiated",
    "received",
];

/// A link with what its edge is labelled.
#[derive(Clone, Copy, Debug)]
pub(super) struct Labelled<'a> {
    pub(super) link: Link,
    pub(super) label: &'a str,
}

/// The diagram's edges between two distinct nodes (by index), with their
/// labels, in document order.
pub(super) fn labelled<'a>(
    diagram: &'a Diagram,
    index: &BTreeMap<&str, usize>,
) -> Vec<Labelled<'a>> {
    diagram
        .edges
        .iter()
        .filter_map(|edge| {
            let (&from, &to) = (index.get(edge.from.as_str())?, index.get(edge.to.as_str())?);
            (from != to).then_some(Labelled {
                link: Link {
                    from,
                    to,
                    kind: edge.kind,
                },
                label: &edge.label,
            })
        })
        .collect()
}

/// Kinds and links to rank by instead of the drawing's own.
pub(super) struct Ranking {
    pub(super) kinds: Vec<NodeKind>,
    pub(super) links: Vec<Link>,
}

const fn event(kind: EdgeKind) -> bool {
    matches!(kind, EdgeKind::Async | EdgeKind::Compensation)
}

const fn entry(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Client | NodeKind::Edge | NodeKind::LoadBalancer | NodeKind::Gateway
    )
}

const fn store(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Database
            | NodeKind::Cache
            | NodeKind::Outbox
            | NodeKind::Storage
            | NodeKind::Search
    )
}

/// Whether an event label names the start of something (`OrderCreated`,
/// `order placed: reserve`).
fn creation(label: &str) -> bool {
    let name = label.split(':').next().unwrap_or("").trim().to_lowercase();
    CREATION.iter().any(|word| name.ends_with(word))
}

/// The first hub of the drawing: a bus receiving events from at least two
/// services and sending events to at least two. Returns the bus, its
/// publishers and its consumers (services, in document order). One pass
/// over the links.
fn hub(kinds: &[NodeKind], links: &[Labelled]) -> Option<(usize, Vec<usize>, Vec<usize>)> {
    let mut publishers: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut consumers: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut seen: BTreeSet<(usize, usize, bool)> = BTreeSet::new();
    for l in links.iter().map(|l| l.link).filter(|l| event(l.kind)) {
        if kinds[l.to] == NodeKind::Bus && kinds[l.from] == NodeKind::Service {
            if seen.insert((l.to, l.from, true)) {
                publishers.entry(l.to).or_default().push(l.from);
            }
        } else if kinds[l.from] == NodeKind::Bus
            && kinds[l.to] == NodeKind::Service
            && seen.insert((l.from, l.to, false))
        {
            consumers.entry(l.from).or_default().push(l.to);
        }
    }
    publishers.into_iter().find_map(|(b, publishers)| {
        let consumers = consumers.get(&b)?;
        (publishers.len() >= 2 && consumers.len() >= 2).then(|| (b, publishers, consumers.clone()))
    })
}

/// The ranking that puts the drawing's event hub next to its services, or
/// `None` when there is no hub. (Rails never get here: they are taken out
/// of the layering first.)
pub(super) fn ranking(kinds: &[NodeKind], links: &[Labelled]) -> Option<Ranking> {
    let (bus, publishers, consumers) = hub(kinds, links)?;
    let n = kinds.len();
    let mut is_service = vec![false; n];
    let mut services = Vec::with_capacity(publishers.len() + consumers.len());
    for &s in publishers.iter().chain(&consumers) {
        if !is_service[s] {
            is_service[s] = true;
            services.push(s);
        }
    }
    let mut is_publisher = vec![false; n];
    for &p in &publishers {
        is_publisher[p] = true;
    }
    let mut is_initiator = vec![false; n];
    let mut initiators: Vec<usize> = Vec::new();
    for l in links {
        let from = l.link.from;
        if l.link.to == bus && is_publisher[from] && !is_initiator[from] && creation(l.label) {
            is_initiator[from] = true;
            initiators.push(from);
        }
    }
    if initiators.is_empty() {
        initiators.push(publishers[0]);
        is_initiator[publishers[0]] = true;
    }
    // A request path into any other service: the drawing reads by tiers.
    let called_elsewhere = links
        .iter()
        .map(|l| l.link)
        .any(|l| entry(kinds[l.from]) && kinds[l.to] == NodeKind::Service && !is_initiator[l.to]);
    let middle = !called_elsewhere && initiators.len() < services.len();
    let mut kinds = kinds.to_vec();
    kinds[bus] = NodeKind::Other;
    let mut out: Vec<Link> = Vec::new();
    let strong = |from: usize, to: usize| Link {
        from,
        to,
        kind: EdgeKind::Sync,
    };
    // Data stores reached only from the initiators go before them.
    let mut own_store = vec![false; n];
    if middle {
        let mut owners: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
        for l in links.iter().map(|l| l.link) {
            for (v, other) in [(l.from, l.to), (l.to, l.from)] {
                if store(kinds[v]) && seen.insert((v, other)) {
                    owners[v].push(other);
                }
            }
        }
        for v in 0..n {
            let own = store(kinds[v])
                && !owners[v].is_empty()
                && owners[v].iter().all(|&o| is_initiator[o]);
            if own {
                own_store[v] = true;
                kinds[v] = NodeKind::Other;
                out.extend(owners[v].iter().map(|&i| strong(v, i)));
            }
        }
        out.extend(initiators.iter().map(|&i| strong(i, bus)));
        out.extend(
            services
                .iter()
                .filter(|&&s| !is_initiator[s])
                .map(|&r| strong(bus, r)),
        );
    } else {
        out.extend(publishers.iter().map(|&s| strong(s, bus)));
        // Every data store comes after the hub, so they share one column.
        out.extend((0..n).filter(|&v| store(kinds[v])).map(|v| strong(bus, v)));
    }
    // The hub's other neighbours (workers, relays) keep their edges; its
    // service edges are replaced by the links above, and an initiator's own
    // stores are ranked by those alone.
    out.extend(links.iter().map(|l| l.link).filter(|l| {
        let service_edge =
            (l.from == bus && is_service[l.to]) || (l.to == bus && is_service[l.from]);
        !service_edge && !own_store[l.from] && !own_store[l.to]
    }));
    Some(Ranking { kinds, links: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled<'a>(edges: &[(usize, usize, EdgeKind, &'a str)]) -> Vec<Labelled<'a>> {
        edges
            .iter()
            .map(|&(from, to, kind, label)| Labelled {
                link: Link { from, to, kind },
                label,
            })
            .collect()
    }

    #[test]
    fn a_saga_hub_sits_between_its_initiator_and_the_reacting_services() {
        use NodeKind::{Bus, Database, Service};
        // 0 checkout, 1 stock, 2 billing, 3 bus, 4 checkout's db, 5 stock's db.
        let kinds = [Service, Service, Service, Bus, Database, Database];
        let l = labelled(&[
            (0, 4, EdgeKind::Data, ""),
            (1, 5, EdgeKind::Data, ""),
            (1, 3, EdgeKind::Async, "StockReserved"),
            (3, 2, EdgeKind::Async, "StockReserved"),
            (0, 3, EdgeKind::Async, "OrderCreated"),
            (3, 1, EdgeKind::Async, "OrderCreated"),
            (2, 3, EdgeKind::Async, "PaymentFailed"),
            (3, 0, EdgeKind::Async, "PaymentFailed"),
        ]);
        let ranking = ranking(&kinds, &l).expect("a hub");
        let r = super::super::rank::ranks(&ranking.kinds, &ranking.links);
        assert!(r[4] < r[0] && r[0] < r[3], "{r:?}");
        assert!(r[3] < r[1] && r[1] == r[2] && r[1] < r[5], "{r:?}");
    }

    #[test]
    fn behind_a_request_path_the_hub_comes_right_after_the_services() {
        use NodeKind::{Bus, Database, Gateway, Service};
        // 0 gateway, 1 orders, 2 stock, 3 bus, 4 orders' db.
        let kinds = [Gateway, Service, Service, Bus, Database];
        let l = labelled(&[
            (0, 1, EdgeKind::Sync, ""),
            (0, 2, EdgeKind::Sync, ""),
            (1, 4, EdgeKind::Data, ""),
            (1, 3, EdgeKind::Async, "OrderPlaced"),
            (3, 2, EdgeKind::Async, "OrderPlaced"),
            (2, 3, EdgeKind::Async, "StockReserved"),
            (3, 1, EdgeKind::Async, "StockReserved"),
        ]);
        let ranking = ranking(&kinds, &l).expect("a hub");
        let r = super::super::rank::ranks(&ranking.kinds, &ranking.links);
        assert_eq!(r[1], r[2]);
        assert!(r[1] < r[3] && r[3] < r[4], "{r:?}");
    }

    #[test]
    fn a_bus_fed_by_one_service_is_no_hub() {
        use NodeKind::{Bus, Service, Worker};
        let kinds = [Service, Bus, Service, Worker];
        let l = labelled(&[
            (0, 1, EdgeKind::Async, "OrderPlaced"),
            (1, 2, EdgeKind::Async, "OrderPlaced"),
            (1, 3, EdgeKind::Async, "OrderPlaced"),
        ]);
        assert!(ranking(&kinds, &l).is_none());
    }
}
