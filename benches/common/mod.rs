//! Pieces the benchmark drawings share: the event names their buses carry
//! and adding a labelled arrow.

use archdrill::model::{Diagram, Edge, EdgeKind};

/// Event names, cycled through by the generated drawings.
pub const EVENTS: &[&str] = &[
    "OrderCreated",
    "StockReserved",
    "PaymentCaptured",
    "PaymentFailed",
    "OrderShipped",
    "PriceChanged",
    "ReviewPosted",
];

/// Adds an arrow with the next free id (`e0`, `e1`, …) and `label`.
pub fn edge(d: &mut Diagram, from: &str, to: &str, kind: EdgeKind, label: &str) {
    let id = format!("e{}", d.edges.len());
    d.edges.push(Edge {
        label: label.to_owned(),
        ..Edge::new(&id, from, to, kind)
    });
}
