//! Big and hostile files (issue #16): only regular files are read, and never
//! more than the cap + 1 byte; saves go through an exclusive, unpredictable
//! temporary beside the real target (symlinks resolved, permissions kept,
//! stale temporaries cleaned); every file archdrill writes it opens again;
//! output is valid or clearly refused; messages speak the user's terms.
#![cfg(unix)]
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

mod common;
#[path = "../benches/shapes/mod.rs"]
mod shapes;

use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use archdrill::disk::{self, ReadError};
use archdrill::export::{self, ExportError, Format};
use archdrill::mermaid;
use archdrill::model::file::{self, LoadError, MAX_FILE_BYTES, SaveError};
use archdrill::model::{Diagram, Edge, EdgeKind, Node, NodeKind, Point};
use archdrill::store::{RecentFiles, Settings, StoreError};
use common::stderr;

/// Long enough for any of these reads on a busy machine; a hang would
/// take forever.
const PATIENCE: Duration = Duration::from_secs(10);

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo failed");
}

/// Runs `f` on a thread and waits at most [`PATIENCE`] for its answer.
fn within_patience<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(PATIENCE)
        .expect("returned within the time limit (no hang)")
}

/// Runs the binary, killed if it does not finish within [`PATIENCE`].
fn archdrill_patiently(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("archdrill {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn small() -> Diagram {
    Diagram {
        nodes: vec![
            Node::new("app", "Mobile app", NodeKind::Client, Point::new(0.0, 0.0)),
            Node::new(
                "gw",
                "API gateway",
                NodeKind::Gateway,
                Point::new(240.0, 0.0),
            ),
        ],
        edges: vec![Edge::new("e1", "app", "gw", EdgeKind::Sync)],
        ..Diagram::default()
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---- 5. Only regular files are read -------------------------------------

#[test]
fn a_fifo_is_refused_at_once_everywhere_it_could_be_read() {
    let dir = tempdir();
    let fifo = dir.path().join("f.ron");
    mkfifo(&fifo);
    let path = fifo.clone();
    let loaded = within_patience(move || file::load(&path).map_err(|e| e.to_string()));
    let message = loaded.expect_err("a FIFO is not a diagram");
    assert!(message.contains("f.ron"), "{message}");
    assert!(message.contains("named pipe (FIFO)"), "{message}");

    let mmd = dir.path().join("f.mmd");
    mkfifo(&mmd);
    let path = mmd.clone();
    let opened = within_patience(move || archdrill::io::open(&path).map(|_| ()));
    assert!(matches!(opened, Err(LoadError::Refused { .. })));

    // The data dir's files: recent.ron, settings, progress, recovery copies.
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("data dir");
    for name in ["recent.ron", "settings.ron", "progress.ron", "copy.ron"] {
        mkfifo(&data.join(name));
    }
    let d = data.clone();
    let recent = within_patience(move || RecentFiles::load(&d.join("recent.ron")).map(|_| ()));
    assert!(
        matches!(recent, Err(StoreError::Refused { .. })),
        "{recent:?}"
    );
    let d = data.clone();
    let settings = within_patience(move || Settings::load(&d.join("settings.ron")).map(|_| ()));
    assert!(matches!(settings, Err(StoreError::Refused { .. })));
    let d = data.clone();
    let progress = within_patience(move || {
        archdrill::drill::progress::load_from(
            &d.join("progress.ron"),
            archdrill::drill::Timestamp::from_unix_secs(0),
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
    });
    assert!(
        progress.as_ref().is_err_and(|m| m.contains("FIFO")),
        "{progress:?}"
    );
    let d = data;
    let copy =
        within_patience(move || archdrill::store::recovery::read(&d.join("copy.ron")).map(|_| ()));
    assert!(matches!(copy, Err(StoreError::Refused { .. })));
}

#[test]
fn the_cli_refuses_a_fifo_and_dev_zero_with_exit_2() {
    let dir = tempdir();
    let fifo = dir.path().join("f.ron");
    mkfifo(&fifo);
    let out = archdrill_patiently(&["validate", fifo.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("f.ron: this is a named pipe"),
        "{}",
        stderr(&out)
    );

    let out = archdrill_patiently(&["inspect", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/dev/zero: this is a device"),
        "{}",
        stderr(&out)
    );

    let link = dir.path().join("zero.ron");
    symlink("/dev/zero", &link).expect("symlink");
    let out = archdrill_patiently(&["inspect", link.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("zero.ron: this is a device"),
        "{}",
        stderr(&out)
    );
    // An export onto a FIFO is refused and does not wait for a reader.
    let svg = dir.path().join("out.svg");
    mkfifo(&svg);
    let out = archdrill_patiently(&["export", "five-tier", "-o", svg.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("named pipe"), "{}", stderr(&out));
}

#[test]
fn dev_zero_and_links_to_it_are_refused_without_reading() {
    let dir = tempdir();
    let link = dir.path().join("recent.ron");
    symlink("/dev/zero", &link).expect("symlink");
    let l = link.clone();
    let recent = within_patience(move || RecentFiles::load(&l).map(|_| ()));
    let Err(StoreError::Refused { reason, .. }) = recent else {
        panic!("read /dev/zero as a recent list")
    };
    assert!(matches!(reason, ReadError::NotRegular("a device")));
    let zero = within_patience(|| disk::read_bytes(Path::new("/dev/zero"), 1024).map(|_| ()));
    assert!(matches!(zero, Err(ReadError::NotRegular(_))));
    let directory = disk::read_bytes(dir.path(), 1024).map(|_| ());
    assert!(matches!(
        directory,
        Err(ReadError::NotRegular("a directory"))
    ));
}

#[test]
fn never_more_than_the_cap_plus_one_byte_is_read() {
    let dir = tempdir();
    let path = dir.path().join("ten.txt");
    std::fs::write(&path, "0123456789").expect("write");
    assert_eq!(disk::read_bytes(&path, 10).map(|b| b.len()).ok(), Some(10));
    assert!(matches!(
        disk::read_bytes(&path, 9),
        Err(ReadError::TooLarge { bytes: 10, cap: 9 })
    ));
    // A file whose reported size is 0 but which has content (as /proc
    // files do) is still cut at the cap + 1.
    if Path::new("/proc/self/maps").exists() {
        let read = disk::read_bytes(Path::new("/proc/self/maps"), 16);
        assert!(
            matches!(read, Err(ReadError::TooLarge { bytes: 17, cap: 16 })),
            "{read:?}"
        );
    }
    // A sparse file past the diagram cap is refused by its size.
    let huge = dir.path().join("huge.ron");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(MAX_FILE_BYTES + 1))
        .expect("sparse file");
    let err = file::load(&huge).expect_err("too large");
    assert!(
        err.to_string().contains("larger than 32 MiB are refused"),
        "{err}"
    );
}

// ---- 7. Messages in user terms -------------------------------------------

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    let dir = tempdir();
    let path = dir.path().join("latin1.ron");
    std::fs::write(&path, b"(\n    title: \"Caf\xe9\",\n)\n").expect("write");
    let err = file::load(&path).expect_err("not UTF-8");
    assert_eq!(
        err.to_string(),
        format!(
            "{}:2:16: the file is not UTF-8 text (byte 0xe9); save it as UTF-8",
            path.display()
        )
    );
    let mmd = dir.path().join("latin1.mmd");
    std::fs::write(&mmd, b"flowchart LR\n  a[Caf\xe9] --> b\n").expect("write");
    let out = common::archdrill(&["inspect", mmd.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("latin1.mmd:2:8: the file is not UTF-8"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bom_is_accepted_in_ron_and_mermaid() {
    let dir = tempdir();
    let ron = dir.path().join("bom.ron");
    let text = file::to_ron(&small()).expect("ron");
    std::fs::write(&ron, format!("\u{feff}{text}")).expect("write");
    assert_eq!(file::load(&ron).ok(), Some(small()));
    let mmd = dir.path().join("bom.mmd");
    std::fs::write(
        &mmd,
        "\u{feff}flowchart LR\n  a[Web app] --> b[API gateway]\n",
    )
    .expect("write");
    let out = common::archdrill(&["inspect", "--json", mmd.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn parse_errors_name_no_internal_types_or_options() {
    let dir = tempdir();
    for (name, text) in [
        ("list.ron", "[1, 2, 3]".to_owned()),
        (
            "deep.ron",
            format!("(title: {}1{})", "[".repeat(500), "]".repeat(500)),
        ),
        (
            "field.ron",
            "(nodes: [(id: \"a\", lable: \"x\")])".to_owned(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).expect("write");
        let out = common::archdrill(&["validate", path.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(2));
        let message = stderr(&out);
        assert!(message.contains(&format!("{name}:1:")), "{message}");
        for internal in [
            "VersionProbe",
            "ron::",
            "recursion_limit",
            "serde_stacker",
            "struct",
        ] {
            assert!(!message.contains(internal), "{message}");
        }
    }
}

// ---- 6. Safe saves --------------------------------------------------------

#[test]
fn saving_through_a_symlink_keeps_the_link_and_writes_its_target() {
    let dir = tempdir();
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).expect("dir");
    let real = real_dir.join("drawing.ron");
    std::fs::write(&real, "old").expect("write");
    let link = dir.path().join("link.ron");
    symlink("real/drawing.ron", &link).expect("relative symlink");
    file::save(&small(), &link).expect("saved");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(file::load(&real).ok(), Some(small()));
    // The temporary went beside the real file and is gone.
    assert_eq!(names_in(&real_dir), ["drawing.ron"]);
    assert_eq!(names_in(dir.path()), ["link.ron", "real"]);
    // A dangling link gets its target created.
    let dangling = dir.path().join("new.ron");
    symlink("real/created.ron", &dangling).expect("symlink");
    file::save(&small(), &dangling).expect("saved");
    assert_eq!(
        file::load(&real_dir.join("created.ron")).ok(),
        Some(small())
    );
}

#[test]
fn saving_keeps_the_permissions_of_the_file() {
    let dir = tempdir();
    for mode in [0o600, 0o640, 0o664] {
        let path = dir.path().join(format!("p{mode:o}.ron"));
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        file::save(&small(), &path).expect("saved");
        let now = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(now, mode, "{mode:o} became {now:o}");
    }
}

#[test]
fn a_planted_link_at_the_old_temporary_name_is_not_written_through() {
    let dir = tempdir();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").expect("write");
    let target = dir.path().join("target.ron");
    // The name the old code used, and names like ours: none is followed.
    symlink(
        &victim,
        dir.path()
            .join(format!(".target.ron.{}.tmp", std::process::id())),
    )
    .expect("plant");
    file::save(&small(), &target).expect("saved");
    assert_eq!(
        std::fs::read_to_string(&victim).ok().as_deref(),
        Some("precious")
    );
    assert_eq!(file::load(&target).ok(), Some(small()));
}

#[test]
fn stale_temporaries_of_ours_are_cleaned_and_nothing_else() {
    let dir = tempdir();
    let old = SystemTime::now() - Duration::from_hours(3);
    let plant = |name: &str, age: Option<SystemTime>| {
        let path = dir.path().join(name);
        let f = std::fs::File::create(&path).expect("create");
        if let Some(when) = age {
            f.set_modified(when).expect("mtime");
        }
    };
    plant(".target.ron.archdrill-0123456789abcdef.tmp", Some(old));
    plant(".other.ron.archdrill-fedcba9876543210.tmp", Some(old));
    plant(".target.ron.4242.tmp", Some(old));
    plant(".target.ron.archdrill-00000000000000aa.tmp", None);
    plant(".notes.tmp", Some(old));
    plant("keep.ron", Some(old));
    file::save(&small(), &dir.path().join("target.ron")).expect("saved");
    assert_eq!(
        names_in(dir.path()),
        [
            ".notes.tmp",
            ".target.ron.archdrill-00000000000000aa.tmp",
            "keep.ron",
            "target.ron"
        ]
    );
}

#[test]
fn a_file_with_a_long_name_saves() {
    let dir = tempdir();
    let path = dir.path().join(format!("{}.ron", "é".repeat(120)));
    file::save(&small(), &path).expect("saved");
    assert_eq!(file::load(&path).ok(), Some(small()));
}

#[test]
fn hard_links_are_split_as_documented() {
    // ARCHITECTURE.md: a save renames a new file over the name, so another
    // hard link to the old file keeps the old contents.
    let dir = tempdir();
    let path = dir.path().join("a.ron");
    let other = dir.path().join("b.ron");
    std::fs::write(&path, "old").expect("write");
    std::fs::hard_link(&path, &other).expect("hard link");
    file::save(&small(), &path).expect("saved");
    assert_eq!(file::load(&path).ok(), Some(small()));
    assert_eq!(std::fs::read_to_string(&other).ok().as_deref(), Some("old"));
}

#[test]
fn writing_onto_a_fifo_or_a_directory_is_refused() {
    let dir = tempdir();
    let fifo = dir.path().join("pipe.svg");
    mkfifo(&fifo);
    let f = fifo.clone();
    let written = within_patience(move || disk::write_atomically(&f, b"<svg/>"));
    let err = written.expect_err("wrote over a FIFO");
    assert!(err.to_string().contains("named pipe"), "{err}");
    assert!(
        std::fs::metadata(&fifo).is_ok_and(|m| !m.is_file()),
        "the FIFO stays"
    );
    let err = disk::write_atomically(dir.path(), b"x").expect_err("wrote over a directory");
    assert!(err.to_string().contains("directory"), "{err}");
}

// ---- 4. Every file we write, we read back ---------------------------------

#[test]
fn a_100k_node_drawing_saves_and_reopens() {
    let d = shapes::grid(100_000);
    let dir = tempdir();
    let path = dir.path().join("big.ron");
    file::save(&d, &path).expect("saved");
    let bytes = std::fs::metadata(&path).expect("meta").len();
    assert!(bytes < MAX_FILE_BYTES, "{bytes} bytes");
    let again = file::load(&path).expect("reopens");
    assert_eq!(again, d);
    // Saving what was opened gives the same bytes.
    let first = std::fs::read(&path).expect("read");
    file::save(&again, &path).expect("saved again");
    assert_eq!(std::fs::read(&path).expect("read"), first);
}

#[test]
fn a_save_that_could_not_be_reopened_is_refused_before_writing() {
    let mut d = Diagram::default();
    let label = "x".repeat(1000);
    for i in 0..35_000 {
        d.nodes.push(Node::new(
            &format!("n{i}"),
            &label,
            NodeKind::Service,
            Point::default(),
        ));
    }
    let dir = tempdir();
    let path = dir.path().join("huge.ron");
    std::fs::write(&path, "old").expect("write");
    let err = file::save(&d, &path).expect_err("too large to reopen");
    assert!(matches!(err, SaveError::TooLarge { .. }));
    assert!(err.to_string().contains("not saved"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("old"));
    assert_eq!(names_in(dir.path()), ["huge.ron"]);
    let exported = export::render(&d, Format::Ron, 1.0).map(|_| ());
    assert!(matches!(exported, Err(ExportError::RonTooLarge { .. })));
}

#[test]
fn mermaid_export_is_refused_past_the_import_cap() {
    let d = shapes::grid(20_000);
    let err = export::render(&d, Format::Mermaid, 1.0).expect_err("too big to import again");
    assert!(matches!(err, ExportError::MermaidTooLarge { .. }));
    let dir = tempdir();
    let input = dir.path().join("grid.ron");
    file::save(&d, &input).expect("saved");
    let output = dir.path().join("grid.mmd");
    let out = common::archdrill(&[
        "export",
        input.to_str().expect("utf-8"),
        "-o",
        output.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("could not be opened again"),
        "{}",
        stderr(&out)
    );
    assert!(!output.exists(), "nothing written");
    // Below the cap it imports again.
    let fits = shapes::grid(2_000);
    let text = mermaid::export(&fits);
    assert!(text.len() <= mermaid::MAX_INPUT_BYTES);
    let back = mermaid::import(&text, "grid.mmd").expect("imports");
    assert_eq!(back.nodes.len(), 2_000);
    assert_eq!(back.edges.len(), fits.edges.len());
}

// ---- 2 and 7. Valid output or a clear refusal -----------------------------

#[test]
fn xml_invalid_characters_never_reach_the_svg() {
    let mut d = small();
    d.nodes[0].label = "Bad\u{fffe}label\u{ffff}\u{1}\u{8}x".to_owned();
    d.title = "Title\u{b}\u{fffe}".to_owned();
    d.edges[0].label = "evt\u{ffff}".to_owned();
    let svg = export::svg(&d);
    for bad in ['\u{fffe}', '\u{ffff}', '\u{1}', '\u{8}', '\u{b}'] {
        assert!(!svg.contains(bad), "{bad:?} in the SVG");
    }
    assert!(svg.contains("Badlabel"), "the rest of the label stays");
    // The PNG renders (it parses the SVG).
    assert!(export::png(&d, 1.0).is_ok());
}

#[test]
fn boundaries_nested_10000_deep_export_in_sane_sizes() {
    let d = shapes::nested(10_000);
    let svg = export::svg(&d);
    assert!(svg.len() < 8 * 1024 * 1024, "{} bytes of SVG", svg.len());
    let mmd = mermaid::export(&d);
    assert!(
        mmd.len() < 2 * 1024 * 1024,
        "{} bytes of Mermaid",
        mmd.len()
    );
    assert!(
        mmd.lines().all(|l| l.len() < 1000),
        "no line is indented 10,000 levels"
    );
    // Far too big a picture: refused on its size, not after allocating it.
    let err = export::png(&d, 2.0).expect_err("too large");
    assert!(matches!(err, ExportError::TooLarge { .. }));
}

#[test]
fn a_huge_picture_is_refused_before_any_svg_is_parsed() {
    let d = shapes::grid(100_000);
    let err = export::png(&d, 1.0).expect_err("too large");
    assert!(matches!(err, ExportError::TooLarge { .. }));
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90000\" height=\"90000\">{}</svg>",
        "<rect width=\"1\" height=\"1\"/>".repeat(1000)
    );
    assert!(matches!(
        export::rasterize(&svg, 1.0),
        Err(ExportError::TooLarge { .. })
    ));
}

#[test]
fn mermaid_export_reimports_every_awkward_id_with_its_label() {
    let ids = [
        "a--b", "x-", "-y", "--", "end", "End", "a.b", "o--o", "a->b", "a b", "a&b", "a:b", "1",
        "subgraph", "é-ü", "中文", "a/b", "x--x", "-", "a---b", "A-b",
    ];
    let mut d = Diagram::default();
    for (i, id) in ids.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few test nodes")]
        let pos = Point::new(i as f32 * 200.0, 0.0);
        d.nodes.push(Node::new(
            id,
            &format!("Label of {id} \u{fffe}\u{ffff}"),
            NodeKind::Service,
            pos,
        ));
    }
    for (i, pair) in ids.windows(2).enumerate() {
        d.edges.push(Edge::new(
            &format!("e-{i}--"),
            pair[0],
            pair[1],
            EdgeKind::Sync,
        ));
    }
    let text = mermaid::export(&d);
    let back = mermaid::import(&text, "ids.mmd").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back.nodes.len(), d.nodes.len(), "{text}");
    assert_eq!(back.edges.len(), d.edges.len(), "{text}");
    let mut labels: Vec<&str> = back.nodes.iter().map(|n| n.label.as_str()).collect();
    let mut wanted: Vec<&str> = d.nodes.iter().map(|n| n.label.as_str()).collect();
    labels.sort_unstable();
    wanted.sort_unstable();
    assert_eq!(labels, wanted);
    // The ids Mermaid reads as written are kept.
    for kept in ["A-b", "a-b-c"] {
        let one = Diagram {
            nodes: vec![Node::new(kept, "x", NodeKind::Service, Point::default())],
            ..Diagram::default()
        };
        let back = mermaid::import(&mermaid::export(&one), "one.mmd").expect("imports");
        assert_eq!(back.nodes[0].id.as_str(), kept);
    }
}

// ---- 1. Big imports open, and say when they were simplified ---------------

#[test]
fn a_deeply_nested_flowchart_imports_with_a_simplified_layout() {
    let d = shapes::nested(3_000);
    let text = mermaid::export(&d);
    let (back, report) = within_patience(move || {
        mermaid::import_with_report(&text, "deep.mmd").map_err(|e| e.to_string())
    })
    .expect("imports");
    assert_eq!(back.boundaries.len(), 3_000);
    let message = report.message().expect("the user is told");
    assert!(message.contains("too big for the full layout"), "{message}");
}

#[test]
fn the_chain_shape_imports_with_its_long_edges_bounded() {
    let d = shapes::chain(600);
    let text = mermaid::export(&d);
    let (back, _report) = within_patience(move || {
        mermaid::import_with_report(&text, "chain.mmd").map_err(|e| e.to_string())
    })
    .expect("imports");
    assert_eq!(back.nodes.len(), d.nodes.len());
    let overlaps = archdrill::layout::metrics::overlapping_boxes(&back);
    assert!(overlaps.is_empty(), "{} overlaps", overlaps.len());
}

#[test]
fn the_app_starts_when_its_data_files_are_a_fifo_or_dev_zero() {
    let dir = tempdir();
    let data = dir.path().to_owned();
    mkfifo(&data.join("recent.ron"));
    mkfifo(&data.join("progress.ron"));
    symlink("/dev/zero", data.join("settings.ron")).expect("symlink");
    std::fs::create_dir_all(data.join("recovery")).expect("recovery dir");
    mkfifo(&data.join("recovery").join("1-1.ron"));
    let started = within_patience(move || {
        let app = archdrill::app::ArchdrillApp::new(None).with_data_dir(Some(data));
        app.recent_files().is_empty()
    });
    assert!(started, "an unreadable list is no list");
    // Nothing was replaced or read through: the link and the FIFO stay.
    assert!(
        std::fs::symlink_metadata(dir.path().join("settings.ron"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
}
