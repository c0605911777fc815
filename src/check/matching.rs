//! Assigns drawn nodes to reference nodes by kind and label similarity with
//! an optimal assignment (Kuhn–Munkres), tolerant of other names, extra
//! nodes and missing ones.

use std::collections::BTreeSet;

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

use crate::model::infer::words;
use crate::model::{Diagram, Node};

/// Words that say nothing about which box is which.
const STOP_WORDS: &[&str] = &[
    "service",
    "svc",
    "microservice",
    "api",
    "server",
    "the",
    "a",
    "an",
    "of",
    "and",
    "for",
    "db",
    "database",
    "system",
    "module",
    "app",
    "layer",
    "tier",
    "node",
    "primary",
    "table",
    "to",
];

/// Content words of a text: lower-case, stop words dropped, plurals folded.
#[must_use]
pub fn content_words(text: &str) -> BTreeSet<String> {
    words(text)
        .into_iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| fold_plural(&w))
        .collect()
}

fn fold_plural(word: &str) -> String {
    if word.len() > 4
        && let Some(stem) = word.strip_suffix("ies")
    {
        return format!("{stem}y");
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// Everything a node is known by: its label, plus the labels of its edges
/// (event names say a lot about who is who).
pub struct Profile {
    /// Words of the label (and aliases, for reference roles).
    pub label: BTreeSet<String>,
    /// Words of incident edge labels.
    pub context: BTreeSet<String>,
}

impl Profile {
    /// The profiles of every node of a diagram, in node order, in one pass
    /// over the edges (linear, not nodes × edges).
    #[must_use]
    pub fn all(diagram: &Diagram, aliases: &dyn Fn(&str) -> Vec<String>) -> Vec<Self> {
        let mut context: std::collections::BTreeMap<&str, BTreeSet<String>> =
            std::collections::BTreeMap::new();
        for edge in &diagram.edges {
            if edge.label.is_empty() {
                continue;
            }
            let words = content_words(&edge.label);
            for end in [edge.from.as_str(), edge.to.as_str()] {
                context
                    .entry(end)
                    .or_default()
                    .extend(words.iter().cloned());
            }
        }
        diagram
            .nodes
            .iter()
            .map(|node| {
                let mut label = content_words(&node.label);
                for alias in aliases(node.id.as_str()) {
                    label.extend(content_words(&alias));
                }
                Self {
                    label,
                    context: context.get(node.id.as_str()).cloned().unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// Share of `a`'s words found in `b` (0–1).
fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    #[expect(clippy::cast_precision_loss, reason = "word counts are small")]
    let share = a.intersection(b).count() as f32 / a.len() as f32;
    share
}

/// Label similarity 0–1 between a drawn and a reference profile.
#[must_use]
pub fn label_similarity(drawn: &Profile, reference: &Profile) -> f32 {
    overlap(&drawn.label, &reference.label).max(overlap(&reference.label, &drawn.label) * 0.8)
}

/// The weight of a match on kind alone.
const KIND_MATCH: i64 = 100;

/// Weight of assigning a drawn node to a reference node; 0 means "no".
fn weight(drawn: &Node, dp: &Profile, reference: &Node, rp: &Profile) -> i64 {
    if drawn.kind != reference.kind {
        return 0;
    }
    let label = label_similarity(dp, rp);
    let context = overlap(&dp.context, &rp.context).max(overlap(&dp.label, &rp.context) * 0.5);
    #[expect(clippy::cast_possible_truncation, reason = "bounded to 0..=200")]
    let bonus = (120.0 * label + 40.0 * context).round() as i64;
    KIND_MATCH + bonus
}

/// The optimal assignment: for each reference node, the index of the drawn
/// node matched to it, if any, and how much more than the kind the match
/// rests on (the label and event-name bonus, 0 for a kind-only match).
#[must_use]
pub fn assign_scored(
    drawing: &Diagram,
    reference: &Diagram,
    aliases: &dyn Fn(&str) -> Vec<String>,
) -> Vec<Option<(usize, i64)>> {
    let rows = reference.nodes.len();
    if rows == 0 {
        return Vec::new();
    }
    let drawn_profiles = Profile::all(drawing, &|_| Vec::new());
    let ref_profiles = Profile::all(reference, aliases);
    let drawn = drawing.nodes.len();
    // One dummy column per row so every reference node may stay unmatched.
    let weights = Matrix::from_fn(rows, drawn + rows, |(r, c)| {
        if c < drawn {
            weight(
                &drawing.nodes[c],
                &drawn_profiles[c],
                &reference.nodes[r],
                &ref_profiles[r],
            )
        } else {
            0
        }
    });
    let (_, columns) = kuhn_munkres(&weights);
    columns
        .into_iter()
        .enumerate()
        .map(|(r, c)| (c < drawn && weights[(r, c)] > 0).then(|| (c, weights[(r, c)] - KIND_MATCH)))
        .collect()
}

/// [`assign_scored`] with a flag for whether the match rests on more than
/// the kind (a shared label word, alias or event name).
#[must_use]
pub fn assign_with_evidence(
    drawing: &Diagram,
    reference: &Diagram,
    aliases: &dyn Fn(&str) -> Vec<String>,
) -> Vec<Option<(usize, bool)>> {
    assign_scored(drawing, reference, aliases)
        .into_iter()
        .map(|m| m.map(|(d, bonus)| (d, bonus > 0)))
        .collect()
}

/// [`assign_with_evidence`] without the evidence flags.
#[must_use]
pub fn assign(
    drawing: &Diagram,
    reference: &Diagram,
    aliases: &dyn Fn(&str) -> Vec<String>,
) -> Vec<Option<usize>> {
    assign_with_evidence(drawing, reference, aliases)
        .into_iter()
        .map(|m| m.map(|(d, _)| d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NodeKind, Point};

    fn diagram(nodes: &[(&str, &str, NodeKind)]) -> Diagram {
        Diagram {
            nodes: nodes
                .iter()
                .map(|(id, label, kind)| Node::new(id, label, *kind, Point::default()))
                .collect(),
            ..Diagram::default()
        }
    }

    #[test]
    fn matches_by_label_among_same_kind() {
        let reference = diagram(&[
            ("order", "Order service", NodeKind::Service),
            ("inventory", "Inventory service", NodeKind::Service),
            ("payment", "Payment service", NodeKind::Service),
        ]);
        let drawing = diagram(&[
            ("p", "Billing", NodeKind::Service),
            ("s", "Stock keeper", NodeKind::Service),
            ("o", "Orders API", NodeKind::Service),
            ("x", "Orders DB", NodeKind::Database),
        ]);
        let aliases = |id: &str| match id {
            "inventory" => vec!["stock".to_owned()],
            "payment" => vec!["billing".to_owned()],
            _ => vec![],
        };
        assert_eq!(
            assign(&drawing, &reference, &aliases),
            vec![Some(2), Some(1), Some(0)]
        );
    }

    #[test]
    fn leaves_the_least_similar_role_unmatched() {
        let reference = diagram(&[
            ("order", "Order service", NodeKind::Service),
            ("inventory", "Inventory service", NodeKind::Service),
        ]);
        let drawing = diagram(&[
            ("i", "Inventory", NodeKind::Service),
            ("c", "Cache", NodeKind::Cache),
        ]);
        assert_eq!(
            assign(&drawing, &reference, &|_| vec![]),
            vec![None, Some(0)]
        );
    }

    #[test]
    fn content_words_drop_noise_and_plurals() {
        let words: Vec<String> = content_words("Orders Service API (primary)")
            .into_iter()
            .collect();
        assert_eq!(words, vec!["order"]);
        let words: Vec<String> = content_words("Deliveries, Inventories, Address")
            .into_iter()
            .collect();
        assert_eq!(words, vec!["address", "delivery", "inventory"]);
    }
}
