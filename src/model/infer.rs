//! Kind inference from a label ("Redis cache" → cache, "Stripe API" →
//! external), following the keyword order of PRODUCT.md. Used when a label is
//! typed on the canvas and when Mermaid is imported; the user can always
//! override the result.

use super::NodeKind;

/// Keyword groups in priority order: the first group with a match wins.
/// Multi-word keywords are matched as consecutive words.
const RULES: &[(NodeKind, &[&str])] = &[
    (
        NodeKind::Bus,
        &[
            "kafka",
            "rabbitmq",
            "rabbit",
            "sqs",
            "sns",
            "queue",
            "topic",
            "event bus",
            "bus",
            "broker",
            "stream",
            "kinesis",
            "pubsub",
            "nats",
        ],
    ),
    (
        NodeKind::Cache,
        &["redis", "memcached", "memcache", "cache"],
    ),
    (
        NodeKind::Edge,
        &[
            "cdn",
            "cloudflare",
            "cloudfront",
            "akamai",
            "fastly",
            "edge",
            "waf",
        ],
    ),
    (
        NodeKind::LoadBalancer,
        &[
            "load balancer",
            "loadbalancer",
            "lb",
            "alb",
            "elb",
            "nlb",
            "haproxy",
            "nginx",
        ],
    ),
    (
        NodeKind::Gateway,
        &["gateway", "kong", "apigee", "ingress", "api gw", "apigw"],
    ),
    (
        NodeKind::Worker,
        &["worker", "consumer", "poller", "job", "cron", "scheduler"],
    ),
    (
        NodeKind::Database,
        &[
            "postgres",
            "postgresql",
            "mysql",
            "mongo",
            "mongodb",
            "db",
            "database",
            "dynamodb",
            "cassandra",
            "sql",
        ],
    ),
    (
        NodeKind::External,
        &[
            "stripe",
            "twilio",
            "sendgrid",
            "paypal",
            "razorpay",
            "external",
            "third party",
            "3rd party",
        ],
    ),
    (NodeKind::Service, &["service", "svc", "microservice"]),
    (
        NodeKind::Client,
        &[
            "browser",
            "mobile",
            "ios",
            "android",
            "web client",
            "app",
            "user",
            "customer",
            "client",
            "spa",
        ],
    ),
    (NodeKind::Service, &["api"]),
];

/// Splits a label into lower-case words: on anything that is not a letter
/// or digit, and on lower→upper case changes (`OrdersDB` → `orders db`).
#[must_use]
pub fn words(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for ch in label.chars() {
        if ch.is_alphanumeric() {
            if ch.is_uppercase() && prev_lower && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            prev_lower = ch.is_lowercase() || ch.is_numeric();
            current.extend(ch.to_lowercase());
        } else {
            prev_lower = false;
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// True when `word` is `keyword` or its plain plural.
fn word_matches(word: &str, keyword: &str) -> bool {
    word == keyword
        || word
            .strip_prefix(keyword)
            .is_some_and(|rest| rest == "s" || rest == "es")
}

/// True when the (possibly multi-word) keyword occurs as consecutive words.
fn contains_keyword(words: &[String], keyword: &str) -> bool {
    let parts: Vec<&str> = keyword.split(' ').collect();
    if parts.len() > words.len() {
        return false;
    }
    words.windows(parts.len()).any(|window| {
        window
            .iter()
            .zip(&parts)
            .all(|(word, part)| word_matches(word, part))
    })
}

/// Infers a node kind from its label; [`NodeKind::Other`] when nothing
/// matches.
#[must_use]
pub fn infer_kind(label: &str) -> NodeKind {
    let words = words(label);
    RULES
        .iter()
        .find(|(_, keywords)| keywords.iter().any(|k| contains_keyword(&words, k)))
        .map_or(NodeKind::Other, |(kind, _)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_examples() {
        assert_eq!(infer_kind("Stripe API"), NodeKind::External);
        assert_eq!(infer_kind("API Gateway"), NodeKind::Gateway);
        assert_eq!(infer_kind("User Service"), NodeKind::Service);
        assert_eq!(infer_kind("Redis cache"), NodeKind::Cache);
        assert_eq!(infer_kind("Mobile app"), NodeKind::Client);
        assert_eq!(infer_kind("API"), NodeKind::Service);
    }

    #[test]
    fn word_boundaries_are_respected() {
        assert_eq!(infer_kind("Catalog"), NodeKind::Other);
        assert_eq!(infer_kind("Catalog LB"), NodeKind::LoadBalancer);
        assert_eq!(infer_kind("Debugger"), NodeKind::Other);
        assert_eq!(infer_kind("Apple"), NodeKind::Other);
    }

    #[test]
    fn priority_order_and_forms() {
        assert_eq!(infer_kind("Kafka consumer"), NodeKind::Bus);
        assert_eq!(infer_kind("Notification worker"), NodeKind::Worker);
        assert_eq!(infer_kind("OrdersDB"), NodeKind::Database);
        assert_eq!(infer_kind("orders_db"), NodeKind::Database);
        assert_eq!(infer_kind("PostgreSQL primary"), NodeKind::Database);
        assert_eq!(infer_kind("Cloudflare CDN"), NodeKind::Edge);
        assert_eq!(infer_kind("Load Balancer"), NodeKind::LoadBalancer);
        assert_eq!(infer_kind("cron jobs"), NodeKind::Worker);
        assert_eq!(infer_kind("Third-party KYC"), NodeKind::External);
        assert_eq!(infer_kind("Servicio de pagos service"), NodeKind::Service);
        assert_eq!(infer_kind("Заказы DB"), NodeKind::Database);
        assert_eq!(infer_kind("Web client"), NodeKind::Client);
        assert_eq!(infer_kind("Whatever"), NodeKind::Other);
    }

    #[test]
    fn words_split_on_case_and_punctuation() {
        assert_eq!(
            words("OrdersDB  (primary)"),
            vec!["orders", "db", "primary"]
        );
        assert_eq!(words("payment-svc"), vec!["payment", "svc"]);
    }
}
