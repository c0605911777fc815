//! Label text between Mermaid and the model: turning the parser's HTML-ish
//! labels into plain text (`<br>` → newline, tags stripped, entities
//! decoded, markdown emphasis dropped), protecting entity-escaped `<`, `>`,
//! `&` and `"` from the parser's HTML sanitiser and unquoting, and escaping plain text for
//! export so it comes back unchanged.

use std::fmt::Write as _;

use super::ids::IdRewrite;

/// Private-use stand-ins for characters the source spelled as entities
/// (`#lt;`, `&lt;`, …). The parser decodes entities *before* it sanitises
/// HTML, so `#lt;script#gt;` would otherwise be eaten as a `<script>` tag;
/// the stand-ins pass through untouched and become the characters again in
/// [`plain_label`].
const PROTECTED: [(char, &[&str]); 4] = [
    ('\u{e000}', &["#lt;", "&lt;", "#60;", "&#60;"]),
    ('\u{e001}', &["#gt;", "&gt;", "#62;", "&#62;"]),
    ('\u{e002}', &["#amp;", "&amp;", "#38;", "&#38;"]),
    // A label that decodes to `"…"` would lose its quotes as a quoted string.
    ('\u{e003}', &["#quot;", "&quot;", "#34;", "&#34;"]),
];

/// The characters the stand-ins of [`PROTECTED`] mean.
fn unprotect(ch: char) -> Option<char> {
    match ch {
        '\u{e000}' => Some('<'),
        '\u{e001}' => Some('>'),
        '\u{e002}' => Some('&'),
        '\u{e003}' => Some('"'),
        _ => None,
    }
}

/// Source text as handed to the parser: entity-escaped `<`, `>`, `&` and
/// `"` replaced by stand-ins, and the `/` or leading `-` of ids the parser
/// would reject rewritten ([`IdRewrite`]); plus what is needed to map byte
/// offsets back to the original.
#[derive(Debug)]
pub struct Protected {
    /// The rewritten text, handed to the parser.
    pub text: String,
    /// The id rewrites, to be undone in the parsed model.
    pub ids: IdRewrite,
    /// `(offset in text after a replacement, bytes removed so far)`,
    /// ascending; negative where stand-ins are longer than what they
    /// replace.
    shifts: Vec<(usize, isize)>,
}

impl Protected {
    /// Replaces every entity spelling of [`PROTECTED`] by its stand-in and
    /// rewrites the ids the parser would reject.
    #[must_use]
    pub fn new(source: &str) -> Self {
        let ids = IdRewrite::find(source);
        let mut text = String::with_capacity(source.len() + ids.edits.len() * 2);
        let mut shifts = Vec::new();
        let mut removed: isize = 0;
        let mut edits = ids.edits.iter().peekable();
        let mut shift = |text: &mut String, stand_in: char, replaced: usize| {
            text.push(stand_in);
            removed += isize::try_from(replaced).unwrap_or(0)
                - isize::try_from(stand_in.len_utf8()).unwrap_or(0);
            shifts.push((text.len(), removed));
        };
        let mut at = 0;
        while at < source.len() {
            let next_edit = edits.peek().map_or(source.len(), |e| e.0);
            let tail = &source[at..];
            if next_edit == at {
                let (_, stand_in) = edits.next().copied().unwrap_or_default();
                shift(&mut text, stand_in, 1);
                at += 1;
                continue;
            }
            // Copy up to the next `#`, `&` or id rewrite.
            let plain = tail[..next_edit - at]
                .find(['#', '&'])
                .unwrap_or(next_edit - at);
            if plain > 0 {
                text.push_str(&tail[..plain]);
                at += plain;
                continue;
            }
            let hit = PROTECTED.iter().find_map(|(stand_in, spellings)| {
                spellings
                    .iter()
                    .find(|s| tail.starts_with(**s))
                    .map(|s| (*stand_in, s.len()))
            });
            if let Some((stand_in, len)) = hit {
                shift(&mut text, stand_in, len);
                at += len;
            } else {
                text.push_str(&tail[..1]);
                at += 1;
            }
        }
        Self { text, ids, shifts }
    }

    /// The offset in the original source of a byte offset in [`Self::text`].
    #[must_use]
    pub fn original_offset(&self, offset: usize) -> usize {
        let index = self.shifts.partition_point(|(at, _)| *at <= offset);
        let removed = index
            .checked_sub(1)
            .and_then(|i| self.shifts.get(i))
            .map_or(0, |(_, removed)| *removed);
        offset.saturating_add_signed(removed)
    }
}

/// HTML elements whose tags are dropped from labels (their text is kept).
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "code", "del", "em", "font", "i", "ins", "kbd", "mark", "p", "q", "s",
    "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var", "div",
];

/// If `tail` starts with an HTML tag, its length and whether it is a line
/// break.
fn html_tag(tail: &str) -> Option<(usize, bool)> {
    let inner = tail.strip_prefix('<')?;
    let end = inner.find('>')?;
    let body = inner[..end].trim();
    let body = body.strip_prefix('/').unwrap_or(body).trim_end_matches('/');
    let name: String = body
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let rest = &body[name.len()..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    if name == "br" {
        Some((end + 2, true))
    } else if INLINE_TAGS.contains(&name.as_str()) {
        Some((end + 2, false))
    } else {
        None
    }
}

/// Decodes an HTML entity at the start of `tail`: the text and its length.
fn html_entity(tail: &str) -> Option<(char, usize)> {
    let body_end = tail.get(1..)?.find(';')? + 1;
    if body_end > 12 {
        return None;
    }
    let body = &tail[1..body_end];
    let ch = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let number = body.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control() || *c == '\n')?
        }
    };
    Some((ch, body_end + 1))
}

/// Drops markdown emphasis markers (`**`, `__`, `*`, `_` at word edges)
/// from a markdown-string label.
fn strip_markdown(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &ch) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        let after = chars.get(i + 1);
        let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
        let marker = match ch {
            '*' => true,
            // Intraword underscores (order_db) are not emphasis.
            '_' => !(word(before) && word(after)),
            _ => false,
        };
        if !marker {
            out.push(ch);
        }
    }
    out
}

/// The plain text of a label as the parser returns it: HTML line breaks
/// become newlines, inline tags are dropped, entities and protected
/// characters decoded, and (for markdown strings) emphasis removed. Lines
/// are trimmed.
#[must_use]
pub fn plain_label(raw: &str, markdown: bool) -> String {
    // The parser leaves its own entity placeholders in some texts
    // (`accDescr`): `ﬂ°°35¶ß` is `&#35;`, `ﬂ°quot¶ß` is `&quot;`.
    let raw = if raw.contains("ﬂ°") {
        raw.replace("ﬂ°°", "&#")
            .replace("ﬂ°", "&")
            .replace("¶ß", ";")
    } else {
        raw.to_owned()
    };
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw.as_str();
    while let Some(ch) = rest.chars().next() {
        if ch == '<'
            && let Some((len, line_break)) = html_tag(rest)
        {
            if line_break {
                out.push('\n');
            }
            rest = &rest[len..];
        } else if ch == '&'
            && let Some((decoded, len)) = html_entity(rest)
        {
            out.push(decoded);
            rest = &rest[len..];
        } else {
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    let text = if markdown { strip_markdown(&out) } else { out };
    let text: String = text.chars().map(|c| unprotect(c).unwrap_or(c)).collect();
    text.lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_owned()
}

/// Escapes plain text for a double-quoted Mermaid label (`["…"]`,
/// `|"…"|`): entity codes for the characters Mermaid would read as syntax
/// or HTML, `<br>` for newlines. [`plain_label`] of the import gives the
/// text back.
#[must_use]
pub fn quoted_label(text: &str) -> String {
    format!("\"{}\"", escaped(text))
}

/// [`quoted_label`] without the quotes, for one-line text such as
/// `accDescr:`.
#[must_use]
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            // `%%` starts a comment or directive anywhere in Mermaid.
            '%' if chars.peek() == Some(&'%') => out.push_str("#37;"),
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_control() => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_entities_and_breaks() {
        assert_eq!(plain_label("a<br>b<br/>c<br />d", false), "a\nb\nc\nd");
        assert_eq!(
            plain_label("<b>bold</b> &amp; <i>it</i>", false),
            "bold & it"
        );
        assert_eq!(
            plain_label("a &lt; b &gt; c &#39;q&#39;", false),
            "a < b > c 'q'"
        );
        assert_eq!(plain_label("x < y and z > 1", false), "x < y and z > 1");
        assert_eq!(plain_label("AT&T", false), "AT&T");
    }

    #[test]
    fn parser_placeholders_are_decoded() {
        assert_eq!(plain_label("a ﬂ°°35¶ß1 ﬂ°quot¶ßq", false), "a #1 \"q");
    }

    #[test]
    fn markdown_emphasis_is_dropped_but_not_inside_words() {
        assert_eq!(
            plain_label("**Bold** _it_ order_db", true),
            "Bold it order_db"
        );
        assert_eq!(plain_label("multi\n  line", true), "multi\nline");
    }

    #[test]
    fn protection_survives_and_maps_offsets_back() {
        let source = "A[\"#lt;x#gt; &amp;\"] ! here";
        let protected = Protected::new(source);
        assert!(protected.text.contains('\u{e000}'));
        let bang = protected.text.find('!').unwrap_or_default();
        assert_eq!(
            protected.original_offset(bang),
            source.find('!').unwrap_or(1)
        );
        assert_eq!(protected.original_offset(0), 0);
        assert_eq!(plain_label("\u{e000}x\u{e001} \u{e002}", false), "<x> &");
    }

    #[test]
    fn quoting_escapes_syntax() {
        assert_eq!(
            quoted_label("say \"hi\" <script> & #1\nnext"),
            "\"say #quot;hi#quot; #lt;script#gt; #amp; #35;1<br>next\""
        );
    }
}
