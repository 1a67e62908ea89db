//! Printed forms, read back with `pdftotext` (poppler-utils): names, amounts, dates as
//! 2019年8月12日, "第 N 页 共 M 页" and the verification stamp; one page of each form is also
//! rendered to PNG under `target/print-samples/` to be looked at.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use fieldbook::demo::load_demo;
use fieldbook::print::FormKind;
use fieldbook::Store;

/// The demo county, loaded once into a file that each test copies.
pub fn demo_store() -> (tempfile::TempDir, Store) {
    static DEMO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, master) = DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        let mut store = Store::open(&path).unwrap();
        load_demo(&mut store).unwrap();
        drop(store);
        (dir, path)
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    // A consistent copy even with WAL.
    let src = rusqlite_copy(master, &path);
    assert!(src, "copy of the demo database");
    let store = Store::open(&path).unwrap();
    (dir, store)
}

fn rusqlite_copy(from: &Path, to: &Path) -> bool {
    let store = Store::open(from).unwrap();
    drop(store);
    std::fs::copy(from, to).is_ok()
        && ["-wal", "-shm"].iter().all(|ext| {
            let f = PathBuf::from(format!("{}{ext}", from.display()));
            !f.exists() || std::fs::copy(&f, format!("{}{ext}", to.display())).is_ok()
        })
}

pub fn samples_dir() -> PathBuf {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/print-samples"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the PDF, renders its first page to PNG beside it, and returns the text of the PDF.
pub fn save_and_read(name: &str, pdf: &[u8]) -> String {
    let dir = samples_dir();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let png = Command::new("pdftoppm")
        .args(["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(dir.join(name))
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(png.success());
    pdf_text(&path)
}

pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text without the spaces `pdftotext` puts between table cells and characters.
pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn assert_pages(text: &str, pages: usize) {
    for n in 1..=pages {
        let label = format!("第{n}页共{pages}页");
        assert!(squeezed(text).contains(&label), "{label} missing");
    }
    assert!(!squeezed(text).contains(&format!("第{}页共{pages}页", pages + 1)));
}

/// A county acceptance (验收) of a demonstration shop in 鸡峰镇.
pub fn acceptance_id(store: &Store) -> String {
    store
        .list_inspections(None)
        .unwrap()
        .into_iter()
        .find(|i| i.stage_label == "县级验收" && i.place.starts_with("鸡峰镇"))
        .expect("the demo county has an acceptance in 鸡峰镇")
        .id
}

#[test]
fn the_acceptance_report_of_a_demo_shop_reads_back_with_its_figures() {
    let (_dir, mut store) = demo_store();
    let id = acceptance_id(&store);
    let inspection = store.inspection(&id).unwrap();
    let printed = store.print_form(FormKind::Acceptance, &id).unwrap();
    assert!(
        printed.pdf.len() < 200 * 1024,
        "{} bytes",
        printed.pdf.len()
    );
    let text = save_and_read("acceptance", &printed.pdf);
    let flat = squeezed(&text);
    assert!(
        flat.contains(&squeezed(&inspection.operator_name)),
        "{text}"
    );
    assert!(flat.contains("县级验收报告"));
    let date = fieldbook::domain::format_date_zh(
        chrono::NaiveDate::parse_from_str(&inspection.date, "%Y-%m-%d").unwrap(),
    );
    assert!(flat.contains(&date), "{date} in {text}");
    for item in &inspection.evaluation.items {
        assert!(
            flat.contains(&squeezed(&item.label)),
            "{} missing",
            item.label
        );
    }
    for inspector in &inspection.inspectors {
        assert!(flat.contains(&inspector.name), "{} missing", inspector.name);
    }
    assert!(flat.contains(&format!(
        "结论：{}",
        inspection.evaluation.conclusion.label()
    )));
    assert!(flat.contains(&squeezed(&printed.stamp.hash)));
    assert_pages(&text, printed.pages);
}
