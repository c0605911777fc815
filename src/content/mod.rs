//! Content shipped inside the binary: reference diagrams and Q&A cards.

pub mod references;
