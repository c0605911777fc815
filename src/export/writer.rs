//! Writing SVG text: short fixed-form numbers, XML escaping, and one
//! element per scene primitive.

use std::fmt::Write as _;

use crate::scene::font;
use crate::scene::geometry::{P, p};
use crate::scene::{Align, Primitive, Rgba, Seg, Stroke};

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

/// `fill="…"` (with `fill-opacity` when translucent), or `fill="none"`.
fn fill(color: Option<Rgba>) -> String {
    match color {
        None => "fill=\"none\"".to_owned(),
        Some(c) if c.3 == 0xff => format!("fill=\"{}\"", c.hex()),
        Some(c) => format!("fill=\"{}\" fill-opacity=\"{}\"", c.hex(), N(c.opacity())),
    }
}

/// ` stroke=… stroke-width=… [stroke-opacity] [stroke-dasharray]`, or
/// nothing.
fn stroke(s: Option<&Stroke>) -> String {
    let Some(s) = s else {
        return String::new();
    };
    let mut out = format!(
        " stroke=\"{}\" stroke-width=\"{}\"",
        s.color.hex(),
        N(s.width)
    );
    if s.color.3 != 0xff {
        let _ = write!(out, " stroke-opacity=\"{}\"", N(s.color.opacity()));
    }
    if let Some((dash, gap)) = s.dash {
        let _ = write!(out, " stroke-dasharray=\"{} {}\"", N(dash), N(gap));
    }
    out
}

fn points(list: &[P]) -> String {
    let mut out = String::new();
    for (i, q) in list.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{},{}", N(q.x), N(q.y));
    }
    out
}

/// Appends the SVG element of one primitive.
pub fn write_primitive(out: &mut String, prim: &Primitive<'_>) {
    match prim {
        Primitive::Rect {
            rect,
            radius,
            fill: f,
            stroke: s,
        } => {
            let radius = radius.min(rect.w() * 0.5).min(rect.h() * 0.5).max(0.0);
            let rounded = if radius > 0.0 {
                format!(" rx=\"{}\"", N(radius))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{rounded} {}{}/>",
                N(rect.min.x),
                N(rect.min.y),
                N(rect.w().max(0.0)),
                N(rect.h().max(0.0)),
                fill(*f),
                stroke(s.as_ref())
            );
        }
        Primitive::Polygon {
            points: list,
            fill: f,
            stroke: s,
        } => {
            let _ = writeln!(
                out,
                "<polygon points=\"{}\" {}{}/>",
                points(list),
                fill(*f),
                stroke(s.as_ref())
            );
        }
        Primitive::Polyline {
            points: list,
            stroke: s,
        } => {
            if list.len() == 2 {
                let _ = writeln!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>",
                    N(list[0].x),
                    N(list[0].y),
                    N(list[1].x),
                    N(list[1].y),
                    stroke(Some(s))
                );
            } else {
                let _ = writeln!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\"{} stroke-linejoin=\"round\"/>",
                    points(list),
                    stroke(Some(s))
                );
            }
        }
        Primitive::Path {
            start,
            segs,
            fill: f,
            stroke: s,
        } => {
            let _ = writeln!(
                out,
                "<path d=\"{}\" {}{}/>",
                path_data(*start, segs, f.is_some()),
                fill(*f),
                stroke(s.as_ref())
            );
        }
        Primitive::Text {
            lines,
            x,
            top,
            size,
            color,
            align,
        } => text_lines(out, lines, (*x, *top), *size, *color, *align),
    }
}

/// The `d` attribute of a path of lines and arcs.
fn path_data(start: P, segs: &[Seg], closed: bool) -> String {
    let mut d = format!("M{},{}", N(start.x), N(start.y));
    for seg in segs {
        match *seg {
            Seg::Line(q) => {
                let _ = write!(d, " L{},{}", N(q.x), N(q.y));
            }
            Seg::Arc {
                center,
                radii,
                from,
                to,
            } => {
                let end = center + p(radii.x * to.cos(), radii.y * to.sin());
                let large = u8::from((to - from).abs() > std::f32::consts::PI + 1e-4);
                let sweep = u8::from(to > from);
                let _ = write!(
                    d,
                    " A{},{} 0 {large} {sweep} {},{}",
                    N(radii.x),
                    N(radii.y),
                    N(end.x),
                    N(end.y)
                );
            }
        }
    }
    if closed {
        d.push_str(" Z");
    }
    d
}

/// One `<text>` per line.
fn text_lines(
    out: &mut String,
    lines: &[String],
    (x, top): (f32, f32),
    size: f32,
    color: Rgba,
    align: Align,
) {
    let height = font::line_height(size);
    let anchor = match align {
        Align::Center => " text-anchor=\"middle\"",
        Align::Left => "",
    };
    for (i, line) in lines.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let y = top + height * i as f32 + font::ascent(size);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{anchor} {}>{}</text>",
            N(x),
            N(y),
            N(size),
            fill(Some(color)),
            xml(line)
        );
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
