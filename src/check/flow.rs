//! Rules about what flows where, on the drawing alone: events published
//! to a bus that nobody consumes (`unconsumed-event`) and stores nobody
//! owns (`unowned-store`). Event names are shared with the saga rules.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::report::{Finding, Severity};
use super::rules::{Index, name};
use crate::model::{EdgeKind, Node, NodeKind};

/// Whether a word is an event name: `CamelCase` (`PaymentFailed`).
fn is_event_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().any(char::is_lowercase)
        && chars.any(char::is_uppercase)
}

fn label_words(label: &str) -> impl Iterator<Item = &str> {
    label.split(|c: char| !c.is_alphanumeric())
}

/// Event names in a label, lower-cased.
pub(super) fn event_names(label: &str) -> Vec<String> {
    label_words(label)
        .filter(|w| is_event_word(w))
        .map(str::to_lowercase)
        .collect()
}

/// Whether an arrow carrying `incoming` into a bus continues as `outgoing`:
/// unless the outgoing label names other events only (`OrderCancelled:
/// release` does not continue a `PaymentFailed`), it does — an action
/// label (`release reservation`), a generic one (`all events`) or an
/// unlabelled arrow is a consumer of whatever the bus carries.
pub(super) fn same_event(incoming: &str, outgoing: &str) -> bool {
    let out = event_names(outgoing);
    let Some(event) = event_names(incoming).into_iter().next() else {
        return true;
    };
    out.is_empty() || out.contains(&event)
}

/// Kinds that hold state a service owns.
pub(super) const fn is_store(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Database
            | NodeKind::Cache
            | NodeKind::Storage
            | NodeKind::Search
            | NodeKind::Outbox
    )
}

/// `unconsumed-event` (warning): an event published to a bus with no
/// arrow out of the bus that carries it on. One finding per bus and event;
/// `edges` are the publishing arrows. Events `skip` says (failure events
/// already reported as a missing compensation) are left out.
pub fn unconsumed_events(ix: &Index<'_>, skip: &dyn Fn(&str) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for bus in ix.diagram.nodes.iter().filter(|n| n.kind == NodeKind::Bus) {
        // What leaves the bus: named events, or a generic consumer that
        // takes whatever it carries (unlabelled, "all events", an action).
        let mut consumed_events: BTreeSet<String> = BTreeSet::new();
        let mut generic_consumer = false;
        for (e, to) in ix.outgoing(bus.id.as_str()) {
            if to.id == bus.id {
                continue;
            }
            let names = event_names(&e.edge.label);
            generic_consumer |= names.is_empty();
            consumed_events.extend(names);
        }
        // Event (or, unnamed, the label) → publishers and their arrows.
        let mut published: BTreeMap<String, (BTreeSet<String>, Vec<String>, String)> =
            BTreeMap::new();
        for (e, from) in ix.incoming(bus.id.as_str()) {
            let edge = e.edge;
            if from.kind == NodeKind::Bus || edge.kind == EdgeKind::Compensation {
                continue;
            }
            if skip(&edge.label) {
                continue;
            }
            // As `same_event`: an unnamed publish is taken by any consumer.
            let consumed = match event_names(&edge.label).into_iter().next() {
                Some(event) => generic_consumer || consumed_events.contains(&event),
                None => generic_consumer || !consumed_events.is_empty(),
            };
            if consumed {
                continue;
            }
            let shown = event_shown(&edge.label);
            let entry = published
                .entry(shown.to_lowercase())
                .or_insert_with(|| (BTreeSet::new(), Vec::new(), shown));
            entry.0.insert(from.id.to_string());
            entry.1.push(edge.id.to_string());
        }
        for (_, (publishers, edges, shown)) in published {
            let mut nodes: Vec<String> = publishers.into_iter().collect();
            nodes.push(bus.id.to_string());
            out.push(
                Finding::new(
                    "unconsumed-event",
                    Severity::Warning,
                    format!(
                        "{shown} is published to {} but nothing drawn consumes it. An event nobody reads is work lost: draw who reacts to it (the next step, a worker), or leave it out.",
                        name(bus)
                    ),
                    nodes,
                )
                .with_edges(edges),
            );
        }
    }
    out
}

/// How an event is named in a message.
fn event_shown(label: &str) -> String {
    if let Some(event) = label_words(label).find(|w| is_event_word(w)) {
        event.to_owned()
    } else if label.trim().is_empty() {
        "An unnamed event".to_owned()
    } else {
        format!("\u{201c}{}\u{201d}", label.trim())
    }
}

/// `unowned-store` (warning): a database, cache, object store, search
/// index or outbox that no service, worker or gateway reads or writes (nor
/// a box of no known kind, such as a telemetry collector) —
/// directly, or through the store it replicates from (a read replica fed
/// by its primary is owned with it). An object store behind the edge tier
/// (static assets) is owned by the edge.
pub fn unowned_stores(ix: &Index<'_>) -> Vec<Finding> {
    let is_owner = |store: &Node, other: &Node| {
        matches!(
            other.kind,
            NodeKind::Service | NodeKind::Worker | NodeKind::Gateway | NodeKind::Other
        ) || (store.kind == NodeKind::Storage && other.kind == NodeKind::Edge)
    };
    let mut owned: BTreeSet<&str> = BTreeSet::new();
    let mut store_links: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (_, a, b) in ix.edges() {
        for (store, other) in [(a, b), (b, a)] {
            if !is_store(store.kind) {
                continue;
            }
            if is_owner(store, other) {
                owned.insert(store.id.as_str());
            } else if is_store(other.kind) {
                store_links
                    .entry(store.id.as_str())
                    .or_default()
                    .push(other.id.as_str());
            }
        }
    }
    // Ownership flows along store-to-store arrows (replication, CDC).
    let mut queue: VecDeque<&str> = owned.iter().copied().collect();
    while let Some(store) = queue.pop_front() {
        for &next in store_links.get(store).map_or(&[][..], Vec::as_slice) {
            if owned.insert(next) {
                queue.push_back(next);
            }
        }
    }
    ix.diagram
        .nodes
        .iter()
        .filter(|n| is_store(n.kind) && !owned.contains(n.id.as_str()))
        .map(|n| {
            Finding::new(
                "unowned-store",
                Severity::Warning,
                format!(
                    "{} ({}) is read or written by no service or worker. Every store has an owner: draw the service that writes it, or leave it out.",
                    name(n),
                    n.kind.noun()
                ),
                vec![n.id.to_string()],
            )
        })
        .collect()
}
