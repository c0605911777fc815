//! The typed vocabulary of a diagram: what a box is ([`NodeKind`]) and what an
//! arrow means ([`EdgeKind`]). Ids are the lower-case names used in files, CLI
//! output and Mermaid classes (see PRODUCT.md).

use serde::{Deserialize, Serialize};

/// What a box on the diagram is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// Browser, mobile app, any caller outside the system.
    Client,
    /// CDN / WAF / edge network.
    Edge,
    /// Load balancer (ALB, `HAProxy`, nginx in front of a pool).
    LoadBalancer,
    /// API gateway: the single front door (auth, rate limits, routing).
    Gateway,
    /// A service owning one business capability.
    Service,
    /// A database owned by a service.
    Database,
    /// A cache (Redis, Memcached).
    Cache,
    /// A message bus, broker, queue or topic (Kafka, `RabbitMQ`, SQS/SNS).
    Bus,
    /// A consumer, poller or scheduled job.
    Worker,
    /// A third-party API (Stripe, Twilio, …).
    External,
    /// A transactional outbox table.
    Outbox,
    /// An object store (S3 and friends).
    Storage,
    /// A search index (Elasticsearch, `OpenSearch`).
    Search,
    /// Anything else.
    Other,
}

impl NodeKind {
    /// Every kind, in the reading order of a layered diagram.
    pub const ALL: [Self; 14] = [
        Self::Client,
        Self::Edge,
        Self::LoadBalancer,
        Self::Gateway,
        Self::Service,
        Self::Database,
        Self::Cache,
        Self::Bus,
        Self::Worker,
        Self::External,
        Self::Outbox,
        Self::Storage,
        Self::Search,
        Self::Other,
    ];

    /// The stable lower-case id (`load_balancer`, `gateway`, …).
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Self::Client => "client",
            Self::Edge => "edge",
            Self::LoadBalancer => "load_balancer",
            Self::Gateway => "gateway",
            Self::Service => "service",
            Self::Database => "database",
            Self::Cache => "cache",
            Self::Bus => "bus",
            Self::Worker => "worker",
            Self::External => "external",
            Self::Outbox => "outbox",
            Self::Storage => "storage",
            Self::Search => "search",
            Self::Other => "other",
        }
    }

    /// A human name for menus and legends.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Client => "Client",
            Self::Edge => "CDN / edge",
            Self::LoadBalancer => "Load balancer",
            Self::Gateway => "API gateway",
            Self::Service => "Service",
            Self::Database => "Database",
            Self::Cache => "Cache",
            Self::Bus => "Message bus",
            Self::Worker => "Worker",
            Self::External => "External API",
            Self::Outbox => "Outbox",
            Self::Storage => "Object storage",
            Self::Search => "Search index",
            Self::Other => "Other",
        }
    }

    /// The short upper-case tag drawn above a box's label, on the canvas
    /// and in exported pictures (empty for `other`).
    #[must_use]
    pub const fn tag(self) -> &'static str {
        match self {
            Self::Client => "CLIENT",
            Self::Edge => "EDGE · CDN",
            Self::LoadBalancer => "LOAD BALANCER",
            Self::Gateway => "API GATEWAY",
            Self::Service => "SERVICE",
            Self::Database => "DATABASE",
            Self::Cache => "CACHE",
            Self::Bus => "MESSAGE BUS",
            Self::Worker => "WORKER",
            Self::External => "EXTERNAL",
            Self::Outbox => "OUTBOX",
            Self::Storage => "STORAGE",
            Self::Search => "SEARCH",
            Self::Other => "",
        }
    }

    /// The kind as a noun inside a sentence ("No API gateway drawn").
    #[must_use]
    pub const fn noun(self) -> &'static str {
        match self {
            Self::Client => "client",
            Self::Edge => "CDN / edge tier",
            Self::LoadBalancer => "load balancer",
            Self::Gateway => "API gateway",
            Self::Service => "service",
            Self::Database => "database",
            Self::Cache => "cache",
            Self::Bus => "message bus",
            Self::Worker => "worker",
            Self::External => "external API",
            Self::Outbox => "outbox",
            Self::Storage => "object storage",
            Self::Search => "search index",
            Self::Other => "other box",
        }
    }

    /// Parses a kind id as written by [`NodeKind::id`].
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }

    /// Default box size (width, height) in canvas units for this kind.
    #[must_use]
    pub const fn default_size(self) -> (f32, f32) {
        match self {
            Self::Client | Self::Edge | Self::External => (150.0, 60.0),
            Self::LoadBalancer => (150.0, 56.0),
            Self::Gateway => (160.0, 64.0),
            Self::Service | Self::Worker | Self::Search | Self::Other => (160.0, 60.0),
            Self::Database | Self::Cache | Self::Storage => (140.0, 72.0),
            Self::Bus => (200.0, 56.0),
            Self::Outbox => (130.0, 52.0),
        }
    }
}

impl std::fmt::Display for NodeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// What an arrow means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// A request/response call; the caller waits.
    Sync,
    /// Publish or consume of an event or message; the label names the event.
    Async,
    /// A service reading or writing its own store.
    Data,
    /// The undo step of a saga.
    Compensation,
}

impl EdgeKind {
    /// Every edge kind.
    pub const ALL: [Self; 4] = [Self::Sync, Self::Async, Self::Data, Self::Compensation];

    /// The stable lower-case id.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Self::Sync => "sync",
            Self::Async => "async",
            Self::Data => "data",
            Self::Compensation => "compensation",
        }
    }

    /// A human name for menus and legends.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Sync => "Sync call",
            Self::Async => "Async event",
            Self::Data => "Data access",
            Self::Compensation => "Compensation",
        }
    }

    /// The kind as a noun inside a sentence ("drawn as a sync call").
    #[must_use]
    pub const fn noun(self) -> &'static str {
        match self {
            Self::Sync => "sync call",
            Self::Async => "async event",
            Self::Data => "data access",
            Self::Compensation => "compensation",
        }
    }

    /// Parses an edge kind id as written by [`EdgeKind::id`].
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

impl std::fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for kind in NodeKind::ALL {
            assert_eq!(NodeKind::from_id(kind.id()), Some(kind));
        }
        for kind in EdgeKind::ALL {
            assert_eq!(EdgeKind::from_id(kind.id()), Some(kind));
        }
        assert_eq!(NodeKind::from_id("Gateway"), None);
    }

    #[test]
    fn serde_uses_the_ids() {
        assert_eq!(
            ron::to_string(&NodeKind::LoadBalancer).ok().as_deref(),
            Some("load_balancer")
        );
        assert_eq!(
            serde_json::to_string(&EdgeKind::Compensation)
                .ok()
                .as_deref(),
            Some("\"compensation\"")
        );
    }
}
