//! The facts of the training checks (F3–F6): the sessions and every sign-in row, in the order
//! they were typed, with what the register says of each person. One gathering serves the four
//! rule files (`sessions`, `attendance`, `trainees`, `poverty`).

use std::collections::HashMap;

use super::masked_id;
use crate::checks::{Finding, RecordRef, Thresholds};
use crate::domain::training::slot_label;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub title: String,
    pub township_id: Option<String>,
    pub venue: String,
    pub start_date: String,
    pub planned_headcount: u32,
    /// The session's half-days, `2026-03-02 am` …, in time order.
    pub slots: Vec<String>,
}

impl Session {
    pub fn record(&self) -> RecordRef {
        RecordRef::new(
            "training_session",
            &self.id,
            format!("培训：{} {}", self.title, self.start_date),
            self.township_id.clone(),
        )
    }
}

/// One person in one half-day of one session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignIn {
    pub id: String,
    /// Index into `TrainingFacts::sessions`.
    pub session: usize,
    pub slot: String,
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub village_id: Option<String>,
    /// The poor flag as marked on the row when it was signed in.
    pub marked_poor: bool,
    /// Whether the register holds this ID number (a registered household's head or member).
    pub registered: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainingFacts {
    pub sessions: Vec<Session>,
    /// Every live sign-in row, grouped by session and slot, each in the order it was typed.
    pub sign_ins: Vec<SignIn>,
    /// Registered adults (heads and members of working age) by village id.
    pub village_adults: HashMap<String, u32>,
    pub village_names: HashMap<String, String>,
}

impl TrainingFacts {
    pub fn session_of(&self, s: &SignIn) -> &Session {
        &self.sessions[s.session]
    }

    /// A sign-in row as a finding names it: 张三（6542****0012）2026年3月2日上午 · 培训名.
    pub fn record(&self, s: &SignIn) -> RecordRef {
        let session = self.session_of(s);
        RecordRef::new(
            "attendance",
            &s.id,
            format!(
                "{}（{}）{} · {}",
                s.name,
                masked_id(&s.id_number),
                slot_label(&s.slot),
                session.title
            ),
            session.township_id.clone(),
        )
    }
}

/// Every training rule over the same facts.
pub fn check(facts: &TrainingFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let mut out = super::sessions::check(facts, thresholds);
    out.extend(super::attendance::check(facts, thresholds));
    out.extend(super::trainees::check(facts, thresholds));
    out.extend(super::poverty::check(facts, thresholds));
    out
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    /// A session in township `t` with these slots.
    pub fn session(id: &str, t: &str, slots: &[&str], planned: u32) -> Session {
        Session {
            id: id.into(),
            title: format!("培训{id}"),
            township_id: Some(t.into()),
            venue: "村委会".into(),
            start_date: slots.first().map_or("", |s| &s[..10]).into(),
            planned_headcount: planned,
            slots: slots.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn sign_in(session: usize, slot: &str, person: u32) -> SignIn {
        SignIn {
            id: format!("a{session}-{slot}-{person}"),
            session,
            slot: slot.into(),
            name: format!("学员{person}"),
            id_number: format!("6542241980{:04}{:03}X", person % 10_000, person % 1000),
            phone: format!("139{:08}", 10_000_000 + person * 7919 % 9_000_000),
            village_id: Some("v1".into()),
            marked_poor: false,
            registered: false,
        }
    }
}
