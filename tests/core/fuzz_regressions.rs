//! Inputs that broke a reader, kept under `tests/fuzz-regressions/<target>/` (see the README
//! there) and given to it again: each now answers what the reader promises.

use std::path::Path;

use fieldbook::print::layout::{wrap, Face, FixedMeasure, Measure, NO_START};

/// What `wrap` promises for `text` at `max`: the lines joined are the text without its spaces and
/// line breaks; a line is wider than `max` only as one character, or with closing punctuation
/// hanging past the margin, and then at most twice `max`.
fn check_wrap(text: &str, max: f32) -> Result<(), String> {
    let lines = wrap(&FixedMeasure, Face::Sans, 10.0, text, max);
    let significant = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '\u{3000}' | '\n' | '\r'))
            .collect()
    };
    if significant(&lines.concat()) != significant(text) {
        return Err(format!("{lines:?} lost or added text"));
    }
    for line in &lines {
        let w = FixedMeasure.width(Face::Sans, 10.0, line);
        let hangs = line.chars().any(|c| NO_START.contains(c)) && w <= 2.0 * max + 0.02;
        if w > max + 0.01 && line.chars().count() > 1 && !hangs {
            return Err(format!("{line:?} is {w} wide at {max} in {lines:?}"));
        }
    }
    Ok(())
}

#[test]
fn every_input_the_fuzzing_found_is_answered_as_promised() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut checked = 0;
    for target in std::fs::read_dir(&root).unwrap() {
        let target = target.unwrap().path();
        for file in std::fs::read_dir(&target).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let bytes = std::fs::read(&file).unwrap();
            let name = target.file_name().unwrap().to_str().unwrap();
            let answer = match name {
                "wrap" => {
                    let text = String::from_utf8(bytes).unwrap();
                    let (width, text) = text.split_once('\n').unwrap();
                    check_wrap(text, width.parse().unwrap())
                }
                other => panic!("no check for the regressions of the fuzz target {other}"),
            };
            if let Err(e) = answer {
                panic!("{}: {e}", file.display());
            }
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} regression inputs found");
}

#[test]
fn a_long_latin_run_after_chinese_text_is_cut_at_the_margin() {
    // A shop's URL after its label, in a column 10 characters wide: it used to run past the
    // margin whole, 220 points in a 100-point column.
    let lines = wrap(
        &FixedMeasure,
        Face::Sans,
        10.0,
        "网址：https://shop.example.cn/12345678901234567890",
        100.0,
    );
    assert_eq!(
        lines,
        [
            "网址：",
            "https://shop.example",
            ".cn/1234567890123456",
            "7890"
        ]
    );
}
