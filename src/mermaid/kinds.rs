//! The kind of an imported node, in PRODUCT.md's order: an explicit class
//! naming a kind (or a common synonym: `db`, `queue`, `lb`, `cdn`, `s3`,
//! …, also as `dbStyle`, `queueClass`) wins; then the label when it names
//! a role, a technology or a service ([`crate::model::infer`]); then the
//! shape (cylinder → database, hexagon → bus, a decision diamond →
//! `other`); then whatever the label
//! weakly says. A function-as-a-service that a queue feeds is a worker
//! ("Lambda fed by a queue"). A box whose label names nothing ("Orders",
//! "Fraud", "catalogue") takes the kind its arrows give it, as a reader of
//! the diagram would: a client when all it does is call into the edge, a
//! load balancer or a gateway and only clients call it; a service when the
//! front tiers, a service or a bus call it or when it uses a store or a
//! bus. Else it is `other`.

use merman_model::families::flowchart::FlowNode;

use crate::model::NodeKind;
use crate::model::infer::{Evidence, infer};

/// Class names that mean a kind without being its id.
const CLASS_SYNONYMS: &[(&str, NodeKind)] = &[
    ("db", NodeKind::Database),
    ("dbs", NodeKind::Database),
    ("databases", NodeKind::Database),
    ("datastore", NodeKind::Database),
    ("sql", NodeKind::Database),
    ("queue", NodeKind::Bus),
    ("queues", NodeKind::Bus),
    ("mq", NodeKind::Bus),
    ("broker", NodeKind::Bus),
    ("topic", NodeKind::Bus),
    ("eventbus", NodeKind::Bus),
    ("messaging", NodeKind::Bus),
    ("msg", NodeKind::Bus),
    ("lb", NodeKind::LoadBalancer),
    ("loadbalancer", NodeKind::LoadBalancer),
    ("cdn", NodeKind::Edge),
    ("waf", NodeKind::Edge),
    ("s3", NodeKind::Storage),
    ("bucket", NodeKind::Storage),
    ("blob", NodeKind::Storage),
    ("objectstore", NodeKind::Storage),
    ("gw", NodeKind::Gateway),
    ("apigateway", NodeKind::Gateway),
    ("svc", NodeKind::Service),
    ("services", NodeKind::Service),
    ("microservice", NodeKind::Service),
    ("microservices", NodeKind::Service),
    ("servicio", NodeKind::Service),
    ("workers", NodeKind::Worker),
    ("job", NodeKind::Worker),
    ("jobs", NodeKind::Worker),
    ("consumer", NodeKind::Worker),
    ("ext", NodeKind::External),
    ("thirdparty", NodeKind::External),
    ("3rdparty", NodeKind::External),
    ("saas", NodeKind::External),
    ("clients", NodeKind::Client),
    ("user", NodeKind::Client),
    ("users", NodeKind::Client),
    ("actor", NodeKind::Client),
    ("cliente", NodeKind::Client),
    ("caches", NodeKind::Cache),
];

/// Decorations authors add to class names (`dbStyle`, `cache-class`).
const CLASS_DECORATIONS: &[&str] = &["style", "class", "node"];

/// The kind a Mermaid class name means, if any.
#[must_use]
pub fn class_kind(class: &str) -> Option<NodeKind> {
    let name = class.to_lowercase();
    let bare = CLASS_DECORATIONS
        .iter()
        .find_map(|d| name.strip_suffix(d))
        .map(|b| b.trim_end_matches(['-', '_']))
        .filter(|b| !b.is_empty());
    [Some(name.as_str()), bare]
        .into_iter()
        .flatten()
        .find_map(|n| {
            let squeezed = n.replace(['-', '_'], "");
            NodeKind::from_id(n).or_else(|| {
                CLASS_SYNONYMS
                    .iter()
                    .find(|(synonym, _)| *synonym == squeezed)
                    .map(|&(_, kind)| kind)
            })
        })
}

/// Shapes Mermaid draws as a cylinder (classic `[( )]` and `@{ shape: … }`).
const CYLINDERS: &[&str] = &[
    "cylinder",
    "cyl",
    "database",
    "db",
    "das",
    "h-cyl",
    "horizontal-cylinder",
    "lin-cyl",
    "lined-cylinder",
    "disk",
];
/// Shapes Mermaid draws as a hexagon.
const HEXAGONS: &[&str] = &["hexagon", "hex", "prepare"];
/// Shapes Mermaid draws as a decision diamond: a step of a flowchart
/// unless the label names a kind ("LB{Load Balancer}").
const DIAMONDS: &[&str] = &["diamond", "diam", "decision", "rhombus", "question"];

/// How an imported node's kind was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// The kind.
    pub kind: NodeKind,
    /// The label named a function-as-a-service and decided the kind: a
    /// queue feeding it makes it a worker.
    pub serverless: bool,
    /// Nothing named the kind (no class, no shape hint, no word of the
    /// label): the node's arrows may.
    pub open: bool,
    /// Only a weak word named the kind (a person, a front end, a channel):
    /// a box that reads or writes a store is a service all the same
    /// (Sock Shop's `user` owns `user-db`).
    pub weak: bool,
}

impl Reading {
    const fn decided(kind: NodeKind) -> Self {
        Self {
            kind,
            serverless: false,
            open: false,
            weak: false,
        }
    }
}

/// Class, then a confident label, then the shape, then the label.
#[must_use]
pub fn node_kind(node: &FlowNode, label: &str) -> Reading {
    if let Some(kind) = node.classes.iter().rev().find_map(|c| class_kind(c)) {
        return Reading::decided(kind);
    }
    let inference = infer(label);
    let shape = node
        .shape
        .as_deref()
        .or(node.layout_shape.as_deref())
        .unwrap_or("");
    let hinted = if CYLINDERS.contains(&shape) {
        Some(NodeKind::Database)
    } else if HEXAGONS.contains(&shape) {
        Some(NodeKind::Bus)
    } else if DIAMONDS.contains(&shape) {
        Some(NodeKind::Other)
    } else {
        None
    };
    match hinted {
        Some(kind) if !inference.is_confident() => Reading::decided(kind),
        _ => Reading {
            kind: inference.kind,
            serverless: inference.serverless,
            open: inference.evidence == Evidence::Nothing,
            weak: inference.evidence == Evidence::Weak,
        },
    }
}

/// Kinds whose boxes call services.
const CALLERS: &[NodeKind] = &[
    NodeKind::Client,
    NodeKind::Edge,
    NodeKind::LoadBalancer,
    NodeKind::Gateway,
    NodeKind::Service,
    NodeKind::Bus,
];
/// Kinds a service uses.
const BACKING: &[NodeKind] = &[
    NodeKind::Database,
    NodeKind::Cache,
    NodeKind::Storage,
    NodeKind::Search,
    NodeKind::Outbox,
    NodeKind::Bus,
];
/// Kinds that keep data.
const STORES: &[NodeKind] = &[
    NodeKind::Database,
    NodeKind::Cache,
    NodeKind::Storage,
    NodeKind::Search,
    NodeKind::Outbox,
];
/// Kinds a client calls into.
const ENTRIES: &[NodeKind] = &[NodeKind::Edge, NodeKind::LoadBalancer, NodeKind::Gateway];

/// Settles what the arrows say, given `readings` by node index and the
/// `(from, to)` node indices of the drawn edges: serverless functions fed
/// by a bus become workers; open boxes become clients or services (see
/// the module docs), services spreading along calls until nothing changes.
pub fn settle_by_arrows(readings: &mut [Reading], edges: &[(usize, usize)]) {
    for &(from, to) in edges {
        if readings[from].kind == NodeKind::Bus && readings[to].serverless {
            readings[to] = Reading::decided(NodeKind::Worker);
        }
    }
    // Upstream of the entry tiers is the client side: a box that only
    // calls into the edge, a load balancer or a gateway, and that only
    // clients (or nobody) call, is part of the client.
    let mut called_by_others = vec![false; readings.len()];
    let mut calls = vec![false; readings.len()];
    let mut calls_only_entries = vec![true; readings.len()];
    for &(from, to) in edges {
        called_by_others[to] |= readings[from].kind != NodeKind::Client;
        calls[from] = true;
        calls_only_entries[from] &= ENTRIES.contains(&readings[to].kind);
    }
    for (i, reading) in readings.iter_mut().enumerate() {
        if reading.open && !called_by_others[i] && calls[i] && calls_only_entries[i] {
            *reading = Reading::decided(NodeKind::Client);
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for &(from, to) in edges {
            let (source, target) = (readings[from], readings[to]);
            let service = if target.open && CALLERS.contains(&source.kind) {
                Some(to)
            } else if (source.open || source.weak) && STORES.contains(&target.kind)
                || source.open && BACKING.contains(&target.kind)
            {
                Some(from)
            } else {
                None
            };
            if let Some(i) = service {
                readings[i] = Reading::decided(NodeKind::Service);
                changed = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_and_synonyms() {
        assert_eq!(class_kind("gateway"), Some(NodeKind::Gateway));
        assert_eq!(class_kind("load_balancer"), Some(NodeKind::LoadBalancer));
        assert_eq!(class_kind("db"), Some(NodeKind::Database));
        assert_eq!(class_kind("DB"), Some(NodeKind::Database));
        assert_eq!(class_kind("queue"), Some(NodeKind::Bus));
        assert_eq!(class_kind("lb"), Some(NodeKind::LoadBalancer));
        assert_eq!(class_kind("cdn"), Some(NodeKind::Edge));
        assert_eq!(class_kind("s3"), Some(NodeKind::Storage));
        assert_eq!(class_kind("dbStyle"), Some(NodeKind::Database));
        assert_eq!(class_kind("cache-class"), Some(NodeKind::Cache));
        assert_eq!(class_kind("serviceNode"), Some(NodeKind::Service));
        assert_eq!(class_kind("fancy"), None);
        assert_eq!(class_kind("highlight"), None);
        assert_eq!(class_kind("style"), None);
    }
}
