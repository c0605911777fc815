//! Who owns the keyboard: a key typed for a text field never reaches the
//! canvas — not while the field has focus, and not in the frame in which it
//! loses it.
//!
//! Why a guard is needed: egui widgets read input events without consuming
//! them. A single-line `TextEdit` ends on Enter (Shift+Enter too: egui's
//! return-key match ignores an extra Shift) by giving up focus in the middle
//! of the frame and ignoring the rest of the frame's events, which stay in
//! the input; on Escape egui drops the focus before the frame starts. So a
//! shortcut reader that asks `text_edit_focused()` after the field has run
//! (or at the start of an Esc frame) sees "no text focus" and takes the
//! keys typed for the field: letters after Enter became boxes, and the Esc
//! that left a field also cleared the selection. Canvas shortcuts are
//! therefore read once per frame, after every widget that can own focus has
//! run, and only when no widget (or the canvas itself) has focus and no
//! text field had focus at the end of the previous frame; single keys wait
//! [`AFTER_TEXT_SECS`] more, for typing that runs on past an Enter.

use egui::{Context, Event, Id, Key, Modifiers, Ui};

use super::ArchdrillApp;

/// For this long after a text field lost the keyboard, single keys do not
/// reach the canvas: a typist who ends a label with Enter and types on (or
/// meant Shift+Enter) makes text, not boxes. Half a second is longer than
/// the gap between two keystrokes of a sentence and shorter than the pause
/// before a deliberate shortcut.
pub const AFTER_TEXT_SECS: f64 = 0.5;

/// Keyboard ownership carried from one frame to the next.
#[derive(Debug, Default)]
pub struct KeyboardGuard {
    /// A text field had keyboard focus when the last frame ended.
    text_focus_last_frame: bool,
    /// When (egui time) a text field last lost the keyboard.
    text_left_at: Option<f64>,
    /// The canvas widget drawn this frame.
    canvas: Option<Id>,
}

impl KeyboardGuard {
    /// Notes the canvas widget of this frame (it may hold the focus).
    pub const fn canvas_drawn(&mut self, id: Id) {
        self.canvas = Some(id);
    }

    /// No text field has the keyboard, nor had it when the last frame
    /// ended (so neither this frame's Enter nor its Esc was typed for the
    /// canvas). Call after every panel and window has run.
    #[must_use]
    pub fn text_free(&self, ctx: &Context) -> bool {
        !self.text_focus_last_frame && !ctx.text_edit_focused()
    }

    /// Whether the canvas may read its single-key shortcuts now: no text
    /// field owns the keyboard, none lost it in the last
    /// [`AFTER_TEXT_SECS`], and the focus is on the canvas or nowhere (not
    /// on a button reached with Tab, say).
    #[must_use]
    pub fn canvas_may_read(&self, ctx: &Context) -> bool {
        let focused = ctx.memory(egui::Memory::focused);
        let now = ctx.input(|i| i.time);
        let settled = self.text_left_at.is_none_or(|t| now - t >= AFTER_TEXT_SECS);
        self.text_free(ctx) && settled && (focused.is_none() || focused == self.canvas)
    }

    /// Remembers whether a text field holds the focus as the frame ends,
    /// and when one let go of it.
    pub fn end_frame(&mut self, ctx: &Context) {
        let text_focus = ctx.text_edit_focused();
        if self.text_focus_last_frame && !text_focus {
            self.text_left_at = Some(ctx.input(|i| i.time));
        }
        self.text_focus_last_frame = text_focus;
        self.canvas = None;
    }
}

impl ArchdrillApp {
    /// Esc closes the topmost of the paste-Mermaid window, the file window,
    /// the unsaved-changes prompt (as "Keep editing"), the shortcuts
    /// window and the Narration window (once none of its fields has the
    /// keyboard) — one per press, and that press is spent (it does not also
    /// clear the canvas selection). The rename box handles its own Esc.
    pub(super) fn close_window_on_escape(&mut self, ui: &Ui) {
        let narration = self.docs.current().is_some_and(|e| e.narration.is_some())
            && self.keyboard.text_free(ui.ctx());
        let open = self.paste_mermaid.is_some()
            || self.file_window.is_some()
            || self.closing.is_asking()
            || self.help_open
            || narration;
        if !open
            || self.rename.is_some()
            || !ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            return;
        }
        if self.paste_mermaid.is_some() {
            self.paste_mermaid = None;
        } else if self.file_window.is_some() {
            self.file_window = None;
        } else if self.closing.is_asking() {
            self.keep_editing();
        } else if self.help_open {
            self.help_open = false;
        } else if let Some(entry) = self.docs.current_mut() {
            entry.narration = None;
        }
    }
}

/// True for a press of Enter without Shift (Shift+Enter breaks a line).
fn is_plain_enter(event: &Event) -> bool {
    matches!(
        event,
        Event::Key { key: Key::Enter, pressed: true, modifiers, .. } if !modifiers.shift
    )
}

/// Cuts this frame's typing at the first plain Enter: the key and text
/// events after it are taken out of the input (so no widget or shortcut
/// drawn later sees them) and returned as the lines typed after it — the
/// last one unfinished (Backspace is applied, other keys are dropped).
/// `None` when the frame has no plain Enter.
pub fn take_typing_after_enter(ui: &Ui) -> Option<Vec<String>> {
    ui.input_mut(|i| {
        let at = i.events.iter().position(is_plain_enter)?;
        let mut lines = vec![String::new()];
        let mut kept = Vec::with_capacity(i.events.len());
        for (n, event) in std::mem::take(&mut i.events).into_iter().enumerate() {
            if n <= at {
                kept.push(event);
                continue;
            }
            match &event {
                Event::Text(text) => {
                    if let Some(line) = lines.last_mut() {
                        line.push_str(text);
                    }
                }
                e if is_plain_enter(e) => lines.push(String::new()),
                Event::Key {
                    key: Key::Backspace,
                    pressed: true,
                    ..
                } => {
                    if let Some(line) = lines.last_mut() {
                        line.pop();
                    }
                }
                Event::Key { .. } | Event::Paste(_) | Event::Copy | Event::Cut => {}
                _ => kept.push(event),
            }
        }
        i.events = kept;
        Some(lines)
    })
}

/// Gives `id`'s text field the focus with `range` of its text selected
/// (call before the field is drawn, so it takes this frame's keys).
pub fn focus_text_field(ctx: &Context, id: Id, range: std::ops::Range<usize>) {
    use egui::text::{CCursor, CCursorRange};
    ctx.memory_mut(|m| m.request_focus(id));
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(range.start),
        CCursor::new(range.end),
    )));
    state.store(ctx, id);
}

/// The characters of a path's file stem, to select it in a path field.
#[must_use]
pub fn stem_range(path: &str) -> std::ops::Range<usize> {
    let name_start = path.rfind(['/', '\\']).map_or(0, |i| i + 1);
    let name = &path[name_start..];
    let stem_len = match name.rfind('.') {
        Some(dot) if dot > 0 => dot,
        _ => name.len(),
    };
    let start = path[..name_start].chars().count();
    start..start + name[..stem_len].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stem_is_the_name_without_folder_and_extension() {
        assert_eq!(stem_range("untitled-1.ron"), 0..10);
        assert_eq!(stem_range("/tmp/é/a.b.svg"), 7..10);
        assert_eq!(stem_range("/tmp/.hidden"), 5..12);
        assert_eq!(stem_range(""), 0..0);
    }
}
