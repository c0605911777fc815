//! The reference diagrams, embedded in the binary so the app needs no files
//! at run time. Ids are the file stems in `diagrams/`.

use crate::model::{Diagram, LoadError, file};

/// One embedded reference: its stable id and RON source.
#[derive(Clone, Copy, Debug)]
pub struct Reference {
    /// Stable id used by the CLI (`five-tier`, `saga`, …).
    pub id: &'static str,
    /// The RON text.
    pub source: &'static str,
}

macro_rules! reference {
    ($id:literal) => {
        Reference {
            id: $id,
            source: include_str!(concat!("../../diagrams/", $id, ".ron")),
        }
    };
}

/// Every reference, in menu order.
pub const REFERENCES: &[Reference] = &[
    reference!("five-tier"),
    reference!("saga"),
    reference!("checkout-request"),
    reference!("outbox-relay"),
    reference!("event-fan-out"),
    reference!("read-replicas-cache"),
    reference!("strangler-fig"),
    reference!("distributed-tracing"),
    reference!("resilience"),
    reference!("sharding"),
];

impl Reference {
    /// Parses the embedded source.
    ///
    /// # Errors
    /// Only if the shipped file is broken; a test guards against that.
    pub fn load(&self) -> Result<Diagram, LoadError> {
        file::from_ron(self.source, &format!("diagrams/{}.ron", self.id))
    }
}

/// The reference with this id.
#[must_use]
pub fn find(id: &str) -> Option<&'static Reference> {
    REFERENCES.iter().find(|r| r.id == id)
}

/// Every reference id, in menu order.
#[must_use]
pub fn ids() -> Vec<&'static str> {
    REFERENCES.iter().map(|r| r.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_loads_and_is_narrated() {
        for reference in REFERENCES {
            let diagram = reference.load().unwrap_or_else(|e| panic!("{e}"));
            assert!(!diagram.title.is_empty(), "{} has no title", reference.id);
            assert!(
                diagram.walkthrough.len() >= 5,
                "{} has a short walkthrough",
                reference.id
            );
            for step in &diagram.walkthrough {
                let sentences = step.text.matches(". ").count() + 1;
                assert!(
                    (1..=3).contains(&sentences),
                    "{}: {:?}",
                    reference.id,
                    step.title
                );
                assert!(
                    !step.nodes.is_empty() || !step.edges.is_empty(),
                    "{}: {:?} highlights nothing",
                    reference.id,
                    step.title
                );
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = ids();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), REFERENCES.len());
        assert!(find("saga").is_some());
        assert!(find("nope").is_none());
    }
}
