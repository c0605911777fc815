//! The cards are in our own words: no card shares a run of more than
//! [`MAX_SHARED_RUN`] consecutive words with the seed guide the bank was
//! written from (`../shared/seed/backend-interview-guide.txt`, next to the
//! repository, never copied into it).
//!
//! Words are compared folded: lower case, split at every character that is
//! not a letter or a digit (so Markdown, punctuation, `~`, `×` and dashes
//! do not count). A card is checked field by field: the question, the
//! answer, its key points read in order, its table read row by row like
//! the guide's own Markdown tables, its follow-ups and its "Make it yours"
//! note.
//!
//! Where the seed is present the test measures the exact longest shared run
//! per card (printed with `--nocapture`). On a clean clone without it, the
//! test falls back to `tests/content/seed-shingles.txt`: the FNV-1a 64
//! hashes of every run of [`SHINGLE`] = 13 folded words of the guide, one
//! per line in hex, sorted. A card shingle found there is a run of 13 —
//! one over the bar. Regenerate the file after the seed changes with
//!
//! ```sh
//! cargo test --test own_words -- --ignored write_seed_shingles
//! ```
//!
//! (the fingerprint test below fails until you do).

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

use archdrill::content::cards::{self, Card};

/// The longest run of words a card may share with the guide.
const MAX_SHARED_RUN: usize = 12;
/// Words per shingle in the committed fingerprint: one over the bar.
const SHINGLE: usize = MAX_SHARED_RUN + 1;

fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/backend-interview-guide.txt")
}

fn shingles_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/content/seed-shingles.txt")
}

/// Folded words: lower case, cut at anything but letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// FNV-1a, 64 bits: stable across runs, platforms and Rust versions
/// (std's `DefaultHasher` is not).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The hash of every `n`-word window of `words`, the words joined by one
/// space.
fn shingle_hashes(words: &[String], n: usize) -> Vec<u64> {
    words
        .windows(n)
        .map(|w| fnv1a(w.join(" ").as_bytes()))
        .collect()
}

/// The texts of a card that are checked, each named, each read as one run
/// of words.
fn fields(card: &Card) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("question", card.question.clone()),
        ("answer", card.answer.clone()),
        ("key points", card.key_points.join("\n")),
        ("follow-ups", card.follow_ups.join("\n")),
    ];
    if let Some(table) = &card.table {
        let mut text = table.columns.join(" | ");
        for row in &table.rows {
            text.push('\n');
            text.push_str(&row.join(" | "));
        }
        out.push(("table", text));
    }
    if let Some(note) = &card.make_it_yours {
        out.push(("make it yours", note.clone()));
    }
    out
}

/// The longest run of consecutive words of `text` that also occurs in
/// `guide`, and where it starts in `text`: dynamic programming over the
/// guide positions of each word (one row kept), so the cost is the number
/// of matching word pairs, not `|text| × |guide|`.
fn longest_shared_run(
    text: &[String],
    guide: &[String],
    at: &HashMap<&str, Vec<usize>>,
) -> (usize, usize) {
    let mut best = (0, 0);
    let mut previous: HashMap<usize, usize> = HashMap::new();
    for (i, word) in text.iter().enumerate() {
        let mut current = HashMap::new();
        for &j in at.get(word.as_str()).map_or(&[][..], Vec::as_slice) {
            let run = 1 + j
                .checked_sub(1)
                .and_then(|k| previous.get(&k))
                .copied()
                .unwrap_or(0);
            debug_assert_eq!(guide[j], *word);
            if run > best.0 {
                best = (run, i + 1 - run);
            }
            current.insert(j, run);
        }
        previous = current;
    }
    best
}

fn positions(guide: &[String]) -> HashMap<&str, Vec<usize>> {
    let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, w) in guide.iter().enumerate() {
        at.entry(w.as_str()).or_default().push(j);
    }
    at
}

/// The fingerprint file's text for a guide: sorted unique hex hashes.
fn fingerprint(guide: &[String]) -> String {
    let set: BTreeSet<u64> = shingle_hashes(guide, SHINGLE).into_iter().collect();
    let mut out = String::with_capacity(set.len() * 17);
    for hash in set {
        writeln!(out, "{hash:016x}").unwrap_or_else(|e| panic!("{e}"));
    }
    out
}

fn read_fingerprint() -> BTreeSet<u64> {
    let text = std::fs::read_to_string(shingles_path())
        .unwrap_or_else(|e| panic!("{}: {e}", shingles_path().display()));
    text.lines()
        .map(|l| u64::from_str_radix(l.trim(), 16).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect()
}

/// Per card, its longest run shared with the guide: (run, card id, field,
/// the shared words).
fn measured_runs(guide: &[String]) -> Vec<(usize, String, &'static str, String)> {
    let at = positions(guide);
    let cards = cards::all().unwrap_or_else(|e| panic!("{e}"));
    cards
        .iter()
        .map(|card| {
            let mut best = (0, card.id.clone(), "", String::new());
            for (name, text) in fields(card) {
                let text = words(&text);
                let (run, start) = longest_shared_run(&text, guide, &at);
                if run > best.0 {
                    best = (
                        run,
                        card.id.clone(),
                        name,
                        text[start..start + run].join(" "),
                    );
                }
            }
            best
        })
        .collect()
}

#[test]
fn no_card_shares_more_than_twelve_words_in_a_row_with_the_guide() {
    if let Ok(seed) = std::fs::read_to_string(seed_path()) {
        let guide = words(&seed);
        let mut runs = measured_runs(&guide);
        runs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        println!("longest run shared with the guide, per card (longest first):");
        for (run, id, field, shared) in &runs {
            println!("{run:3}  {id} ({field}): {shared}");
        }
        let over: Vec<_> = runs.iter().filter(|r| r.0 > MAX_SHARED_RUN).collect();
        // The fallback must flag exactly the cards the measurement flags.
        let mut flagged: Vec<&str> = over.iter().map(|r| r.1.as_str()).collect();
        flagged.sort_unstable();
        let mut hit: Vec<String> = fingerprint_hits(&read_fingerprint())
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        hit.dedup();
        assert_eq!(hit, flagged, "the fingerprint and the seed disagree");
        assert!(
            over.is_empty(),
            "{} cards share more than {MAX_SHARED_RUN} words in a row with the guide: {over:#?}",
            over.len()
        );
    } else {
        // A clean clone: the guide is not there, its fingerprint is.
        let over = fingerprint_hits(&read_fingerprint());
        assert!(
            over.is_empty(),
            "runs of {SHINGLE} words found in the guide's fingerprint:\n{over:#?}"
        );
    }
}

/// Every card shingle found in the fingerprint, as (card id, "field: the
/// words"), sorted by card id.
fn fingerprint_hits(known: &BTreeSet<u64>) -> Vec<(String, String)> {
    let mut cards = cards::all().unwrap_or_else(|e| panic!("{e}"));
    cards.sort_by(|a, b| a.id.cmp(&b.id));
    let mut over = Vec::new();
    for card in &cards {
        for (name, text) in fields(card) {
            let text = words(&text);
            for (i, hash) in shingle_hashes(&text, SHINGLE).into_iter().enumerate() {
                if known.contains(&hash) {
                    over.push((
                        card.id.clone(),
                        format!("{name}: {}", text[i..i + SHINGLE].join(" ")),
                    ));
                }
            }
        }
    }
    over
}

#[test]
fn the_committed_fingerprint_is_the_guides() {
    let Ok(seed) = std::fs::read_to_string(seed_path()) else {
        return; // nothing to compare against on a clean clone
    };
    let expected = fingerprint(&words(&seed));
    let committed = std::fs::read_to_string(shingles_path()).unwrap_or_default();
    assert!(
        committed == expected,
        "tests/content/seed-shingles.txt is out of date with the seed guide; run \
         `cargo test --test own_words -- --ignored write_seed_shingles`"
    );
}

/// Writes `tests/content/seed-shingles.txt` from the seed guide.
#[test]
#[ignore = "writes the fingerprint file; run by hand after the seed changes"]
fn write_seed_shingles() {
    let seed = std::fs::read_to_string(seed_path())
        .unwrap_or_else(|e| panic!("{}: {e}", seed_path().display()));
    let path = shingles_path();
    std::fs::create_dir_all(path.parent().unwrap_or(&path)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&path, fingerprint(&words(&seed))).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn folding_ignores_case_markup_and_punctuation() {
    assert_eq!(
        words("**Kafka** is a *log* — `offsets`, ~30× (don't)!"),
        ["kafka", "is", "a", "log", "offsets", "30", "don", "t"]
    );
}

#[test]
fn a_copied_run_is_measured_exactly() {
    let guide =
        words("one two three four five six seven eight nine ten eleven twelve thirteen fourteen");
    let at = positions(&guide);
    let copied = words(
        "We said: Three four five six seven eight nine ten eleven twelve thirteen fourteen, then stopped.",
    );
    assert_eq!(longest_shared_run(&copied, &guide, &at), (12, 2));
    let own = words("three four five and then seven eight nine");
    assert_eq!(longest_shared_run(&own, &guide, &at).0, 3);
    // One word more than the bar is caught by the fingerprint too.
    let thirteen =
        words("two three four five six seven eight nine ten eleven twelve thirteen fourteen");
    let known: BTreeSet<u64> = shingle_hashes(&guide, SHINGLE).into_iter().collect();
    assert!(
        shingle_hashes(&thirteen, SHINGLE)
            .iter()
            .any(|h| known.contains(h))
    );
    assert!(
        !shingle_hashes(&copied, SHINGLE)
            .iter()
            .any(|h| known.contains(h))
    );
}

#[test]
fn fnv1a_matches_the_published_vectors() {
    // From the FNV reference test suite.
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
}
