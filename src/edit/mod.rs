//! Editing a document: user [`Command`]s become invertible [`ops::Op`]
//! transactions applied in one place, with undo/redo and a dirty flag.
//! No egui here; the canvas only emits commands.

pub mod align;
pub mod clipboard;
mod command;
pub mod ops;
mod structure;

pub use clipboard::fragment;
pub use command::{Command, EditError, fresh_id};

use crate::model::Diagram;
use ops::{Op, apply_all};

/// A document with its undo history.
#[derive(Clone, Debug)]
pub struct Editor {
    doc: Diagram,
    /// Inverse transactions, newest last, each tagged with its state id.
    undo: Vec<(u64, Vec<Op>)>,
    /// Transactions undone, newest last, with the state id they restore.
    redo: Vec<(u64, Vec<Op>)>,
    /// Id of the current state (0 = as loaded).
    state: u64,
    next_state: u64,
    saved_state: u64,
}

impl Editor {
    /// Starts editing `doc`, clean.
    #[must_use]
    pub fn new(doc: Diagram) -> Self {
        Self {
            doc,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            saved_state: 0,
        }
    }

    /// An id of the document's current state: it changes with every
    /// applied, undone or redone step and comes back when undo returns to
    /// an earlier state (cheap change detection, no document comparison).
    #[must_use]
    pub const fn state_id(&self) -> u64 {
        self.state
    }

    /// The document.
    #[must_use]
    pub const fn doc(&self) -> &Diagram {
        &self.doc
    }

    /// Applies a command as one undoable step. Commands that change nothing
    /// leave the history alone.
    ///
    /// # Errors
    /// [`EditError`]; the document is unchanged.
    pub fn apply(&mut self, command: &Command) -> Result<(), EditError> {
        let ops = command.to_ops(&self.doc)?;
        if ops.is_empty() {
            return Ok(());
        }
        let inverse = apply_all(&mut self.doc, ops)?;
        self.undo.push((self.state, inverse));
        self.redo.clear();
        self.state = self.next_state;
        self.next_state += 1;
        Ok(())
    }

    /// Applies `commands` in order as one undo step: one user action that
    /// changes several things (retyping every selected arrow, say). Each
    /// command sees the document as the ones before it left it.
    ///
    /// # Errors
    /// The first command's [`EditError`]; the document is then unchanged.
    pub fn apply_many(&mut self, commands: &[Command]) -> Result<(), EditError> {
        let mut inverse: Vec<Op> = Vec::new();
        for command in commands {
            let step = command
                .to_ops(&self.doc)
                .and_then(|ops| apply_all(&mut self.doc, ops).map_err(EditError::from));
            match step {
                // Undoing runs the later commands' inverses first.
                Ok(mut undo) => {
                    undo.append(&mut inverse);
                    inverse = undo;
                }
                Err(e) => {
                    // Inverses of ops that just succeeded cannot fail.
                    let _ignored = apply_all(&mut self.doc, inverse);
                    return Err(e);
                }
            }
        }
        if inverse.is_empty() {
            return Ok(());
        }
        self.undo.push((self.state, inverse));
        self.redo.clear();
        self.state = self.next_state;
        self.next_state += 1;
        Ok(())
    }

    /// Undoes the last step; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some((previous, inverse)) = self.undo.pop() else {
            return false;
        };
        match apply_all(&mut self.doc, inverse) {
            Ok(redo) => {
                self.redo.push((self.state, redo));
                self.state = previous;
                true
            }
            Err(_) => false,
        }
    }

    /// Redoes the last undone step; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some((next, ops)) = self.redo.pop() else {
            return false;
        };
        match apply_all(&mut self.doc, ops) {
            Ok(inverse) => {
                self.undo.push((self.state, inverse));
                self.state = next;
                true
            }
            Err(_) => false,
        }
    }

    /// Whether there is something to undo / redo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// True when the document differs from the last saved (or loaded) state.
    #[must_use]
    pub const fn is_dirty(&self) -> bool {
        self.state != self.saved_state
    }

    /// Records that the current state has been saved.
    pub const fn mark_saved(&mut self) {
        self.saved_state = self.state;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EdgeId, EdgeKind, NodeId, NodeKind, Point};

    /// A service with two arrows to two databases.
    fn two_arrows() -> Editor {
        let mut ed = Editor::new(Diagram::default());
        for (kind, label) in [
            (NodeKind::Service, "Orders"),
            (NodeKind::Database, "Orders DB"),
            (NodeKind::Database, "Audit DB"),
        ] {
            ed.apply(&Command::AddNode {
                kind,
                label: label.into(),
                pos: Point::new(0.0, 0.0),
            })
            .unwrap_or_else(|e| panic!("{e}"));
        }
        let ids: Vec<NodeId> = ed.doc().nodes.iter().map(|n| n.id.clone()).collect();
        for to in &ids[1..] {
            ed.apply(&Command::Connect {
                from: ids[0].clone(),
                to: to.clone(),
                kind: EdgeKind::Sync,
            })
            .unwrap_or_else(|e| panic!("{e}"));
        }
        ed
    }

    #[test]
    fn several_commands_are_one_undo_step_and_a_failing_one_changes_nothing() {
        let mut ed = two_arrows();
        let before = ed.doc().clone();
        let retype: Vec<Command> = before
            .edges
            .iter()
            .map(|e| Command::SetEdgeKind {
                id: e.id.clone(),
                kind: EdgeKind::Data,
            })
            .collect();
        ed.apply_many(&retype).unwrap_or_else(|e| panic!("{e}"));
        assert!(ed.doc().edges.iter().all(|e| e.kind == EdgeKind::Data));
        assert!(ed.undo(), "one step to undo");
        assert_eq!(ed.doc(), &before, "both arrows back at once");
        assert!(ed.redo());
        assert!(ed.doc().edges.iter().all(|e| e.kind == EdgeKind::Data));
        assert!(ed.undo());

        // The second command fails: the first one is rolled back.
        let mut broken = retype;
        broken[1] = Command::SetEdgeKind {
            id: EdgeId::from("no-such-arrow"),
            kind: EdgeKind::Data,
        };
        assert!(ed.apply_many(&broken).is_err());
        assert_eq!(ed.doc(), &before);
        assert!(ed.can_redo(), "a refused step leaves the history alone");
    }

    #[test]
    fn capacity_traffic_and_narration_are_one_undo_step_each() {
        let mut ed = Editor::new(Diagram::default());
        for (kind, label) in [
            (NodeKind::Service, "Orders"),
            (NodeKind::Database, "Orders DB"),
        ] {
            ed.apply(&Command::AddNode {
                kind,
                label: label.into(),
                pos: Point::new(0.0, 0.0),
            })
            .unwrap_or_else(|e| panic!("{e}"));
        }
        let (a, b) = (ed.doc().nodes[0].id.clone(), ed.doc().nodes[1].id.clone());
        ed.apply(&Command::Connect {
            from: a.clone(),
            to: b.clone(),
            kind: EdgeKind::Data,
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let edge = ed.doc().edges[0].id.clone();
        let capacity = crate::model::NodeCapacity {
            rps: Some(250.0),
            instances: Some(3),
            ..Default::default()
        };
        ed.apply(&Command::SetCapacity {
            id: a.clone(),
            capacity,
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let traffic = crate::model::EdgeTraffic {
            share: Some(2.0),
            writes: Some(0.5),
        };
        ed.apply(&Command::SetEdgeTraffic { id: edge, traffic })
            .unwrap_or_else(|e| panic!("{e}"));
        let step = crate::model::Step {
            title: "Orders".into(),
            text: "Writes go to the primary.".into(),
            nodes: vec![a.clone(), b],
            edges: Vec::new(),
            latency_ms: None,
        };
        ed.apply(&Command::SetWalkthrough {
            steps: vec![step.clone()],
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ed.doc().nodes[0].capacity, capacity);
        assert_eq!(ed.doc().edges[0].traffic, traffic);
        assert_eq!(ed.doc().walkthrough, vec![step]);
        // A step naming a box that does not exist is refused.
        let ghost = crate::model::Step {
            nodes: vec![NodeId::from("nope")],
            ..ed.doc().walkthrough[0].clone()
        };
        assert!(
            ed.apply(&Command::SetWalkthrough { steps: vec![ghost] })
                .is_err()
        );
        ed.undo();
        assert!(ed.doc().walkthrough.is_empty());
        ed.undo();
        assert_eq!(
            ed.doc().edges[0].traffic,
            crate::model::EdgeTraffic::default()
        );
        ed.undo();
        assert!(ed.doc().nodes[0].capacity.is_empty());
    }

    #[test]
    fn add_connect_undo_redo_and_dirty() {
        let mut ed = Editor::new(Diagram::default());
        assert!(!ed.is_dirty());
        ed.apply(&Command::AddNode {
            kind: NodeKind::Client,
            label: "App".into(),
            pos: Point::new(0.0, 0.0),
        })
        .unwrap();
        ed.apply(&Command::AddNode {
            kind: NodeKind::Gateway,
            label: "Kong".into(),
            pos: Point::new(200.0, 0.0),
        })
        .unwrap();
        assert_eq!(ed.doc().nodes[1].id.as_str(), "gateway-1");
        ed.apply(&Command::Connect {
            from: NodeId::from("client-1"),
            to: NodeId::from("gateway-1"),
            kind: EdgeKind::Sync,
        })
        .unwrap();
        assert_eq!(ed.doc().edges.len(), 1);
        assert!(ed.is_dirty());
        ed.mark_saved();
        assert!(!ed.is_dirty());
        assert!(ed.undo());
        assert!(ed.is_dirty());
        assert_eq!(ed.doc().edges.len(), 0);
        assert!(ed.redo());
        assert!(!ed.is_dirty(), "back at the saved state");
        assert!(ed.undo() && ed.undo() && ed.undo());
        assert!(ed.doc().nodes.is_empty());
        assert!(!ed.undo());
    }

    #[test]
    fn deleting_a_node_takes_its_edges_and_undo_restores_them() {
        let reference = crate::content::references::find("five-tier")
            .unwrap()
            .load()
            .unwrap();
        let mut ed = Editor::new(reference.clone());
        ed.apply(&Command::Delete {
            nodes: vec![NodeId::from("kafka"), NodeId::from("orders_db")],
            edges: vec![],
        })
        .unwrap();
        assert!(ed.doc().node("kafka").is_none());
        assert!(
            ed.doc()
                .edges
                .iter()
                .all(|e| e.from.as_str() != "kafka" && e.to.as_str() != "kafka")
        );
        assert_eq!(crate::model::validate::validate(ed.doc()), vec![]);
        assert!(ed.undo());
        assert_eq!(ed.doc(), &reference);
    }

    #[test]
    fn errors_change_nothing() {
        let mut ed = Editor::new(Diagram::default());
        assert_eq!(
            ed.apply(&Command::Rename {
                id: NodeId::from("x"),
                label: "Y".into()
            }),
            Err(EditError::UnknownNode("x".into()))
        );
        assert_eq!(
            ed.apply(&Command::AddNode {
                kind: NodeKind::Other,
                label: "  ".into(),
                pos: Point::default()
            }),
            Err(EditError::EmptyLabel)
        );
        assert!(!ed.can_undo());
    }
}
