//! What the scale bench shares: ID numbers unique by construction, peak memory, timing, and the
//! generated hub (`hub.rs`). A module of the bench crates that name it (`mod support;`), not a
//! bench of its own.

pub mod hub;

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use fieldbook::domain::resident_id::check_char;

/// Region codes (6 digits, 甘肃 62…) of the kinds of people the bench makes, so no two kinds
/// share an ID number: heads of the register, their members, outsiders at trainings, the rows
/// of the register import file, the households a laptop sends in its sync batch.
pub const HEADS: u32 = 621_221;
pub const MEMBERS: u32 = 621_321;
pub const OUTSIDERS: u32 = 621_421;
pub const IMPORTED: u32 = 621_521;
pub const SYNCED: u32 = 621_621;

/// A valid ID number, unique for each `(region, n)` whatever `n` (up to 10⁹): within a block of
/// 20,000 people `n · 7919 mod 20000` gives each a birthday of its own (1950 to 2004); the
/// block picks the sequence (two per block, odd for men, even for women) and, after 499 blocks,
/// the next region code of the 100 after `region`.
pub fn person_id(region: u32, n: usize) -> String {
    let epoch = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let birth = epoch + Days::new((n * 7_919 % 20_000) as u64);
    let block = n / 20_000;
    let sequence = 2 * (block % 499) + 1 + n % 2;
    let first17 = format!(
        "{}{}{sequence:03}",
        region + (block / 499) as u32,
        birth.format("%Y%m%d")
    );
    format!("{first17}{}", check_char(&first17))
}

/// Peak resident memory of this process in MB (VmHWM).
pub fn peak_mb() -> f64 {
    status_mb("VmHWM:")
}

/// Resident memory of this process now, in MB (VmRSS).
pub fn resident_mb() -> f64 {
    status_mb("VmRSS:")
}

fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Starts the peak anew (Linux: writing 5 to clear_refs resets VmHWM to the current size).
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The median of `runs` timed calls (the first call's answer is returned).
pub fn median_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut first = None;
    let mut samples: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let started = Instant::now();
            let answer = std::hint::black_box(f());
            let took = started.elapsed();
            first.get_or_insert(answer);
            took
        })
        .collect();
    samples.sort();
    (samples[samples.len() / 2], first.unwrap())
}

/// The database file and its WAL, in bytes.
pub fn file_bytes(path: &std::path::Path) -> (u64, u64) {
    let size = |p: String| std::fs::metadata(p).map_or(0, |m| m.len());
    (
        size(path.display().to_string()),
        size(format!("{}-wal", path.display())),
    )
}

/// The 1-minute load average, to print beside the figures (the machine may be shared).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}
