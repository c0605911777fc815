//! archdrill: rehearse the whiteboard part of senior backend interviews.
//!
//! The crate is a functional core (`model`, `content`, `drill`, `io`, `store`,
//! `simulate`, …) with thin shells: the command line (`cli`) and the egui
//! app (`app`, `ui`). Only the shells know about egui or the terminal.

pub mod app;
pub mod check;
pub mod cli;
pub mod content;
pub mod disk;
pub mod drill;
pub mod edit;
pub mod export;
pub mod io;
pub mod layout;
pub mod mermaid;
pub mod model;
pub mod scene;
pub mod simulate;
pub mod store;
pub mod ui;
pub mod walkthrough;
