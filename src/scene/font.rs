//! Text measurement with the embedded diagram font (DejaVu Sans), so SVG
//! labels wrap and centre like the canvas' and fit their boxes when
//! rasterised with the same font.

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider as _};

use crate::content::DIAGRAM_FONT_TTF;

/// Advance widths and vertical metrics at 1 px, ASCII pre-computed.
struct Metrics {
    font: Option<FontRef<'static>>,
    ascii: [f32; 128],
    fallback: f32,
    ascent: f32,
    line_height: f32,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let font = FontRef::new(DIAGRAM_FONT_TTF).ok();
        let mut ascii = [0.55; 128];
        let (mut ascent, mut line_height, mut fallback) = (0.93, 1.164, 0.6);
        if let Some(font) = &font {
            let glyphs = font.glyph_metrics(Size::new(1.0), LocationRef::default());
            let charmap = font.charmap();
            for (code, slot) in ascii.iter_mut().enumerate() {
                let advance = u32::try_from(code)
                    .ok()
                    .and_then(char::from_u32)
                    .and_then(|c| charmap.map(c))
                    .and_then(|gid| glyphs.advance_width(gid));
                if let Some(advance) = advance {
                    *slot = advance;
                }
            }
            fallback = glyphs
                .advance_width(skrifa::GlyphId::new(0))
                .unwrap_or(fallback);
            let m = font.metrics(Size::new(1.0), LocationRef::default());
            ascent = m.ascent;
            line_height = m.ascent - m.descent + m.leading;
        }
        Metrics {
            font,
            ascii,
            fallback,
            ascent,
            line_height,
        }
    })
}

/// Width of `text` (one line) at `size` px.
#[must_use]
pub fn text_width(text: &str, size: f32) -> f32 {
    let m = metrics();
    let mut width = 0.0;
    let mut others = None;
    for ch in text.chars() {
        width += if ch.is_ascii() {
            m.ascii[ch as usize]
        } else {
            let glyphs = others.get_or_insert_with(|| {
                m.font.as_ref().map(|f| {
                    (
                        f.charmap(),
                        f.glyph_metrics(Size::new(1.0), LocationRef::default()),
                    )
                })
            });
            glyphs
                .as_ref()
                .and_then(|(charmap, glyphs)| charmap.map(ch).and_then(|g| glyphs.advance_width(g)))
                .unwrap_or(m.fallback)
        };
    }
    width * size
}

/// Distance from the top of a line to its baseline, at `size` px.
#[must_use]
pub fn ascent(size: f32) -> f32 {
    metrics().ascent * size
}

/// Height of one line at `size` px.
#[must_use]
pub fn line_height(size: f32) -> f32 {
    metrics().line_height * size
}

/// Greedy word wrap to `max_width`, honouring explicit newlines; a word
/// wider than a whole line is broken between characters.
#[must_use]
pub fn wrap(text: &str, size: f32, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let space = text_width(" ", size);
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_width = text_width(word, size);
            if !line.is_empty() && line_width + space + word_width <= max_width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= max_width {
                line.push_str(word);
                line_width = word_width;
            } else {
                // Break the long word.
                line_width = 0.0;
                for ch in word.chars() {
                    let w = text_width(ch.encode_utf8(&mut [0; 4]), size);
                    if !line.is_empty() && line_width + w > max_width {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(ch);
                    line_width += w;
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_real_font() {
        let narrow = text_width("iiii", 14.0);
        let wide = text_width("WWWW", 14.0);
        assert!(narrow > 5.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        assert!(line_height(14.0) > 14.0 && ascent(14.0) < line_height(14.0));
        assert!(text_width("Заказы", 14.0) > 30.0);
    }

    #[test]
    fn wraps_on_words_and_newlines() {
        let lines = wrap("Orders Postgres (write primary)", 14.0, 130.0);
        assert_eq!(lines, vec!["Orders Postgres", "(write primary)"]);
        assert_eq!(wrap("a\nb", 14.0, 100.0), vec!["a", "b"]);
        assert!(wrap("Supercalifragilisticexpialidocious", 14.0, 60.0).len() > 2);
    }
}
