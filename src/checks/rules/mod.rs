//! The pure rules: each family's facts (plain data gathered by `checks::sql::<family>`) in,
//! findings out. No SQL, no IO: tested with tables of facts.

pub mod ages;
pub mod attendance;
pub mod callbacks;
pub mod identity;
pub mod ledger;
pub mod photos;
pub mod poverty;
pub mod procedure;
pub mod rosters;
pub mod sessions;
pub mod trainees;
pub mod training;

/// An ID number as lists show it: the first 4 and last 4 characters (never the whole number in
/// a finding's label or compared values).
pub fn masked_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

/// At most this many records are named in one finding; the summary says how many there are.
pub const MAX_RECORDS: usize = 50;
