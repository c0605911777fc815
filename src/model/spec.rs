//! What a reference demands of a drawing, stored with the reference itself
//! (the `check` section of its RON file), so a new reference needs no new
//! checker code.

use serde::{Deserialize, Serialize};

use super::{NodeId, NodeKind};

/// The checking rules a reference carries.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSpec {
    /// Kinds the drawing must contain at least once; absence is an error
    /// (`missing-<kind>`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<NodeKind>,
    /// Kinds a good drawing usually has; absence is a warning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommend: Vec<NodeKind>,
    /// Reference nodes that must each be matched by a drawn node of the same
    /// kind (the saga's order / inventory / payment / shipping services).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Kind sequences the drawing should connect in this order (client →
    /// edge → gateway → service); a broken one is a warning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<Vec<NodeKind>>,
    /// Apply the saga rules: steps talk through events, and a failure event
    /// leads to a compensating step.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub saga: bool,
}

/// A reference node that must be matched individually.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The reference node playing this role.
    pub node: NodeId,
    /// Other words people use for it ("stock", "warehouse" for inventory).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}
