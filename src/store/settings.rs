//! The user's preferences, kept between runs in `<data>/settings.ron`:
//! theme, snapping, the kind of new arrows, the "check against" reference,
//! the last export folder, the window size and the last mode. A tier of its
//! own — never in a drawing, never mixed with progress or view state.
//! Every field has a default, so a file from an older build (or one with a
//! field missing) still loads.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StoreError, read_text, syntax_error, write_ron};
use crate::model::EdgeKind;

/// The settings file format version this build writes and reads.
pub const SETTINGS_VERSION: u32 = 1;

/// Light, dark, or following the desktop.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Whatever the desktop uses.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The app's two views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// Diagrams on the canvas.
    #[default]
    Diagrams,
    /// The Q&A card browser.
    Cards,
}

/// The inner size of the window, in points.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowSize {
    /// Width, points.
    pub width: f32,
    /// Height, points.
    pub height: f32,
}

impl WindowSize {
    /// Sizes a window can sensibly reopen at: finite and between
    /// [`Self::MIN`] and [`Self::MAX`] points a side.
    #[must_use]
    pub fn is_sane(self) -> bool {
        (Self::MIN..=Self::MAX).contains(&self.width)
            && (Self::MIN..=Self::MAX).contains(&self.height)
    }

    /// The smallest side restored.
    pub const MIN: f32 = 200.0;
    /// The largest side restored.
    pub const MAX: f32 = 16_384.0;
}

/// What archdrill remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The file format version.
    pub version: u32,
    /// Light, dark or the desktop's.
    pub theme: Theme,
    /// Snap moved and new boxes to the grid.
    pub snap: bool,
    /// The kind of new arrows.
    pub arrow_kind: EdgeKind,
    /// The reference id the Check button compares with.
    pub check_against: String,
    /// Where the last export was written.
    pub export_folder: Option<PathBuf>,
    /// The window's inner size when it was last closed.
    pub window_size: Option<WindowSize>,
    /// The view showing when the app was closed.
    pub view: View,
    /// The side panel (drawings, files, legend) is shown.
    pub side_panel: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            theme: Theme::System,
            snap: false,
            arrow_kind: EdgeKind::Sync,
            check_against: "five-tier".to_owned(),
            export_folder: None,
            window_size: None,
            view: View::Diagrams,
            side_panel: true,
        }
    }
}

impl Settings {
    /// Reads the settings; a missing file gives the defaults, a missing
    /// field its default.
    ///
    /// # Errors
    /// [`StoreError::Syntax`] with `line:column` for a broken file,
    /// [`StoreError::NewerVersion`], [`StoreError::Refused`] or
    /// [`StoreError::Io`].
    pub fn load(path: &Path) -> Result<Self, StoreError> {
        let Some(text) = read_text(path)? else {
            return Ok(Self::default());
        };
        let settings: Self = ron::from_str(&text).map_err(|err| syntax_error(path, &err))?;
        if settings.version > SETTINGS_VERSION {
            return Err(StoreError::NewerVersion {
                path: path.to_owned(),
                found: settings.version,
            });
        }
        Ok(Self {
            version: SETTINGS_VERSION,
            ..settings
        })
    }

    /// Writes the settings atomically (same settings → same bytes).
    ///
    /// # Errors
    /// [`StoreError::Serialize`] (a folder that is not UTF-8) or
    /// [`StoreError::Io`].
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        write_ron(
            &Self {
                version: SETTINGS_VERSION,
                ..self.clone()
            },
            path,
        )
    }
}

/// Moves a settings file that cannot be read to `<name>.broken` beside it
/// (replacing an older one there), so that it is kept for the user to look
/// at and the defaults can be written in its place. Returns where it went.
///
/// # Errors
/// [`StoreError::Io`] when it cannot be moved.
pub fn set_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let mut aside = path.as_os_str().to_owned();
    aside.push(".broken");
    let aside = PathBuf::from(aside);
    std::fs::rename(path, &aside).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        dir
    }

    #[test]
    fn round_trips_byte_for_byte() {
        let dir = temp();
        let path = dir.path().join("settings.ron");
        let settings = Settings {
            theme: Theme::Dark,
            snap: true,
            arrow_kind: EdgeKind::Async,
            check_against: "order-saga".to_owned(),
            export_folder: Some(PathBuf::from("/home/me/exports")),
            window_size: Some(WindowSize {
                width: 1400.0,
                height: 900.0,
            }),
            view: View::Cards,
            side_panel: false,
            ..Settings::default()
        };
        assert!(settings.save(&path).is_ok());
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            text,
            "(\n    version: 1,\n    theme: Dark,\n    snap: true,\n    arrow_kind: async,\n    \
             check_against: \"order-saga\",\n    export_folder: Some(\"/home/me/exports\"),\n    \
             window_size: Some((\n        width: 1400.0,\n        height: 900.0,\n    )),\n    \
             view: Cards,\n    side_panel: false,\n)\n"
        );
        assert_eq!(Settings::load(&path).ok(), Some(settings.clone()));
        assert!(settings.save(&path).is_ok());
        assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), text);
    }

    #[test]
    fn missing_file_and_missing_fields_give_defaults() {
        let dir = temp();
        let path = dir.path().join("settings.ron");
        assert_eq!(Settings::load(&path).ok(), Some(Settings::default()));
        std::fs::write(&path, "(snap: true, some_future_field: 3)").ok();
        assert_eq!(
            Settings::load(&path).ok(),
            Some(Settings {
                snap: true,
                ..Settings::default()
            }),
            "unknown fields are ignored, missing ones default"
        );
    }

    #[test]
    fn a_broken_file_names_the_line_and_is_set_aside() {
        let dir = temp();
        let path = dir.path().join("settings.ron");
        let text = "(\n    snap: yes,\n)";
        std::fs::write(&path, text).ok();
        let Err(err) = Settings::load(&path) else {
            panic!("accepted `yes`")
        };
        assert!(
            err.to_string()
                .starts_with(&format!("{}:2:", path.display())),
            "{err}"
        );
        let aside = set_aside(&path).ok();
        assert_eq!(aside, Some(dir.path().join("settings.ron.broken")));
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("settings.ron.broken")).ok(),
            Some(text.to_owned())
        );
    }

    #[test]
    fn a_newer_file_is_refused() {
        let dir = temp();
        let path = dir.path().join("settings.ron");
        std::fs::write(&path, "(version: 7)").ok();
        assert!(matches!(
            Settings::load(&path),
            Err(StoreError::NewerVersion { found: 7, .. })
        ));
    }

    #[test]
    fn only_sane_window_sizes_count() {
        let size = |width, height| WindowSize { width, height }.is_sane();
        assert!(size(1024.0, 700.0));
        assert!(!size(0.0, 700.0));
        assert!(!size(f32::NAN, 700.0));
        assert!(!size(1024.0, f32::INFINITY));
    }
}
