//! Checking the drawing on the canvas: against the chosen reference (or
//! the round it was drawn for), again after every edit, and what picking a
//! finding in the panel does.

use super::ArchdrillApp;
use super::entry::{CheckView, RoundCheck, Source};
use crate::check::Report;
use crate::ui::findings::FindingsAction;

impl ArchdrillApp {
    /// The reference the drawing on the canvas is checked against: its
    /// own, else the last one chosen.
    #[must_use]
    pub fn current_against(&self) -> &'static str {
        self.docs
            .current()
            .and_then(|e| e.against)
            .unwrap_or(self.against)
    }

    /// Chooses the reference the drawing on the canvas is checked against
    /// (and that new drawings start with).
    pub fn choose_against(&mut self, reference: &'static str) {
        self.against = reference;
        if let Some(entry) = self.docs.current_mut() {
            entry.against = Some(reference);
        }
    }

    /// Checks the current diagram against its reference.
    pub fn run_check(&mut self) {
        let against = self.current_against();
        let Some(reference) = crate::content::references::find(against) else {
            return;
        };
        let reference_diagram = match reference.load() {
            Ok(d) => d,
            Err(e) => {
                self.errors.push(e.to_string());
                return;
            }
        };
        if let Some(entry) = self.docs.current_mut() {
            entry.against = Some(reference.id);
            let report = RoundCheck::report(
                entry.round.as_ref(),
                entry.editor.doc(),
                &reference_diagram,
                reference.id,
            );
            entry.check = Some(CheckView::new(
                report,
                reference.id,
                entry.editor.state_id(),
            ));
            entry.canvas.request_fit();
        }
    }

    /// Checks the current drawing again when it (or the chosen reference)
    /// changed since its report: findings and ghosts follow every edit.
    pub(super) fn follow_check(&mut self) {
        let against = self.current_against();
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        let Some(view) = &mut entry.check else {
            return;
        };
        let state = entry.editor.state_id();
        if view.checked_state == state && view.against == against {
            return;
        }
        let Some(reference) = crate::content::references::find(against) else {
            return;
        };
        let Ok(reference_diagram) = reference.load() else {
            return;
        };
        let report = RoundCheck::report(
            entry.round.as_ref(),
            entry.editor.doc(),
            &reference_diagram,
            reference.id,
        );
        view.against = reference.id;
        view.refresh(entry.editor.doc(), report, state);
    }

    /// The current check report, if any.
    #[must_use]
    pub fn report(&self) -> Option<&Report> {
        self.docs.current()?.check.as_ref().map(|v| &v.report)
    }

    /// Node ids highlighted on the canvas by the selected finding.
    #[must_use]
    pub fn highlighted_nodes(&self) -> Vec<String> {
        self.docs
            .current()
            .and_then(|e| e.check.as_ref())
            .and_then(|v| v.highlight.as_ref())
            .map(|h| h.nodes.clone())
            .unwrap_or_default()
    }

    /// The ghosts the selected finding singles out (`None`: every ghost lit).
    #[must_use]
    pub fn ghost_focus(&self) -> Option<Vec<String>> {
        self.docs.current()?.check.as_ref()?.ghost_focus.clone()
    }

    pub(super) fn apply_findings_action(&mut self, action: FindingsAction) {
        let against = self.current_against();
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        match action {
            FindingsAction::Select(i) => {
                if let Some(view) = &mut entry.check {
                    view.select(entry.editor.doc(), Some(i));
                }
            }
            FindingsAction::Deselect => {
                if let Some(view) = &mut entry.check {
                    view.select(entry.editor.doc(), None);
                }
            }
            FindingsAction::Close => entry.check = None,
            FindingsAction::ShowReference => {
                if let Some(i) = self.docs.position(&Source::Reference(against)) {
                    self.docs.index = i;
                }
            }
        }
    }
}
