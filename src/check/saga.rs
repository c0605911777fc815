//! The saga rules: steps talk through events (`sync-saga-call`) and a
//! failure event leads to a compensating step (`missing-compensation`).

use std::collections::{BTreeSet, VecDeque};

use super::flow::same_event;
use super::report::{Finding, Severity};
use super::rules::{Index, finding, name, sync_service_edges};
use crate::model::{Diagram, EdgeKind, NodeKind};

/// `sync-saga-call`: saga steps (services) call each other synchronously.
pub fn sync_saga_call(ix: &Index<'_>) -> Vec<Finding> {
    sync_service_edges(ix)
        .into_iter()
        .map(|(a, b)| {
            let (na, nb) = (ix.node(a).map_or_else(String::new, name), ix.node(b).map_or_else(String::new, name));
            finding(
                "sync-saga-call",
                Severity::Error,
                format!(
                    "{na} calls {nb} synchronously inside the saga. Saga steps should react to events on the bus: a direct call couples their availability, and a slow payment becomes a slow order."
                ),
                vec![a.to_owned(), b.to_owned()],
            )
        })
        .collect()
}

const FAILURE_WORDS: &[&str] = &[
    "fail",
    "failed",
    "failure",
    "rejected",
    "reject",
    "declined",
    "error",
    "timeout",
    "timedout",
    "expired",
    "insufficient",
];
const COMPENSATION_WORDS: &[&str] = &[
    "cancel",
    "cancelled",
    "canceled",
    "release",
    "released",
    "refund",
    "refunded",
    "compensate",
    "compensation",
    "undo",
    "rollback",
    "revert",
    "void",
    "restock",
    "unreserve",
];

/// Whether a label names a failure (`PaymentFailed`, `stock rejected`).
pub(super) fn is_failure(label: &str) -> bool {
    mentions(label, FAILURE_WORDS)
}

fn mentions(label: &str, vocabulary: &[&str]) -> bool {
    crate::model::infer::words(label).iter().any(|w| {
        vocabulary
            .iter()
            .any(|v| w == v || (w.len() > v.len() && w.ends_with(v)))
    })
}

/// `missing-compensation`: no failure event leads to a compensating step.
/// Evaluated only when the drawing has services and some event flow at all
/// (otherwise `missing-service` / `missing-bus` already say it); a failure
/// path broken while a saga role is missing is put down to that role.
pub fn missing_compensation(d: &Diagram, ix: &Index<'_>, roles_complete: bool) -> Vec<Finding> {
    let has_service = d.nodes.iter().any(|n| n.kind == NodeKind::Service);
    let has_events = d.nodes.iter().any(|n| n.kind == NodeKind::Bus)
        || d.edges
            .iter()
            .any(|e| matches!(e.kind, EdgeKind::Async | EdgeKind::Compensation));
    if !has_service || !has_events {
        return Vec::new();
    }
    let failures: Vec<usize> = ix
        .edges()
        .filter(|&(i, _, _)| {
            d.edges[i].kind != EdgeKind::Compensation && mentions(&d.edges[i].label, FAILURE_WORDS)
        })
        .map(|(i, _, _)| i)
        .collect();
    let compensations: Vec<usize> = ix
        .edges()
        .filter(|&(i, _, _)| {
            d.edges[i].kind == EdgeKind::Compensation
                || mentions(&d.edges[i].label, COMPENSATION_WORDS)
        })
        .map(|(i, _, _)| i)
        .collect();
    let message = match (failures.is_empty(), compensations.is_empty()) {
        (true, true) => {
            "The saga has no failure path: no failure event (PaymentFailed, InventoryRejected) and no compensating step. The reverse path matters more than the happy path: when payment fails, something must publish OrderCancelled and release the reservation, or orders sit in PENDING forever."
        }
        (true, false) => {
            "The saga has compensating steps but no failure event that triggers them. Draw the event that says a step failed (PaymentFailed, InventoryRejected) and who consumes it."
        }
        (false, true) => {
            "A failure event is drawn but nothing compensates: no step undoes earlier work (cancel the order, release the reservation, refund). Each completed step needs its compensating action."
        }
        (false, false) => {
            // With a saga role missing, the break is that role's absence,
            // already reported as `missing-service`.
            if !roles_complete || failure_reaches_compensation(d, ix, &failures, &compensations) {
                return Vec::new();
            }
            "A failure event and a compensating step are both drawn, but the failure never reaches the step that compensates. Connect them: whoever consumes PaymentFailed should trigger the cancellation."
        }
    };
    let mut nodes: BTreeSet<String> = BTreeSet::new();
    for &i in failures.iter().chain(&compensations) {
        nodes.insert(d.edges[i].from.to_string());
        nodes.insert(d.edges[i].to.to_string());
    }
    vec![finding(
        "missing-compensation",
        Severity::Error,
        message.to_owned(),
        nodes.into_iter().collect(),
    )]
}

/// Follows arrows from each failure event to see whether one reaches a
/// compensating step. Through a bus only the same event travels on (a
/// published `PaymentFailed` that nobody consumes leads nowhere); through a
/// service anything it publishes next does.
fn failure_reaches_compensation(
    d: &Diagram,
    ix: &Index<'_>,
    failures: &[usize],
    compensations: &[usize],
) -> bool {
    let goal: BTreeSet<usize> = compensations.iter().copied().collect();
    let mut seen: BTreeSet<usize> = failures.iter().copied().collect();
    let mut queue: VecDeque<usize> = failures.iter().copied().collect();
    while let Some(e) = queue.pop_front() {
        let edge = &d.edges[e];
        let through_bus = ix
            .node(edge.to.as_str())
            .is_some_and(|n| n.kind == NodeKind::Bus);
        for next in ix
            .outgoing(edge.to.as_str())
            .into_iter()
            .map(|(e, _)| e.index)
        {
            if through_bus && !same_event(&edge.label, &d.edges[next].label) {
                continue;
            }
            if goal.contains(&next) {
                return true;
            }
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    false
}
