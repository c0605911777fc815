//! Mermaid flowcharts in and out. Import parses with merman-core behind our
//! own API (size cap, deadline, located errors, PRODUCT.md's kind rules,
//! placed by `crate::layout`); export writes a flowchart that renders like
//! the canvas in Mermaid Live and imports back into the same typed graph.
//! No egui.

mod errors;
mod export;
mod ids;
mod import;
mod kinds;
mod text;

pub use export::export;
pub use import::{MAX_INPUT_BYTES, PARSE_DEADLINE, import, import_with_report};
