//! CJK line wrapping (`print::layout::wrap`) of any text at any width. What it promises:
//! nothing but break whitespace is lost or added (the lines joined are the text without its
//! spaces and line breaks), and a line is wider than the width only when it is one character,
//! or when closing punctuation hangs past the margin (and then at most twice the width).
#![no_main]

use fieldbook::print::layout::{wrap, NO_START};
use fieldbook::print::layout::{Face, FixedMeasure, Measure};
use libfuzzer_sys::fuzz_target;

fn significant(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '\u{3000}' | '\n' | '\r'))
        .collect()
}

fuzz_target!(|input: (u16, &str)| {
    let (width, text) = input;
    // Widths from a fraction of a character to a page, in points at 10 pt.
    let max = f32::from(width % 2000) / 4.0;
    let lines = wrap(&FixedMeasure, Face::Sans, 10.0, text, max);
    assert_eq!(significant(&lines.concat()), significant(text));
    for line in &lines {
        let w = FixedMeasure.width(Face::Sans, 10.0, line);
        if w > max + 0.01 && line.chars().count() > 1 {
            let hangs = line.chars().any(|c| NO_START.contains(c));
            assert!(hangs && w <= 2.0 * max + 0.02, "{line:?} is {w} wide, more than {max}");
        }
    }
});
