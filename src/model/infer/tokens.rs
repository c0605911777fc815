//! A label cut into words for kind inference. Cut are lower-case with
//! accents folded (`Caché` → `cache`, `Serviço` → `servico`); they are
//! split on anything that is not a letter or digit and inside CamelCase
//! (`OrdersDB` → `orders db`, `APIGateway` → `api gateway`). Each word
//! remembers its token (the run of letters and digits it came from, so a
//! brand like `CloudFront` can also be matched whole) and its segment.
//!
//! A segment is the stretch of a label up to a line break, a bracket, a
//! separator (`,` `:` `|` `+` `&`, a spaced ` - ` or ` / `) or a
//! preposition ("of", "for", "de", "für", "with", …): "Payment service
//! (Stripe)", "Queue of jobs" and "Servicio de pedidos" each lead with the
//! segment that names the box.

use std::ops::Range;

/// One word: its text in [`Cut::text`], its token and its segment.
#[derive(Clone, Debug)]
pub(super) struct Word {
    /// Byte range in [`Cut::text`].
    pub range: Range<usize>,
    /// Index of the token holding the word.
    pub token: usize,
    /// Index of the segment holding the word.
    pub segment: usize,
}

/// A run of letters and digits: its words, and its whole text.
#[derive(Clone, Debug)]
pub(super) struct Token {
    /// The words of this token (indices into [`Cut::words`]).
    pub words: Range<usize>,
    /// Byte range of the whole token in [`Cut::text`].
    pub range: Range<usize>,
}

/// A label cut into words.
#[derive(Debug, Default)]
pub(super) struct Cut {
    /// Folded text of all words, back to back.
    pub text: String,
    /// Every word, in label order.
    pub words: Vec<Word>,
    /// Every token, in label order.
    pub tokens: Vec<Token>,
}

impl Cut {
    /// The text of word `i`.
    pub fn word(&self, i: usize) -> &str {
        &self.text[self.words[i].range.clone()]
    }

    /// The whole token starting at word `i`, if that token has more than
    /// one word, and the index just past its last word.
    pub fn whole_token_at(&self, i: usize) -> Option<(&str, usize)> {
        let token = &self.tokens[self.words[i].token];
        (token.words.start == i && token.words.len() > 1)
            .then(|| (&self.text[token.range.clone()], token.words.end))
    }
}

/// Small words that end the segment they stand in (the preposition itself
/// still counts for phrases such as "base de datos" or "backend for
/// frontend").
const PREPOSITIONS: &[&str] = &[
    "of", "for", "on", "in", "at", "as", "via", "with", "using", "by", "from", "to", "into",
    "behind", "over", "per", "through", "inside", "within", "and", "or", "de", "del", "da", "do",
    "dos", "das", "du", "des", "d", "di", "con", "com", "para", "pour", "avec", "en", "von", "vom",
    "fur", "mit", "und", "oder", "zum", "zur", "et", "ou",
];

/// Characters that end a segment wherever they stand.
const HARD_SEPARATORS: &[char] = &[
    '\n', '(', ')', '[', ']', '{', '}', ',', ';', ':', '|', '+', '&', '–', '—', '•', '·', '→', '←',
    '⇒',
];

/// True when the text between two tokens ends a segment.
fn separates(between: &str) -> bool {
    between.contains(HARD_SEPARATORS)
        // Box-drawing characters ("Redis─ Cache─ Sessions").
        || between.contains(|c: char| ('\u{2500}'..='\u{257f}').contains(&c))
        || between.contains("\\n")
        || (between.contains(char::is_whitespace) && between.contains(['-', '/']))
}

/// Folds a character for matching: lower case, common Latin accents
/// removed.
fn fold(ch: char, out: &mut String) {
    let folded = match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(folded);
}

/// True when a word boundary falls before `chars[i]` inside a token:
/// `ordersDB` (lower or digit → upper) and `APIGateway` (the last capital
/// of a run before a lower-case letter), but not `DBs` or `APIs`.
fn camel_break(chars: &[char], i: usize) -> bool {
    let (prev, here) = (chars[i - 1], chars[i]);
    if !here.is_uppercase() {
        return false;
    }
    if prev.is_lowercase() || prev.is_numeric() {
        return true;
    }
    let next = chars.get(i + 1).copied();
    let plural_s = next == Some('s') && i + 2 == chars.len();
    prev.is_uppercase() && next.is_some_and(char::is_lowercase) && !plural_s
}

impl Cut {
    /// Cuts a label into words.
    pub fn new(label: &str) -> Self {
        let mut words = Self {
            text: String::with_capacity(label.len() + 8),
            words: Vec::with_capacity(8),
            tokens: Vec::with_capacity(6),
        };
        let mut segment = 0;
        let mut pending_break = false;
        let mut chars: Vec<char> = Vec::with_capacity(24);
        let mut rest = label;
        let mut last_end = 0;
        let mut offset = 0;
        while !rest.is_empty() {
            let Some(start) = rest.find(char::is_alphanumeric) else {
                break;
            };
            let run_len = rest[start..]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len() - start);
            let between = &label[last_end..offset + start];
            let mut run = &rest[start..start + run_len];
            // A literal `\n` (written for a line break) glued to a word.
            let escaped_newline = between.ends_with('\\') && run.starts_with('n');
            if escaped_newline {
                run = &run[1..];
            }
            offset += start + run_len;
            last_end = offset;
            rest = &label[offset..];
            if run.is_empty() {
                pending_break = true;
                continue;
            }
            if !words.tokens.is_empty() && (pending_break || escaped_newline || separates(between))
            {
                segment += 1;
            }
            chars.clear();
            chars.extend(run.chars());
            let first_word = words.words.len();
            let token_start = words.text.len();
            let mut word_start = token_start;
            for (i, &ch) in chars.iter().enumerate() {
                if i > 0 && camel_break(&chars, i) {
                    words.push_word(word_start, segment);
                    word_start = words.text.len();
                }
                fold(ch, &mut words.text);
            }
            words.push_word(word_start, segment);
            words.tokens.push(Token {
                words: first_word..words.words.len(),
                range: token_start..words.text.len(),
            });
            pending_break = PREPOSITIONS.contains(&&words.text[token_start..]);
        }
        words
    }

    fn push_word(&mut self, start: usize, segment: usize) {
        if start < self.text.len() {
            self.words.push(Word {
                range: start..self.text.len(),
                token: self.tokens.len(),
                segment,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(label: &str) -> Vec<(String, usize)> {
        let words = Cut::new(label);
        (0..words.words.len())
            .map(|i| (words.word(i).to_owned(), words.words[i].segment))
            .collect()
    }

    #[test]
    fn camel_case_acronyms_and_plurals() {
        let w = |l: &str| -> Vec<String> { texts(l).into_iter().map(|(t, _)| t).collect() };
        assert_eq!(w("OrdersDB"), ["orders", "db"]);
        assert_eq!(w("APIGateway"), ["api", "gateway"]);
        assert_eq!(w("CloudFront"), ["cloud", "front"]);
        assert_eq!(w("DBs APIs"), ["dbs", "apis"]);
        assert_eq!(w("S3Bucket"), ["s3", "bucket"]);
        assert_eq!(
            w("Caché Serviço Warteschlange"),
            ["cache", "servico", "warteschlange"]
        );
        assert_eq!(w("file d'attente"), ["file", "d", "attente"]);
    }

    #[test]
    fn segments_end_at_separators_and_prepositions() {
        let s = |l: &str| -> Vec<usize> { texts(l).into_iter().map(|(_, s)| s).collect() };
        assert_eq!(s("Payment gateway (Stripe)"), [0, 0, 1]);
        assert_eq!(s("Queue of jobs"), [0, 0, 1]);
        assert_eq!(s("Order Service - Postgres"), [0, 0, 1]);
        assert_eq!(s("Pub/Sub Multi-AZ"), [0, 0, 0, 0]);
        assert_eq!(s("Client / Frontend"), [0, 1]);
        assert_eq!(s("Cloud Scheduler\\n(Cron)"), [0, 0, 1]);
        assert_eq!(
            texts("Scheduler\\nCron"),
            [("scheduler".to_owned(), 0), ("cron".to_owned(), 1)]
        );
        assert_eq!(s("Run Job\\n(Python)"), [0, 0, 1]);
        assert_eq!(s("QR Service\nRedis"), [0, 0, 1]);
    }

    #[test]
    fn whole_tokens() {
        let words = Cut::new("Amazon CloudFront");
        assert_eq!(words.whole_token_at(0), None);
        assert_eq!(words.whole_token_at(1), Some(("cloudfront", 3)));
        assert_eq!(words.whole_token_at(2), None);
    }
}
