//! The document model: typed nodes and edges, boundaries, walkthrough steps,
//! validation, the RON file format and a petgraph view. Nothing here knows
//! about egui.

mod capacity;
mod diagram;
pub mod file;
mod graph;
pub mod infer;
mod kind;
pub mod placement;
mod spec;
pub mod validate;

pub use capacity::{EdgeTraffic, NodeCapacity};
pub use diagram::{
    ArrowStyle, Boundary, BoundaryId, Diagram, Edge, EdgeId, FORMAT_VERSION, Node, NodeId, Point,
    Size, Step, positions,
};
pub use file::{LoadError, SaveError};
pub use graph::{DiagramGraph, EdgeRef};
pub use infer::infer_kind;
pub use kind::{EdgeKind, NodeKind};
pub use spec::{CheckSpec, Role};
