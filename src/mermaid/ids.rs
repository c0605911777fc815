//! Node ids Mermaid accepts but merman-core rejects: ids with a `/`
//! (`back/src`, `api/v1`) or a leading `-` (`-lead`). Before parsing, each
//! such `/` and leading `-` is replaced by a letter the source does not
//! contain, so the parser reads one ordinary id; after parsing the
//! original characters are written back into every id and label. The
//! replacements are applied by [`super::text::Protected`], which also maps
//! byte offsets back for error positions.
//!
//! The scan is a light lexer: it skips front matter, `%%` lines,
//! `classDef`/`linkStyle` lines, quoted strings, bracketed labels and
//! `|edge labels|`. Whatever else it rewrites by mistake (a `/` in an
//! unquoted `-- edge text -->`) is written back just the same.

use merman_model::families::flowchart::FlowchartModel;

/// Letters (accepted in ids by the parser) that stand in for `/` and a
/// leading `-`; the first two the source does not use are taken.
const STAND_INS: &[char] = &['ǀ', 'ǁ', 'ǂ', 'ǃ', 'ʘ', 'ʭ', 'ƪ', 'ƾ'];

/// Where ids must be rewritten, and with which letters.
#[derive(Debug, Default)]
pub struct IdRewrite {
    /// Stands in for `/` inside an id.
    slash: char,
    /// Stands in for the leading `-` of an id.
    dash: char,
    /// `(byte offset, stand-in)`, ascending; each replaces one ASCII byte.
    pub edits: Vec<(usize, char)>,
}

/// True for characters the parser takes inside an id.
fn id_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

impl IdRewrite {
    /// Finds the ids of `source` that need a rewrite.
    #[must_use]
    pub fn find(source: &str) -> Self {
        if !source.contains(['/', '-']) {
            return Self::default();
        }
        let mut free = STAND_INS.iter().copied().filter(|c| !source.contains(*c));
        let (Some(slash), Some(dash)) = (free.next(), free.next()) else {
            return Self::default();
        };
        let mut rewrite = Self {
            slash,
            dash,
            edits: Vec::new(),
        };
        let mut offset = 0;
        let mut front_matter = false;
        for (number, line) in source.split_inclusive('\n').enumerate() {
            let trimmed = line.trim();
            if number == 0 && trimmed == "---" {
                front_matter = true;
            } else if front_matter {
                front_matter = trimmed != "---";
            } else if !skipped_line(trimmed) {
                rewrite.scan_line(line, offset);
            }
            offset += line.len();
        }
        rewrite
    }

    /// Records the ids of one statement line that need a rewrite.
    fn scan_line(&mut self, line: &str, offset: usize) {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let at = |i: usize| chars.get(i).map(|&(_, c)| c);
        let mut depth = 0usize;
        let mut quoted = false;
        let mut piped = false;
        let mut i = 0;
        while i < chars.len() {
            let ch = chars[i].1;
            let prev = i.checked_sub(1).and_then(at);
            if quoted {
                quoted = ch != '"';
            } else if ch == '"' {
                quoted = true;
            } else if depth > 0 {
                match ch {
                    '[' | '(' | '{' => depth += 1,
                    ']' | ')' | '}' => depth -= 1,
                    _ => {}
                }
            } else if piped {
                piped = ch != '|';
            } else if ch == '|' {
                piped = true;
            } else if matches!(ch, '[' | '(' | '{') || (ch == '>' && prev.is_some_and(id_char)) {
                // A shape's label (`>` opens the asymmetric shape `id>label]`).
                depth = 1;
            } else if let Some(end) = self.id_at(&chars, i, offset) {
                i = end;
                continue;
            }
            i += 1;
        }
    }

    /// If an id starts at `chars[i]`, records its rewrites and returns the
    /// index just past it.
    fn id_at(&mut self, chars: &[(usize, char)], i: usize, offset: usize) -> Option<usize> {
        let at = |j: usize| chars.get(j).map(|&(_, c)| c);
        let ch = chars[i].1;
        let prev = i.checked_sub(1).and_then(at);
        let next = at(i + 1);
        let after_space = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '&' | ',' | ';'));
        let leading_dash = ch == '-' && after_space && next.is_some_and(id_char);
        let leading_slash = ch == '/' && after_space && next.is_some_and(id_char);
        if !(id_char(ch) || leading_dash || leading_slash) || prev.is_some_and(id_char) {
            return None;
        }
        let mut end = i + 1;
        while let Some(c) = at(end) {
            let following = at(end + 1);
            let continues = id_char(c)
                || (c == '/' && following.is_some_and(id_char))
                || (c == '-' && !matches!(following, Some('-' | '.' | '>') | None))
                || (c == '.' && following.is_some_and(id_char));
            if !continues {
                break;
            }
            end += 1;
        }
        let slashes = chars[i..end].iter().filter(|&&(_, c)| c == '/');
        let mut edits: Vec<(usize, char)> =
            slashes.map(|&(b, _)| (offset + b, self.slash)).collect();
        if leading_dash {
            edits.insert(0, (offset + chars[i].0, self.dash));
        }
        self.edits.extend(edits);
        Some(end)
    }

    /// True when nothing needs rewriting.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// `text` with the stand-ins turned back into `/` and `-`.
    #[must_use]
    pub fn restore(&self, text: &str) -> String {
        if self.is_empty() || !text.contains([self.slash, self.dash]) {
            return text.to_owned();
        }
        text.chars()
            .map(|c| match c {
                c if c == self.slash => '/',
                c if c == self.dash => '-',
                c => c,
            })
            .collect()
    }

    /// Writes the original characters back into every id and label of a
    /// parsed flowchart.
    pub fn restore_model(&self, model: &mut FlowchartModel) {
        if self.is_empty() {
            return;
        }
        let fix = |s: &mut String| *s = self.restore(s);
        for node in &mut model.nodes {
            fix(&mut node.id);
            node.label.as_mut().map(fix);
        }
        for edge in &mut model.edges {
            fix(&mut edge.id);
            fix(&mut edge.from);
            fix(&mut edge.to);
            edge.label.as_mut().map(fix);
        }
        for subgraph in &mut model.subgraphs {
            fix(&mut subgraph.id);
            fix(&mut subgraph.title);
            subgraph.nodes.iter_mut().for_each(fix);
        }
    }
}

/// Lines that hold no node ids to rewrite: comments, directives, style
/// definitions, accessibility text.
fn skipped_line(trimmed: &str) -> bool {
    trimmed.starts_with("%%")
        || ["classDef", "linkStyle", "accTitle", "accDescr"]
            .iter()
            .any(|k| trimmed.starts_with(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(source: &str) -> Vec<usize> {
        IdRewrite::find(source).edits.iter().map(|e| e.0).collect()
    }

    #[test]
    fn slashes_and_leading_dashes_in_ids_only() {
        // The `/` of `back/src` and the `-` of `-lead`; arrows, labels and
        // quoted text are untouched.
        let text = "flowchart LR\nback/src --> -lead[\"a/b\"]\n";
        assert_eq!(rewritten(text), [17, 26]);
        assert!(rewritten("flowchart LR\n  a-->b\n  c --- d\n  e -.-> f\n").is_empty());
        assert!(rewritten("flowchart LR\n  a[/slanted/] -->|a/b| b(x/y)\n").is_empty());
        assert!(rewritten("%% a/b\nflowchart LR\n  classDef x fill:#fff\n").is_empty());
        assert_eq!(rewritten("flowchart LR\n  a --> b/c & d/e\n").len(), 2);
    }

    #[test]
    fn restore_undoes_the_stand_ins() {
        let rewrite = IdRewrite::find("flowchart LR\n  x/y --> -z\n");
        let mut text = String::from("flowchart LR\n  x/y --> -z\n");
        for &(at, ch) in rewrite.edits.iter().rev() {
            text.replace_range(at..=at, ch.encode_utf8(&mut [0; 4]));
        }
        assert!(!text.contains("x/y"));
        assert_eq!(rewrite.restore(&text), "flowchart LR\n  x/y --> -z\n");
    }
}
