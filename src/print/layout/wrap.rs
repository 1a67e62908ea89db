//! Line breaking for Chinese with Latin and digits mixed in: a break may fall between any two
//! Chinese characters, Latin words and digit runs (`65.000`, `12317`, `138****1234`) stay whole,
//! and the usual rules (禁则) hold: no line starts with closing punctuation, none ends with an
//! opening one.

use super::{Face, Measure};

/// Characters that never start a line.
pub const NO_START: &str = "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}";
/// Characters that never end a line.
pub const NO_END: &str = "（《「『【〔〈“‘([{";

fn starts_no_start(unit: &str) -> bool {
    unit.chars().next().is_some_and(|c| NO_START.contains(c))
}

fn ends_no_end(unit: &str) -> bool {
    unit.chars().last().is_some_and(|c| NO_END.contains(c))
}

fn is_space(unit: &str) -> bool {
    unit.chars().all(|c| c == ' ' || c == '\u{3000}')
}

/// Splits text into unbreakable units: one per Chinese character, one per run of ASCII
/// non-space characters, one per space, and "\n" for an explicit break.
fn units(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let latin = c.is_ascii_graphic();
        if latin {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        out.push(&text[i..i + c.len_utf8()]);
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Wraps `text` to lines no wider than `max` (a unit wider than a whole line starts a line and is
/// cut by characters; closing punctuation may be pulled down with the character before it, or
/// hang past the margin when that would not fit either, so a line holding closing punctuation
/// may be up to twice `max`).
pub fn wrap(measure: &dyn Measure, face: Face, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur: Vec<(String, f32)> = Vec::new();
    let width = |s: &str| measure.width(face, size, s);
    let flush = |cur: &mut Vec<(String, f32)>, lines: &mut Vec<String>| {
        while cur.last().is_some_and(|(u, _)| u == " ") {
            cur.pop();
        }
        lines.push(cur.drain(..).map(|(u, _)| u).collect());
    };
    for unit in units(text) {
        if unit == "\n" {
            flush(&mut cur, &mut lines);
            continue;
        }
        if unit == "\r" || (cur.is_empty() && unit == " ") {
            continue;
        }
        let w = width(unit);
        let used: f32 = cur.iter().map(|(_, w)| w).sum();
        if used + w <= max + 0.01 || (cur.is_empty() && w <= max + 0.01) {
            cur.push((unit.to_string(), w));
            continue;
        }
        if cur.is_empty() {
            cut(&width, unit, max, &mut cur, &mut lines);
            continue;
        }
        if w > max + 0.01 && !is_space(unit) {
            // Wider than a whole line (a long Latin run, even one that starts with closing
            // punctuation): it starts the next line and is cut there, it never hangs.
            flush(&mut cur, &mut lines);
            cut(&width, unit, max, &mut cur, &mut lines);
            continue;
        }
        if is_space(unit) {
            flush(&mut cur, &mut lines);
            continue;
        }
        if used > max + 0.01 {
            // The line already hangs punctuation past the margin (or is one character wider
            // than the line): nothing more goes on it, whatever the rules say.
            flush(&mut cur, &mut lines);
            cur.push((unit.to_string(), w));
            continue;
        }
        // Break before `unit`, moving characters down so the rules hold.
        let mut carry: Vec<(String, f32)> = Vec::new();
        if starts_no_start(unit) {
            // Pull the character before it (and any closing punctuation before that) down.
            while cur.len() > 1 {
                let last = cur.pop().expect("len > 1");
                let again = starts_no_start(&last.0);
                carry.insert(0, last);
                if !again {
                    break;
                }
            }
            if cur.iter().all(|(u, _)| starts_no_start(u)) {
                // Nothing left to break at: let the punctuation hang past the margin.
                cur.append(&mut carry);
                cur.push((unit.to_string(), w));
                continue;
            }
        }
        while cur.len() > 1 && cur.last().is_some_and(|(u, _)| ends_no_end(u)) {
            carry.insert(0, cur.pop().expect("len > 1"));
        }
        let carried: f32 = carry.iter().map(|(_, w)| w).sum();
        if !carry.is_empty() && carried + w > max + 0.01 {
            // What the rules move down would not fit on the next line either: closing
            // punctuation hangs past the margin, an opening one stays at the end of its line.
            cur.append(&mut carry);
            if starts_no_start(unit) {
                cur.push((unit.to_string(), w));
                continue;
            }
        }
        flush(&mut cur, &mut lines);
        cur = carry;
        cur.push((unit.to_string(), w));
    }
    if !cur.is_empty() || lines.is_empty() || text.ends_with('\n') {
        flush(&mut cur, &mut lines);
    }
    lines
}

/// Starts a line (`cur` is empty) with `unit`, cut by characters into as many full lines as a
/// unit wider than the line needs (a long Latin run: a URL, a number); the rest stays in `cur`.
fn cut(
    width: &dyn Fn(&str) -> f32,
    unit: &str,
    max: f32,
    cur: &mut Vec<(String, f32)>,
    lines: &mut Vec<String>,
) {
    let mut piece = String::new();
    for c in unit.chars() {
        let mut next = piece.clone();
        next.push(c);
        if !piece.is_empty() && width(&next) > max {
            lines.push(std::mem::take(&mut piece));
            next = c.to_string();
        }
        piece = next;
    }
    let w = width(&piece);
    cur.push((piece, w));
}
