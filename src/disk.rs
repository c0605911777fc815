//! Reading and writing files safely, for every file archdrill touches
//! (documents, exports, the data dir).
//!
//! Reading: only regular files (a FIFO, a device or a directory is refused
//! without being read, also behind a symlink), never more than the cap
//! plus one byte, UTF-8 with an optional BOM, invalid bytes reported at
//! `line:column`.
//!
//! Writing is atomic: the bytes go to a temporary file created exclusively
//! (`create_new`) under an unpredictable name beside the real target, are
//! synced, and the temporary is renamed over the target. A symlinked
//! target is resolved first, so the link stays a link and the file it
//! points to is replaced; the target's permissions are kept. Temporary
//! files of ours that an earlier crash left behind (recognised by their
//! name, and older than [`STALE_AFTER`]) are removed when the same folder
//! is written again. A rename gives the target a new inode: other hard
//! links to the old file keep the old contents (see ARCHITECTURE.md).

use std::fmt;
use std::fs::{self, File, Metadata, OpenOptions};
use std::hash::{BuildHasher as _, Hasher as _};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use crate::model::file::{LineCol, line_col};

/// Temporary files older than this, named like ours, are left-overs of an
/// interrupted save and are removed.
pub const STALE_AFTER: Duration = Duration::from_hours(1);

/// The tag in the names of our temporary files: `.<target>.archdrill-<hex>.tmp`.
const TEMP_TAG: &str = ".archdrill-";
const TEMP_END: &str = ".tmp";

/// Symlinks followed at most while resolving a target (as the OS does).
const MAX_LINKS: usize = 40;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The OS refused (missing file, no permission, …).
    Io(io::Error),
    /// Not a regular file: a FIFO, a device, a socket or a directory.
    NotRegular(&'static str),
    /// Larger than the cap.
    TooLarge {
        /// The file's size, when known; else at least this much.
        bytes: u64,
        /// The cap.
        cap: u64,
    },
    /// Not UTF-8 text.
    NotUtf8 {
        /// Where the first invalid byte is.
        at: LineCol,
        /// The byte.
        byte: u8,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(e) => write!(f, "cannot read the file: {e}"),
            Self::NotRegular(what) => write!(
                f,
                "this is {what}, not a regular file; archdrill reads only ordinary files"
            ),
            Self::TooLarge { bytes, cap } => write!(
                f,
                "the file is {} ({bytes} bytes); files larger than {} are refused",
                human_bytes(*bytes),
                human_bytes(*cap)
            ),
            Self::NotUtf8 { at, byte } => write!(
                f,
                "{at}: the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// `16 MiB`, `1.5 MiB`, `900 KiB`, `12 bytes`.
#[must_use]
pub fn human_bytes(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    #[expect(clippy::cast_precision_loss, reason = "a rounded size for people")]
    let f = |unit: u64| bytes as f64 / unit as f64;
    if bytes >= MIB {
        format!("{:.1} MiB", f(MIB)).replace(".0 ", " ")
    } else if bytes >= KIB {
        format!("{:.0} KiB", f(KIB))
    } else {
        format!("{bytes} bytes")
    }
}

/// What a non-regular file is, in words.
fn describe(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// `O_NONBLOCK`, so that opening a FIFO swapped in after the check below
/// cannot block (it is then refused by the check on the open file).
#[cfg(any(target_os = "linux", target_os = "android"))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd",
    target_os = "dragonfly"
))]
const O_NONBLOCK: i32 = 0x0004;

/// Opens a regular file for reading; anything else is refused without
/// being read (or, for a FIFO, without waiting for a writer).
fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    // Refuse what is plainly not a file before opening it: opening a FIFO
    // waits for a writer.
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(describe(&meta)));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly"
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    // What was opened is what counts (the path may have changed since).
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(describe(&meta)));
    }
    Ok((file, meta))
}

/// Reads at most `cap` bytes of a regular file: never more than `cap + 1`
/// bytes are read, whatever the file claims its size is.
///
/// # Errors
/// [`ReadError::Io`], [`ReadError::NotRegular`] or [`ReadError::TooLarge`].
pub fn read_bytes(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            bytes: meta.len(),
            cap,
        });
    }
    let expected = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > cap {
        return Err(ReadError::TooLarge { bytes: read, cap });
    }
    Ok(bytes)
}

/// Reads a regular file of at most `cap` bytes as UTF-8 text; a leading
/// byte order mark is dropped.
///
/// # Errors
/// Any [`ReadError`]; invalid UTF-8 is [`ReadError::NotUtf8`] with the
/// place of the first bad byte.
pub fn read_text(path: &Path, cap: u64) -> Result<String, ReadError> {
    let bytes = read_bytes(path, cap)?;
    text_from_bytes(bytes)
}

/// UTF-8 text from bytes, without a leading byte order mark.
///
/// # Errors
/// [`ReadError::NotUtf8`] with the place of the first bad byte.
pub fn text_from_bytes(mut bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
        ReadError::NotUtf8 {
            at: line_col(prefix, good),
            byte: bytes.get(good).copied().unwrap_or(0),
        }
    })
}

/// The file a write to `path` should replace: `path` with its symlinks
/// followed (a link stays a link; what it points to is written).
///
/// # Errors
/// A link that cannot be read, or too many links in a row.
pub fn resolve_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..=MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = if link.is_absolute() {
                    link
                } else {
                    current
                        .parent()
                        .map_or_else(|| link.clone(), |dir| dir.join(&link))
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row"
    )))
}

/// A name no one can guess: a keyed hash (std's per-process random keys)
/// of the time, the process id and a counter.
fn unpredictable_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    hasher.write_u32(std::process::id());
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    format!("{:016x}", hasher.finish())
}

/// Whether `name` is one of our temporary files: `.X.archdrill-<16 hex>.tmp`
/// for any X, or the older `.<target>.<pid>.tmp` for `target`.
fn is_our_temp(name: &str, target: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(TEMP_END))
    else {
        return false;
    };
    if let Some((_, hex)) = rest.rsplit_once(TEMP_TAG) {
        return hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    rest.strip_prefix(target)
        .and_then(|r| r.strip_prefix('.'))
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes our temporary files in `dir` older than [`STALE_AFTER`] (only
/// regular files, never through a link); errors are ignored.
pub fn clean_stale_temps(dir: &Path, target_name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_our_temp(name, target_name) {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if meta.is_file() && old {
            let _ignored = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Makes the next writes on this thread fail just before the rename.
    static FAIL_BEFORE_RENAME: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// At most the first 64 bytes of a name (on a character boundary), so
/// that a temporary's name stays within the 255 bytes file systems allow.
fn shortened(name: &str) -> &str {
    let mut end = name.len().min(64);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// Creates a fresh temporary file beside `target`, exclusively; an
/// existing target's permissions are applied once it is written.
fn create_temp(dir: &Path, name: &str, existing: Option<&Metadata>) -> io::Result<(File, PathBuf)> {
    let mut last = None;
    for _ in 0..16 {
        let tmp = dir.join(format!(
            ".{}{TEMP_TAG}{}{TEMP_END}",
            shortened(name),
            unpredictable_suffix()
        ));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if existing.is_some() {
            use std::os::unix::fs::OpenOptionsExt as _;
            // Private until the target's own mode is set.
            options.mode(0o600);
        }
        match options.open(&tmp) {
            Ok(file) => return Ok((file, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// Writes `bytes` to `path` atomically: a synced temporary file beside the
/// real target (symlinks resolved), renamed over it. The target keeps its
/// permissions; a target that exists but is not a regular file is refused.
///
/// # Errors
/// Any I/O error; the temporary file is removed and the target untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve_target(path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => Some(meta),
        Ok(meta) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is {}; archdrill writes only ordinary files",
                    target.display(),
                    describe(&meta)
                ),
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "diagram".into(), |n| n.to_string_lossy());
    clean_stale_temps(dir, &name);
    let (mut file, tmp) = create_temp(dir, &name, existing.as_ref())?;
    let result = (|| {
        file.write_all(bytes)?;
        if let Some(meta) = &existing {
            file.set_permissions(meta.permissions())?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt as _;
                // Keep the group where we may (a no-op when it is ours).
                let mine = file.metadata().map_or(meta.gid(), |m| m.gid());
                if mine != meta.gid() {
                    let _ignored = std::os::unix::fs::fchown(&file, None, Some(meta.gid()));
                }
            }
        }
        file.sync_all()?;
        #[cfg(test)]
        if FAIL_BEFORE_RENAME.get() {
            return Err(io::Error::other("injected failure"));
        }
        fs::rename(&tmp, &target)?;
        // Persist the rename itself where the platform allows syncing a dir.
        if let Ok(d) = File::open(dir) {
            let _ignored = d.sync_all();
        }
        Ok(())
    })();
    drop(file);
    if result.is_err() {
        let _ignored = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_temporaries_are_recognised() {
        assert!(is_our_temp(".a.ron.archdrill-0123456789abcdef.tmp", "x"));
        assert!(is_our_temp(".a.ron.4242.tmp", "a.ron"));
        assert!(!is_our_temp(".a.ron.4242.tmp", "b.ron"));
        assert!(!is_our_temp(".a.ron.archdrill-xyz.tmp", "a.ron"));
        assert!(!is_our_temp("a.ron", "a.ron"));
        assert!(!is_our_temp(".a.ron.tmp", "a.ron"));
    }

    #[test]
    fn names_are_unpredictable_and_distinct() {
        let a = unpredictable_suffix();
        let b = unpredictable_suffix();
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn bad_utf8_is_located_and_a_bom_dropped() {
        let Err(ReadError::NotUtf8 { at, byte }) = text_from_bytes(b"ab\ncd\xffe".to_vec()) else {
            panic!("accepted invalid UTF-8")
        };
        assert_eq!((at.line, at.col, byte), (2, 3, 0xff));
        assert_eq!(
            text_from_bytes(b"\xef\xbb\xbf(x)".to_vec()).ok().as_deref(),
            Some("(x)")
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        let target = dir.path().join("keep.ron");
        fs::write(&target, "old contents").ok();
        FAIL_BEFORE_RENAME.set(true);
        let result = write_atomically(&target, b"new contents");
        FAIL_BEFORE_RENAME.set(false);
        assert!(result.is_err());
        assert_eq!(
            fs::read_to_string(&target).ok().as_deref(),
            Some("old contents")
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["keep.ron"], "the temporary is removed");
        assert!(write_atomically(&target, b"new contents").is_ok());
        assert_eq!(
            fs::read_to_string(&target).ok().as_deref(),
            Some("new contents")
        );
    }

    #[test]
    fn sizes_read_for_people() {
        assert_eq!(human_bytes(16 * 1024 * 1024), "16 MiB");
        assert_eq!(human_bytes(1536 * 1024), "1.5 MiB");
        assert_eq!(human_bytes(2048), "2 KiB");
        assert_eq!(human_bytes(12), "12 bytes");
    }
}
