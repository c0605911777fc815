//! A card's answer on screen: its Markdown (paragraphs, nested lists,
//! emphasis, code spans, the card's table as a Markdown table) rendered by
//! `egui_commonmark`, and the "Make it yours" note of a story card.

use egui::{RichText, TextStyle, Ui};
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::content::cards::Card;

/// Point size of answer text.
const ANSWER_PT: f32 = 15.0;

/// Draws card answers; holds the viewer's cache (one per view).
#[derive(Debug, Default)]
pub struct AnswerView {
    cache: CommonMarkCache,
}

impl AnswerView {
    /// The answer, its table and its "Make it yours" note.
    pub fn answer_ui(&mut self, ui: &mut Ui, card: &Card) {
        ui.scope(|ui| {
            let style = ui.style_mut();
            for text_style in [TextStyle::Body, TextStyle::Button] {
                if let Some(font) = style.text_styles.get_mut(&text_style) {
                    font.size = ANSWER_PT;
                }
            }
            if let Some(font) = style.text_styles.get_mut(&TextStyle::Monospace) {
                font.size = ANSWER_PT - 1.0;
            }
            CommonMarkViewer::new().show(ui, &mut self.cache, &card.answer_markdown());
        });
        if let Some(note) = &card.make_it_yours {
            ui.add_space(6.0);
            make_it_yours_ui(ui, note);
        }
    }
}

/// The note on a story card: which facts to swap for your own.
pub fn make_it_yours_ui(ui: &mut Ui, note: &str) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("✎ Make it yours").strong());
        // Body size: it is read while rehearsing, not a footnote.
        ui.label(RichText::new(note).weak());
    });
}
