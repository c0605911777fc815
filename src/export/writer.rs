//! Writing SVG text: short fixed-form numbers, XML escaping, paint
//! attributes, and a canvas that tracks the extent of what was drawn.

use std::fmt::Write as _;

use super::font;
use super::geometry::{P, R, p};
use super::palette::Rgba;

/// A number in short, fixed form (at most two decimals, no `-0`).
pub struct N(pub f32);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rounded = (self.0 * 100.0).round() / 100.0;
        if rounded == 0.0 || !rounded.is_finite() {
            return f.write_str("0");
        }
        // Hundredths as an integer, without allocating: f32 × 100 is exact
        // in f64, and ties to even is how `{:.2}` rounds the exact value.
        let hundredths = f64::from(rounded) * 100.0;
        if hundredths.abs() >= 1e15 {
            let text = format!("{rounded:.2}");
            return f.write_str(text.trim_end_matches('0').trim_end_matches('.'));
        }
        #[expect(
            clippy::cast_possible_truncation,
            reason = "below 10^15 in magnitude, checked above"
        )]
        let c = hundredths.round_ties_even() as i64;
        if c < 0 {
            f.write_str("-")?;
        }
        let c = c.unsigned_abs();
        let (whole, part) = (c / 100, c % 100);
        if part == 0 {
            write!(f, "{whole}")
        } else if part % 10 == 0 {
            write!(f, "{whole}.{}", part / 10)
        } else {
            write!(f, "{whole}.{part:02}")
        }
    }
}

/// True for the characters XML 1.0 allows in a document: tab, newline,
/// carriage return and everything from U+0020 except U+FFFE and U+FFFF
/// (Rust strings hold no surrogates).
pub const fn xml_char(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\r' | '\u{20}'..='\u{fffd}' | '\u{10000}'..)
}

/// Escapes text for XML content and attribute values; characters XML
/// cannot hold (C0 controls but tab and newline, U+FFFE, U+FFFF) and the
/// C1 controls are left out, so the document always parses.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !xml_char(c) || (c.is_control() && c != '\n' && c != '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// `fill="…"` (with `fill-opacity` when translucent).
pub fn fill(color: Rgba) -> String {
    if color.3 == 0xff {
        format!("fill=\"{}\"", color.hex())
    } else {
        format!(
            "fill=\"{}\" fill-opacity=\"{}\"",
            color.hex(),
            N(color.opacity())
        )
    }
}

pub fn stroke(color: Rgba, width: f32) -> String {
    format!("stroke=\"{}\" stroke-width=\"{}\"", color.hex(), N(width))
}

pub fn points(list: &[P]) -> String {
    let mut out = String::new();
    for (i, q) in list.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{},{}", N(q.x), N(q.y));
    }
    out
}

/// An SVG under construction, tracking the extent of what was drawn.
pub struct Canvas {
    /// The SVG elements so far.
    pub body: String,
    /// The extent of everything drawn.
    pub bounds: Option<R>,
}

impl Canvas {
    pub fn grow(&mut self, r: R) {
        self.bounds = Some(self.bounds.map_or(r, |b| b.union(r)));
    }

    pub fn rect(&mut self, r: R, radius: f32, attrs: &str) {
        let radius = radius.min(r.w() * 0.5).min(r.h() * 0.5).max(0.0);
        let rounded = if radius > 0.0 {
            format!(" rx=\"{}\"", N(radius))
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{rounded} {attrs}/>",
            N(r.min.x),
            N(r.min.y),
            N(r.w().max(0.0)),
            N(r.h().max(0.0))
        );
        self.grow(r);
    }

    pub fn polygon(&mut self, list: &[P], attrs: &str) {
        let _ = writeln!(self.body, "<polygon points=\"{}\" {attrs}/>", points(list));
    }

    pub fn polyline(&mut self, list: &[P], attrs: &str) {
        let _ = writeln!(
            self.body,
            "<polyline points=\"{}\" fill=\"none\" {attrs}/>",
            points(list)
        );
    }

    /// Centred lines of text whose block starts at `top`.
    pub fn text_lines(
        &mut self,
        lines: &[String],
        center_x: f32,
        top: f32,
        size: f32,
        color: Rgba,
    ) {
        let height = font::line_height(size);
        for (i, line) in lines.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "a few lines")]
            let y = top + height * i as f32;
            let width = font::text_width(line, size);
            let _ = writeln!(
                self.body,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" {}>{}</text>",
                N(center_x),
                N(y + font::ascent(size)),
                N(size),
                fill(color),
                xml(line)
            );
            self.grow(R {
                min: p(center_x - width * 0.5, y),
                max: p(center_x + width * 0.5, y + height),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first formatting of `N`, kept to check the faster one against.
    fn old_format(v: f32) -> String {
        let rounded = (v * 100.0).round() / 100.0;
        let value = if rounded == 0.0 || !rounded.is_finite() {
            0.0
        } else {
            rounded
        };
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }

    #[test]
    fn numbers_read_as_they_always_did() {
        let mut v = -200_000.0f32;
        while v < 200_000.0 {
            assert_eq!(N(v).to_string(), old_format(v), "{v}");
            v += 0.37;
        }
        for v in [
            0.005, -0.005, 0.015, 1.005, 2.675, 99.995, 1e-7, -1e-7, 65_535.99,
        ] {
            assert_eq!(N(v).to_string(), old_format(v), "{v}");
        }
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(N(1.0).to_string(), "1");
        assert_eq!(N(-0.001).to_string(), "0");
        assert_eq!(N(2.345_67).to_string(), "2.35");
        assert_eq!(N(f32::NAN).to_string(), "0");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            xml("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(
            xml("a\u{fffe}b\u{ffff}c\u{1}d\u{7f}e\u{1fffe}"),
            "abcde\u{1fffe}"
        );
        assert_eq!(xml("tab\tline\n"), "tab\tline\n");
    }
}
