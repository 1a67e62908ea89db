//! Hybrid logical clock: 48-bit wall-clock milliseconds and a 16-bit counter in one i64. It never
//! goes backwards, even when a laptop's clock is set back, so change order survives bad clocks.

use std::sync::atomic::{AtomicU64, Ordering};

/// Where "now" comes from; injected so tests can set and skew time.
pub trait Clock: Send + Sync {
    fn now_ms(&self) -> u64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        let now = chrono::Utc::now().timestamp_millis();
        u64::try_from(now).unwrap_or(0)
    }
}

/// A clock that reads whatever a test sets.
#[derive(Default)]
pub struct ManualClock(AtomicU64);

impl ManualClock {
    pub fn at(ms: u64) -> ManualClock {
        ManualClock(AtomicU64::new(ms))
    }
    pub fn set(&self, ms: u64) {
        self.0.store(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

const COUNTER_BITS: u32 = 16;
const COUNTER_MAX: i64 = (1 << COUNTER_BITS) - 1;
const MS_MAX: u64 = (1 << 47) - 1;

pub fn pack(ms: u64, counter: u16) -> i64 {
    ((ms.min(MS_MAX) as i64) << COUNTER_BITS) | i64::from(counter)
}

pub fn unpack(hlc: i64) -> (u64, u16) {
    ((hlc >> COUNTER_BITS) as u64, (hlc & COUNTER_MAX) as u16)
}

/// The next timestamp after `last`, given the wall clock: the wall clock when it moved on,
/// otherwise the same millisecond with the counter bumped (and the next millisecond on overflow).
pub fn next(last: i64, now_ms: u64) -> i64 {
    let (last_ms, counter) = unpack(last);
    if now_ms > last_ms {
        pack(now_ms, 0)
    } else if i64::from(counter) < COUNTER_MAX {
        pack(last_ms, counter + 1)
    } else {
        pack(last_ms + 1, 0)
    }
}

/// Local wall time of an HLC for people reading an audit trail: `2026-11-21 08:30:05`.
pub fn format(hlc: i64) -> String {
    let (ms, _) = unpack(hlc);
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_with_the_wall_clock_and_never_back() {
        let a = next(0, 1_000);
        assert_eq!(unpack(a), (1_000, 0));
        let b = next(a, 1_000);
        assert_eq!(unpack(b), (1_000, 1));
        let c = next(b, 400);
        assert_eq!(
            unpack(c),
            (1_000, 2),
            "a clock set back does not move the HLC back"
        );
        let d = next(c, 2_000);
        assert_eq!(unpack(d), (2_000, 0));
        assert!(a < b && b < c && c < d);
    }

    #[test]
    fn next_is_max_of_last_plus_one_and_the_wall_clock() {
        // The store computes `next` in SQL as max(last + 1, now << 16); both must agree.
        for last in [0, pack(1_000, 0), pack(1_000, 7), pack(5, u16::MAX)] {
            for now in [0, 4, 5, 6, 999, 1_000, 1_001, 2_000] {
                assert_eq!(
                    next(last, now),
                    (last + 1).max(pack(now, 0)),
                    "{last} {now}"
                );
            }
        }
    }

    #[test]
    fn counter_overflow_moves_to_the_next_millisecond() {
        let full = pack(5, u16::MAX);
        assert_eq!(unpack(next(full, 5)), (6, 0));
    }
}
