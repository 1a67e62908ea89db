//! Record ids. Normally UUIDv7 made on the device; inside `with_deterministic_ids` (the demo
//! load) UUIDv5 of a namespace and a counter, so every database that loads the demo gives its
//! records the same ids and a laptop and the county agree on them when they sync.

use std::cell::RefCell;

use uuid::Uuid;

thread_local! {
    static SEQUENCE: RefCell<Option<(Uuid, u64)>> = const { RefCell::new(None) };
}

/// The id for a new record.
pub fn new_id() -> String {
    SEQUENCE.with(|sequence| match &mut *sequence.borrow_mut() {
        Some((namespace, n)) => {
            *n += 1;
            Uuid::new_v5(namespace, &n.to_be_bytes()).to_string()
        }
        None => Uuid::now_v7().to_string(),
    })
}

/// Runs `work` with ids drawn from `namespace` in order (on this thread), then restores
/// ordinary ids, also when `work` fails or panics.
pub fn with_deterministic_ids<T>(namespace: Uuid, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<(Uuid, u64)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            SEQUENCE.with(|sequence| *sequence.borrow_mut() = previous);
        }
    }
    let previous = SEQUENCE.with(|sequence| sequence.borrow_mut().replace((namespace, 0)));
    let _restore = Restore(previous);
    work()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_inside_and_v7_outside() {
        let ns = Uuid::from_u128(7);
        let a: Vec<String> = with_deterministic_ids(ns, || (0..3).map(|_| new_id()).collect());
        let b: Vec<String> = with_deterministic_ids(ns, || (0..3).map(|_| new_id()).collect());
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
        let free = Uuid::parse_str(&new_id()).unwrap();
        assert_eq!(free.get_version_num(), 7);
    }
}
