//! Pagination: blocks flow down the page; tables repeat their header on every page and keep
//! their totals with the last body row; `Keep` blocks move whole to the next page. Page
//! numbers are placed in a second pass, once the number of pages is known.

use serde::Serialize;

use super::{wrap, Align, Block, Face, FormDoc, Item, Measure, Page, Table};

/// Page numbers as forms print them ("第 N 页 共 M 页") or as GB/T 9704 does ("— N —").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PageNumbers {
    Form,
    Notice,
}

/// What every page carries at the bottom: the page number, the verification line and its QR
/// code (modules per side and dark flags, row by row).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footer {
    pub numbers: PageNumbers,
    pub stamp: String,
    pub qr: Option<(usize, Vec<bool>)>,
    /// Line height as a multiple of the type size for paragraphs (1.5 on forms; GB/T 9704's
    /// 22 lines in 225 mm at 16 pt is ≈ 1.81).
    pub leading: f32,
}

const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 2.5;
const CELL_LEADING: f32 = 1.3;
const RULE: f32 = 0.6;
const STAMP_SIZE: f32 = 7.0;

/// Where a glyph's baseline sits in a line box of height `lh` starting at `top`.
fn baseline(top: f32, lh: f32, size: f32) -> f32 {
    top + (lh - size) / 2.0 + size * 0.88
}

struct Flow<'a> {
    m: &'a dyn Measure,
    doc: &'a FormDoc,
    pages: Vec<Page>,
    items: Vec<Item>,
    y: f32,
}

impl Flow<'_> {
    fn left(&self) -> f32 {
        self.doc.margins.left
    }
    fn right(&self) -> f32 {
        self.doc.page.width - self.doc.margins.right
    }
    fn top(&self) -> f32 {
        self.doc.margins.top
    }
    fn bottom(&self) -> f32 {
        self.doc.page.height - self.doc.margins.bottom
    }
    fn width(&self) -> f32 {
        self.right() - self.left()
    }

    fn new_page(&mut self) {
        let items = std::mem::take(&mut self.items);
        self.pages.push(Page {
            size: self.doc.page,
            items,
        });
        self.y = self.top();
    }

    /// Starts a new page unless `h` points still fit (or the page is empty anyway).
    fn need(&mut self, h: f32) {
        if self.y + h > self.bottom() + 0.01 && self.y > self.top() + 0.01 {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, y: f32, face: Face, size: f32, text: String) {
        if !text.is_empty() {
            self.items.push(Item::Text {
                x,
                y,
                face,
                size,
                text,
            });
        }
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width: RULE,
        });
    }

    fn aligned_x(&self, align: Align, left: f32, width: f32, w: f32) -> f32 {
        match align {
            Align::Left => left,
            Align::Center => left + (width - w) / 2.0,
            Align::Right => left + width - w,
        }
    }

    fn para_lines(&self, text: &str, face: Face, size: f32, indent: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for part in text.split('\n') {
            let part = if indent {
                format!("\u{3000}\u{3000}{part}")
            } else {
                part.to_string()
            };
            lines.extend(wrap(self.m, face, size, &part, self.width()));
        }
        lines
    }

    fn block_height(&self, block: &Block) -> f32 {
        match block {
            Block::Title { size, .. } => size * 1.8,
            Block::Para {
                text,
                face,
                size,
                indent,
                ..
            } => {
                self.para_lines(text, *face, *size, *indent).len() as f32
                    * size
                    * self.doc.footer.leading
            }
            Block::Table(t) => {
                let widths = self.col_widths(t);
                let mut h = 0.0;
                if t.header {
                    h += self.row_height(t, &widths, &titles(t), Face::SansBold);
                }
                for row in t.rows.iter().chain(&t.totals) {
                    h += self.row_height(t, &widths, row, Face::Sans);
                }
                h
            }
            Block::Keep(blocks) => blocks.iter().map(|b| self.block_height(b)).sum(),
            Block::Space(v) => *v,
            Block::PageBreak => 0.0,
        }
    }

    /// The height of the first piece of a block that must not be separated from a heading.
    fn lead_height(&self, block: &Block) -> f32 {
        match block {
            Block::Table(t) => {
                let widths = self.col_widths(t);
                let head = if t.header {
                    self.row_height(t, &widths, &titles(t), Face::SansBold)
                } else {
                    0.0
                };
                head + t
                    .rows
                    .first()
                    .map(|r| self.row_height(t, &widths, r, Face::Sans))
                    .unwrap_or(0.0)
            }
            Block::Para { size, .. } => size * self.doc.footer.leading,
            Block::Keep(_) => 0.0,
            other => self.block_height(other),
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title { text, face, size } => {
                let lh = size * 1.8;
                for line in wrap(self.m, *face, *size, text, self.width()) {
                    self.need(lh);
                    let w = self.m.width(*face, *size, &line);
                    let x = self.aligned_x(Align::Center, self.left(), self.width(), w);
                    let y = baseline(self.y, lh, *size);
                    self.text(x, y, *face, *size, line);
                    self.y += lh;
                }
            }
            Block::Para {
                text,
                face,
                size,
                align,
                indent,
            } => {
                let lh = size * self.doc.footer.leading;
                for line in self.para_lines(text, *face, *size, *indent) {
                    self.need(lh);
                    let w = self.m.width(*face, *size, &line);
                    let x = self.aligned_x(*align, self.left(), self.width(), w);
                    let y = baseline(self.y, lh, *size);
                    self.text(x, y, *face, *size, line);
                    self.y += lh;
                }
            }
            Block::Table(t) => self.table(t),
            Block::Keep(blocks) => {
                let h = self.block_height(block);
                self.need(h);
                for b in blocks {
                    self.block(b);
                }
            }
            Block::PageBreak => {
                if self.y > self.top() + 0.01 {
                    self.new_page();
                }
            }
            Block::Space(v) => {
                if self.y + v > self.bottom() {
                    self.new_page();
                } else {
                    self.y += v;
                }
            }
        }
    }

    fn col_widths(&self, t: &Table) -> Vec<f32> {
        let total: f32 = t.columns.iter().map(|c| c.weight).sum();
        t.columns
            .iter()
            .map(|c| self.width() * c.weight / total)
            .collect()
    }

    fn cell_lines(&self, t: &Table, width: f32, text: &str, face: Face) -> Vec<String> {
        wrap(self.m, face, t.size, text, width - 2.0 * PAD_X)
    }

    fn row_height(&self, t: &Table, widths: &[f32], row: &[String], face: Face) -> f32 {
        let lines = row
            .iter()
            .zip(widths)
            .map(|(text, w)| self.cell_lines(t, *w, text, face).len())
            .max()
            .unwrap_or(1)
            .max(1);
        lines as f32 * t.size * CELL_LEADING + 2.0 * PAD_Y
    }

    fn row(&mut self, t: &Table, widths: &[f32], row: &[String], face: Face, header: bool) {
        let h = self.row_height(t, widths, row, face);
        let (top, bottom) = (self.y, self.y + h);
        let (left, right) = (self.left(), self.right());
        self.line(left, top, right, top);
        self.line(left, bottom, right, bottom);
        let mut x = left;
        self.line(x, top, x, bottom);
        let lh = t.size * CELL_LEADING;
        for (i, w) in widths.iter().enumerate() {
            let text = row.get(i).map(String::as_str).unwrap_or("");
            let lines = self.cell_lines(t, *w, text, face);
            let block_h = lines.len() as f32 * lh;
            // Vertically centred in the row.
            let mut ly = top + (h - block_h) / 2.0;
            let align = if header {
                Align::Center
            } else {
                t.columns[i].align
            };
            for line in lines {
                let tw = self.m.width(face, t.size, &line);
                let tx = self.aligned_x(align, x + PAD_X, w - 2.0 * PAD_X, tw);
                let ty = baseline(ly, lh, t.size);
                self.text(tx, ty, face, t.size, line);
                ly += lh;
            }
            x += w;
            self.line(x, top, x, bottom);
        }
        self.y = bottom;
    }

    fn table(&mut self, t: &Table) {
        let widths = self.col_widths(t);
        let head = titles(t);
        let head_h = if t.header {
            self.row_height(t, &widths, &head, Face::SansBold)
        } else {
            0.0
        };
        let totals_h: f32 = t
            .totals
            .iter()
            .map(|r| self.row_height(t, &widths, r, Face::Sans))
            .sum();
        let first_h = t
            .rows
            .first()
            .map(|r| self.row_height(t, &widths, r, Face::Sans))
            .unwrap_or(totals_h);
        // The header never ends a page alone.
        self.need(head_h + first_h);
        if t.header {
            self.row(t, &widths, &head, Face::SansBold, true);
        }
        for (i, row) in t.rows.iter().enumerate() {
            let mut h = self.row_height(t, &widths, row, Face::Sans);
            if i + 1 == t.rows.len() {
                h += totals_h;
            }
            if self.y + h > self.bottom() + 0.01 {
                self.new_page();
                if t.header {
                    self.row(t, &widths, &head, Face::SansBold, true);
                }
            }
            self.row(t, &widths, row, Face::Sans, false);
        }
        if t.rows.is_empty() {
            self.need(totals_h);
        }
        for row in &t.totals {
            self.row(t, &widths, row, Face::Sans, false);
        }
    }
}

fn titles(t: &Table) -> Vec<String> {
    t.columns.iter().map(|c| c.title.clone()).collect()
}

/// Lays a form out on pages, then numbers them and adds the verification line and QR code.
pub fn paginate(m: &dyn Measure, doc: &FormDoc) -> Vec<Page> {
    let mut flow = Flow {
        m,
        doc,
        pages: Vec::new(),
        items: Vec::new(),
        y: doc.margins.top,
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        // A heading (a kept block) never ends a page without the start of what follows it.
        if let (Block::Keep(_), Some(next)) = (block, doc.blocks.get(i + 1)) {
            let h = flow.block_height(block) + flow.lead_height(next);
            flow.need(h);
        }
        flow.block(block);
    }
    if !flow.items.is_empty() || flow.pages.is_empty() {
        flow.new_page();
    }
    // Second pass: the number of pages is known now.
    let total = flow.pages.len();
    let footer = &doc.footer;
    let page = doc.page;
    let qr_side = (doc.margins.bottom - 14.0).clamp(30.0, 56.0);
    let qr_top = page.height - doc.margins.bottom + 7.0;
    let number_y = page.height - doc.margins.bottom + 16.0;
    let stamp_width = page.width - doc.margins.left - doc.margins.right - qr_side - 8.0;
    let stamp_lines = wrap(m, Face::Sans, STAMP_SIZE, &footer.stamp, stamp_width);
    for (n, p) in flow.pages.iter_mut().enumerate() {
        let (label, size) = match footer.numbers {
            PageNumbers::Form => (format!("第 {} 页 共 {total} 页", n + 1), 9.0),
            PageNumbers::Notice => (format!("— {} —", n + 1), 14.0),
        };
        let w = m.width(Face::Sans, size, &label);
        p.items.push(Item::Text {
            x: (page.width - w) / 2.0,
            y: number_y,
            face: Face::Sans,
            size,
            text: label,
        });
        for (i, line) in stamp_lines.iter().enumerate() {
            p.items.push(Item::Text {
                x: doc.margins.left,
                y: qr_top + qr_side - 2.0 - (stamp_lines.len() - 1 - i) as f32 * STAMP_SIZE * 1.3,
                face: Face::Sans,
                size: STAMP_SIZE,
                text: line.clone(),
            });
        }
        if let Some((modules, dark)) = &footer.qr {
            p.items.push(Item::Qr {
                x: page.width - doc.margins.right - qr_side,
                y: qr_top,
                side: qr_side,
                modules: *modules,
                dark: dark.clone(),
            });
        }
    }
    flow.pages
}
