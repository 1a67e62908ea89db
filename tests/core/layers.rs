//! The core's modules depend in one direction: domain ← store ← sync / sheets / print ← demo,
//! and the CLI and desktop shell on top. This reads the sources and names every `crate::…`
//! path that points the wrong way, so a cycle cannot creep back in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of the core and the modules it may use. Root re-exports are mapped to
/// their modules (`crate::Result` is `error`, `crate::Store` is `store`).
const ALLOWED: &[(&str, &[&str])] = &[
    ("codes", &[]),
    ("digest", &[]),
    ("files", &["codes", "error"]),
    ("domain", &["codes"]),
    ("error", &["domain", "codes"]),
    ("store", &["domain", "error", "codes", "digest"]),
    ("checks", &["store", "domain", "error", "codes", "digest"]),
    (
        "sync",
        &[
            "store", "checks", "domain", "error", "codes", "digest", "files",
        ],
    ),
    (
        "sheets",
        &[
            "store", "checks", "domain", "error", "codes", "digest", "files",
        ],
    ),
    (
        "print",
        &[
            "store", "checks", "domain", "error", "codes", "digest", "files",
        ],
    ),
    (
        "demo",
        &["store", "checks", "domain", "error", "codes", "digest"],
    ),
];

/// Items of the crate root and the module each belongs to. `STORE_EXTENSIONS` is the
/// composition root's list of what layers above the store add to it; only the store reads it.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Result", "error"),
    ("Error", "error"),
    ("Store", "store"),
    ("Code", "codes"),
    ("STORE_EXTENSIONS", "root"),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `src/store/records/x.rs` → `store`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first {
        "lib.rs" | "bin" => None,
        name => Some(name.trim_end_matches(".rs").to_string()),
    }
}

/// Every module a line names through `crate::`, including `use crate::{a::…, b::…}` groups.
fn used_modules(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                used.insert(name);
            }
        } else {
            used.insert(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    used.remove("");
    used
}

fn violations() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let root: BTreeMap<&str, &str> = ROOT_ITEMS.iter().copied().collect();
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(may_use) = allowed.get(module.as_str()) else {
            found.push(format!(
                "{}: the module `{module}` has no place in ALLOWED: give it one",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a source file reads");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("super::super::super") {
                found.push(format!(
                    "{}:{}: reaches the crate root through super::",
                    file.display(),
                    n + 1
                ));
            }
            for used in used_modules(code) {
                let target = root.get(used.as_str()).copied().unwrap_or(used.as_str());
                let ok = target == module
                    || may_use.contains(&target)
                    || (target == "root" && module == "store");
                if !ok {
                    found.push(format!(
                        "{}:{}: `{module}` uses `crate::{used}` ({target}), which it may not: {module} may use {may_use:?}",
                        file.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn every_module_depends_only_on_the_layers_below_it() {
    let found = violations();
    assert!(
        found.is_empty(),
        "dependencies pointing the wrong way:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_reader_sees_grouped_and_nested_paths() {
    assert_eq!(
        used_modules("use crate::{store::Store, sync::sql}; let x = crate::print::hex(y);"),
        ["print", "store", "sync"]
            .into_iter()
            .map(String::from)
            .collect()
    );
}
