//! JSON paths for `Invalid::field` (`targets[1].metric`): a refused form names the exact element
//! of a list, but `field` is `&'static str` so that every other field name stays a literal. A
//! path is interned: each distinct path is allocated once for the life of the process, so the
//! memory it takes is bounded by the shapes of the forms, not by how often they are refused.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// `list[index].field`, e.g. `at("targets", 1, "metric")` → `"targets[1].metric"`.
pub fn at(list: &str, index: usize, field: &str) -> &'static str {
    path(format!("{list}[{index}].{field}"))
}

/// Any JSON path built at run time (`tranches[1].percent`, `criteria.scoredMin`), interned.
pub fn path(text: String) -> &'static str {
    static PATHS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut paths = PATHS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(known) = paths.get(text.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(text.into_boxed_str());
    paths.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::at;

    #[test]
    fn the_same_path_is_the_same_string() {
        let first = at("targets", 2, "quantity");
        assert_eq!(first, "targets[2].quantity");
        assert!(std::ptr::eq(first, at("targets", 2, "quantity")));
    }
}
