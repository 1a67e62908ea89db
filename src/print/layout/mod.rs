//! Pure layout: a form's content (blocks) in, pages of positioned boxes out. No PDF, no fonts
//! of its own: text is measured through [`Measure`], so tests can use a fixed-width measure.
//! Coordinates are points from the page's top-left corner (the renderer flips them).

mod flow;
mod wrap;

pub use flow::{paginate, Footer, PageNumbers};
pub use wrap::{wrap, NO_END, NO_START};

use serde::Serialize;

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Chinese type sizes (字号) in points.
pub mod size {
    /// 2号: notice titles.
    pub const ER: f32 = 22.0;
    /// 3号: notice body text.
    pub const SAN: f32 = 16.0;
    /// 4号: form titles.
    pub const SI: f32 = 14.0;
    /// 小四: form text.
    pub const XIAO_SI: f32 = 12.0;
    /// 五号: table text.
    pub const WU: f32 = 10.5;
    /// 小五: footers.
    pub const XIAO_WU: f32 = 9.0;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Face {
    /// 黑体 role.
    Sans,
    /// Titles (小标宋 / 黑体 role).
    SansBold,
    /// 仿宋 / 宋体 role: notice bodies.
    Serif,
}

/// Text measuring: the advance width of `text` at `size` points.
pub trait Measure {
    fn width(&self, face: Face, size: f32, text: &str) -> f32;
    /// Characters no face can print.
    fn missing(&self, _text: &str) -> Vec<char> {
        Vec::new()
    }
}

/// A measure for tests: CJK characters 1 em, everything else ½ em.
pub struct FixedMeasure;

impl Measure for FixedMeasure {
    fn width(&self, _face: Face, size: f32, text: &str) -> f32 {
        text.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum::<f32>()
            * size
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

pub const A4_PORTRAIT: PageSize = PageSize {
    width: 595.276,
    height: 841.89,
};
pub const A4_LANDSCAPE: PageSize = PageSize {
    width: 841.89,
    height: 595.276,
};

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Margins {
    /// Forms and tables: 20 mm around, 15 mm at the sides.
    pub fn form() -> Margins {
        Margins {
            top: mm(20.0),
            right: mm(15.0),
            bottom: mm(22.0),
            left: mm(15.0),
        }
    }
    /// GB/T 9704-2012: top 37 mm, left 28 mm, text block 156 × 225 mm on A4 portrait.
    pub fn gbt9704() -> Margins {
        Margins {
            top: mm(37.0),
            left: mm(28.0),
            right: mm(210.0 - 28.0 - 156.0),
            bottom: mm(297.0 - 37.0 - 225.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One column of a table: its title, its share of the table's width and alignment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub title: String,
    pub weight: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, weight: f32, align: Align) -> Column {
        Column {
            title: title.to_string(),
            weight,
            align,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Header rows print on every page; off for key–value grids.
    pub header: bool,
    pub rows: Vec<Vec<String>>,
    /// 合计 rows: never start a page alone, they keep the last body row with them.
    pub totals: Vec<Vec<String>>,
    pub size: f32,
}

/// What a form is made of, top to bottom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// A centred heading.
    Title {
        text: String,
        face: Face,
        size: f32,
    },
    /// Wrapped text; `indent` first lines by two characters (body text of a notice).
    Para {
        text: String,
        face: Face,
        size: f32,
        align: Align,
        indent: bool,
    },
    Table(Table),
    /// Blocks that never split across pages (signature lines, issuer and date).
    Keep(Vec<Block>),
    /// Empty space in points.
    Space(f32),
    /// The next block starts on a new page.
    PageBreak,
}

impl Block {
    pub fn title(text: impl Into<String>, size: f32) -> Block {
        Block::Title {
            text: text.into(),
            face: Face::SansBold,
            size,
        }
    }
    pub fn para(text: impl Into<String>, size: f32) -> Block {
        Block::Para {
            text: text.into(),
            face: Face::Sans,
            size,
            align: Align::Left,
            indent: false,
        }
    }
    pub fn right(text: impl Into<String>, size: f32) -> Block {
        Block::Para {
            text: text.into(),
            face: Face::Sans,
            size,
            align: Align::Right,
            indent: false,
        }
    }

    /// Every string the block prints, in order (what the verification hash covers).
    pub fn texts<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Block::Title { text, .. } | Block::Para { text, .. } => out.push(text),
            Block::Table(t) => {
                if t.header {
                    out.extend(t.columns.iter().map(|c| c.title.as_str()));
                }
                for row in t.rows.iter().chain(&t.totals) {
                    out.extend(row.iter().map(String::as_str));
                }
            }
            Block::Keep(blocks) => blocks.iter().for_each(|b| b.texts(out)),
            Block::Space(_) | Block::PageBreak => {}
        }
    }
}

/// A positioned box. `y` of text is its baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A QR code: dark modules, `modules` per side, drawn in a `side`-point square.
    Qr {
        x: f32,
        y: f32,
        side: f32,
        modules: usize,
        dark: Vec<bool>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub size: PageSize,
    pub items: Vec<Item>,
}

impl Page {
    /// The page's text in reading order, for tests.
    pub fn text(&self) -> String {
        let mut lines: Vec<(i64, f32, &str)> = self
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, y, text, .. } => Some(((y * 10.0) as i64, *x, text.as_str())),
                _ => None,
            })
            .collect();
        lines.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        lines.iter().map(|l| l.2).collect::<Vec<_>>().join(" ")
    }
}

/// A form ready to lay out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormDoc {
    /// The PDF's title.
    pub name: String,
    pub page: PageSize,
    pub margins: Margins,
    pub blocks: Vec<Block>,
    pub footer: Footer,
}

#[cfg(test)]
mod tests;
