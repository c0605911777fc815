//! Everything that draws with egui: the canvas (painting the scene's
//! primitives), its gestures and viewport, the panels and views. Only
//! this module and `app` import egui.

pub mod canvas;
pub mod card_text;
pub mod cards_view;
pub mod edges;
pub mod findings;
pub mod fonts;
pub mod geometry;
pub mod help;
pub mod icon;
pub mod interact;
pub mod paint;
pub mod rehearsal;
pub mod sim_overlay;
pub mod stats_view;
pub mod theme;
pub mod walkthrough_bar;
