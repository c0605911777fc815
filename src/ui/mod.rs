//! Everything that draws with egui: the canvas, node shapes, colours and the
//! pure geometry behind them. Only this module and `app` import egui.

pub mod canvas;
pub mod card_text;
pub mod cards_view;
pub mod edges;
pub mod findings;
pub mod fonts;
pub mod geometry;
pub mod help;
pub mod interact;
pub mod overlay;
pub mod rehearsal;
pub mod shapes;
pub mod sim_overlay;
pub mod stats_view;
pub mod theme;
pub mod walkthrough_bar;
