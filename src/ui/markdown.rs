//! A small Markdown renderer for card answers: paragraphs, `- ` and `1. `
//! lists, `**bold**` and `` `code` ``. Enough for the bank; no HTML.

use egui::text::LayoutJob;
use egui::{FontId, TextFormat, Ui};

/// One block of a Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph (consecutive lines joined).
    Paragraph(String),
    /// A list item with its marker ("•" or "3.").
    Item(String, String),
}

/// Splits Markdown text into blocks.
#[must_use]
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, out: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(std::mem::take(paragraph)));
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut paragraph, &mut out);
        } else if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            flush(&mut paragraph, &mut out);
            out.push(Block::Item("•".to_owned(), rest.to_owned()));
        } else if let Some((number, rest)) = line
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            flush(&mut paragraph, &mut out);
            out.push(Block::Item(format!("{number}."), rest.to_owned()));
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// Splits inline text into (text, bold, code) runs.
#[must_use]
pub fn runs(text: &str) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut bold, mut code) = (false, false);
    let mut rest = text;
    while !rest.is_empty() {
        if !code && rest.starts_with("**") {
            if !current.is_empty() {
                out.push((std::mem::take(&mut current), bold, code));
            }
            bold = !bold;
            rest = &rest[2..];
        } else if rest.starts_with('`') {
            if !current.is_empty() {
                out.push((std::mem::take(&mut current), bold, code));
            }
            code = !code;
            rest = &rest[1..];
        } else {
            let ch = rest.chars().next().unwrap_or(' ');
            current.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    if !current.is_empty() {
        out.push((current, bold, code));
    }
    out
}

fn inline_ui(ui: &mut Ui, text: &str, size: f32) {
    let mut job = LayoutJob::default();
    let color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    for (run, bold, code) in runs(text) {
        let format = if code {
            TextFormat {
                font_id: FontId::monospace(size - 1.0),
                color,
                background: ui.visuals().code_bg_color,
                ..TextFormat::default()
            }
        } else {
            TextFormat {
                font_id: FontId::proportional(size),
                color: if bold { strong } else { color },
                ..TextFormat::default()
            }
        };
        job.append(&run, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

/// Renders Markdown text at `size` points.
pub fn markdown_ui(ui: &mut Ui, text: &str, size: f32) {
    for block in blocks(text) {
        match block {
            Block::Paragraph(p) => {
                inline_ui(ui, &p, size);
                ui.add_space(size * 0.5);
            }
            Block::Item(marker, item) => {
                ui.horizontal_top(|ui| {
                    ui.add_sized([size * 1.6, size], egui::Label::new(marker));
                    ui.vertical(|ui| inline_ui(ui, &item, size));
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_lists() {
        let b = blocks("First line\nsame paragraph.\n\n- one\n- two\n1. first\n12. twelfth\nafter");
        assert_eq!(
            b,
            vec![
                Block::Paragraph("First line same paragraph.".into()),
                Block::Item("•".into(), "one".into()),
                Block::Item("•".into(), "two".into()),
                Block::Item("1.".into(), "first".into()),
                Block::Item("12.".into(), "twelfth".into()),
                Block::Paragraph("after".into()),
            ]
        );
    }

    #[test]
    fn inline_runs() {
        assert_eq!(
            runs("a **b** `c**d` é"),
            vec![
                ("a ".to_owned(), false, false),
                ("b".to_owned(), true, false),
                (" ".to_owned(), false, false),
                ("c**d".to_owned(), false, true),
                (" é".to_owned(), false, false),
            ]
        );
    }
}
