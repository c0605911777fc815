//! Every example of PRODUCT.md's "Kind inference", the word lists it
//! names, and the resolution rules.

use super::*;
use NodeKind::{
    Bus, Cache, Client, Database, Edge, External, Gateway, LoadBalancer, Other, Outbox, Search,
    Service, Storage, Worker,
};

#[track_caller]
fn expect(kind: NodeKind, labels: &[&str]) {
    let wrong: Vec<String> = labels
        .iter()
        .filter(|l| infer_kind(l) != kind)
        .map(|l| format!("{l:?} → {:?}", infer_kind(l)))
        .collect();
    assert!(wrong.is_empty(), "expected {kind:?}: {wrong:?}");
}

#[test]
fn the_role_decides() {
    expect(Worker, &["Kafka consumer", "SQS poller", "Celery worker"]);
    expect(Bus, &["Redis queue", "Azure Service Bus"]);
    expect(Edge, &["CDN cache"]);
    expect(
        External,
        &["Payment gateway (Stripe)", "Google Maps API", "OpenAI API"],
    );
    expect(Service, &["Orders API"]);
    expect(
        Other,
        &[
            "Internet gateway",
            "NAT gateway",
            "Route 53",
            "DNS",
            "Zookeeper",
            "Monitoring",
            "Logging",
        ],
    );
}

#[test]
fn product_words_for_messaging_caching_and_the_edge() {
    expect(
        Bus,
        &[
            "Kafka",
            "RabbitMQ",
            "SQS",
            "SNS",
            "Pub/Sub",
            "EventBridge",
            "Kinesis",
            "Redpanda",
            "Pulsar",
            "NATS",
            "queue",
            "topic",
            "event bus",
            "broker",
            "stream",
        ],
    );
    expect(
        Cache,
        &[
            "Redis",
            "Memcached",
            "ElastiCache",
            "Memorystore",
            "Varnish",
            "cache",
        ],
    );
    expect(
        Edge,
        &[
            "CDN",
            "Cloudflare",
            "CloudFront",
            "Akamai",
            "Fastly",
            "WAF",
            "edge",
        ],
    );
}

#[test]
fn product_words_for_the_request_path() {
    expect(
        LoadBalancer,
        &[
            "load balancer",
            "LB",
            "ALB",
            "ELB",
            "NLB",
            "HAProxy",
            "nginx",
            "Envoy",
            "Traefik",
        ],
    );
    expect(
        Gateway,
        &[
            "API gateway",
            "Kong",
            "Apigee",
            "Tyk",
            "ingress",
            "ingress controller",
            "BFF",
        ],
    );
}

#[test]
fn product_words_for_workers_and_data() {
    expect(
        Worker,
        &[
            "worker",
            "consumer",
            "poller",
            "job",
            "cron",
            "scheduler",
            "Celery",
            "Sidekiq",
            "relay",
        ],
    );
    expect(
        Database,
        &[
            "Postgres",
            "PostgreSQL",
            "MySQL",
            "MariaDB",
            "Aurora",
            "Mongo",
            "MongoDB",
            "DynamoDB",
            "Cassandra",
            "Spanner",
            "CockroachDB",
            "SQL Server",
            "Oracle",
            "DB",
            "database",
            "read replica",
        ],
    );
    expect(
        Storage,
        &[
            "S3",
            "GCS",
            "blob storage",
            "bucket",
            "MinIO",
            "object store",
            "data lake",
        ],
    );
    expect(
        Search,
        &[
            "Elasticsearch",
            "OpenSearch",
            "Solr",
            "Algolia",
            "Meilisearch",
            "search index",
        ],
    );
}

#[test]
fn product_words_for_third_parties_services_and_clients() {
    expect(Outbox, &["outbox", "outbox table"]);
    expect(
        External,
        &[
            "Stripe",
            "Twilio",
            "SendGrid",
            "PayPal",
            "Razorpay",
            "Auth0",
            "third-party",
            "external",
        ],
    );
    expect(
        Service,
        &["service", "svc", "microservice", "API", "backend", "server"],
    );
    expect(
        Client,
        &[
            "browser",
            "mobile",
            "iOS",
            "Android",
            "web client",
            "web app",
            "SPA",
            "app",
            "user",
            "customer",
            "admin dashboard",
        ],
    );
}

#[test]
fn brands_match_whole_and_split() {
    expect(Edge, &["CloudFront", "Amazon CloudFront"]);
    expect(External, &["SendGrid", "PayPal"]);
    expect(Cache, &["ElastiCache", "ElastiCache for Redis"]);
    expect(
        Database,
        &["DynamoDB", "OrdersDB", "orders_db", "ordersdb", "UserDBs"],
    );
    expect(Bus, &["RabbitMQ", "rabbitmq", "EventHub", "messagequeue"]);
    expect(LoadBalancer, &["LoadBalancer", "loadbalancer"]);
    expect(Gateway, &["APIGateway", "apigateway", "api-gw"]);
    expect(Service, &["OrderService", "cartservice", "payment-svc"]);
}

#[test]
fn plurals_numbers_and_word_boundaries() {
    expect(Bus, &["Kafka topics", "Queues", "Message buses"]);
    expect(Database, &["db1", "Read replicas", "Databases"]);
    expect(Cache, &["redis2", "Caches"]);
    expect(
        Other,
        &[
            "Registries",
            "Catalog",
            "Cashier",
            "Debugger",
            "Apple",
            "Whatever",
        ],
    );
    expect(LoadBalancer, &["Catalog LB"]);
}

#[test]
fn common_non_english_words() {
    expect(
        Service,
        &[
            "Servicio de pedidos",
            "Serviço de pagamentos",
            "Service de paiement",
            "Zahlungsdienst",
            "Microservicio de usuarios",
        ],
    );
    expect(
        Database,
        &[
            "Base de datos",
            "banco de dados",
            "Base de données",
            "Datenbank",
            "Bestelldatenbank",
            "Заказы DB",
        ],
    );
    expect(
        Bus,
        &[
            "Warteschlange",
            "file d'attente",
            "Cola de mensajes",
            "Fila de pedidos",
        ],
    );
    expect(Cache, &["Caché de sesiones", "Zwischenspeicher"]);
    expect(
        Worker,
        &[
            "Trabajador de colas",
            "Consumidor",
            "Travailleur",
            "Arbeiter",
        ],
    );
    expect(
        Client,
        &[
            "Cliente web",
            "Navegador",
            "Utilisateur",
            "Benutzer",
            "Usuário",
        ],
    );
}

#[test]
fn the_head_noun_and_the_first_segment_decide() {
    expect(Bus, &["Job queue", "Queue of jobs", "Cola de trabajos"]);
    expect(
        Worker,
        &[
            "Queue worker",
            "Outbox poller",
            "Outbox relay",
            "Email worker",
        ],
    );
    expect(
        Service,
        &[
            "Order Service (Node.js + Postgres)",
            "QR Service\nRedis cached",
            "Payment Service - ECS Fargate",
        ],
    );
    expect(Database, &["Orders (Postgres)", "Users\nPostgreSQL"]);
    expect(
        Gateway,
        &["API Gateway / Microservices Layer", "Kong API gateway"],
    );
    expect(Outbox, &["Outbox DB", "Orders outbox"]);
    expect(
        Other,
        &["Prometheus + Grafana", "Worker nodes", "CI/CD pipeline"],
    );
    expect(Bus, &["Kafka + Zookeeper"]);
}

#[test]
fn generic_and_client_words_are_weaker() {
    expect(
        Service,
        &[
            "User Service",
            "Customer API",
            "Mobile backend",
            "Web server",
        ],
    );
    expect(Client, &["API client", "Mobile app", "Users", "React app"]);
    expect(Cache, &["Redis service"]);
    expect(External, &["Stripe API", "Twilio SMS service"]);
}

#[test]
fn flowchart_steps_are_not_boxes() {
    for label in [
        "Cache hit?",
        "Check Redis cache",
        "Return 0",
        "Send email",
        "5. Validate lock owner",
        "2) Charge card",
        "Start",
        "End",
        "Approve",
    ] {
        assert_eq!(infer(label).evidence, Evidence::Step, "{label}");
        assert_eq!(infer(label).kind, Other, "{label}");
    }
    // Components that start with such a word are still components.
    expect(Service, &["Query Service", "Upload API", "Send service"]);
    expect(Database, &["Read replica"]);
    expect(LoadBalancer, &["Load balancer"]);
    expect(Client, &["Add account form"]);
}

#[test]
fn confidence_tells_the_shape_when_to_step_aside() {
    assert!(!infer("Orders").is_confident());
    assert!(!infer("Users").is_confident());
    assert_eq!(infer("Users").evidence, Evidence::Weak);
    assert!(infer("Redis").is_confident());
    assert!(infer("Order worker").is_confident());
    assert!(infer("Order service").is_confident());
    assert_eq!(infer("Kafka consumer").evidence, Evidence::Role);
    assert_eq!(infer("Redis").evidence, Evidence::Technology);
    assert_eq!(infer("").evidence, Evidence::Nothing);
}

#[test]
fn serverless_functions_are_marked() {
    let lambda = infer("AWS Lambda");
    assert_eq!((lambda.kind, lambda.serverless), (Service, true));
    assert!(infer("Resize function").serverless);
    assert!(!infer("Order service").serverless);
    // A role still decides.
    expect(Worker, &["Lambda worker", "Outbox Poller Lambda"]);
    expect(Worker, &["Step Functions"]);
}

#[test]
fn words_split_on_case_and_punctuation() {
    assert_eq!(
        words("OrdersDB  (primary)"),
        vec!["orders", "db", "primary"]
    );
    assert_eq!(words("payment-svc"), vec!["payment", "svc"]);
}
