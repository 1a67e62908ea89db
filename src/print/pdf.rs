//! The PDF renderer: pages of positioned boxes (from `layout`) into printpdf operations. Text is
//! split into runs by the face that has each character (fallback); fonts are subset on save.

use std::collections::HashMap;

use printpdf::{
    FontId, Line, LinePoint, Mm, OffsetDateTime, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use super::fonts::Fonts;
use super::layout::{Face, Item, Measure, Page};

/// Renders the pages to PDF bytes. Callers check coverage first (`Measure::missing`).
pub fn render(fonts: &Fonts, name: &str, pages: &[Page]) -> Vec<u8> {
    let mut doc = PdfDocument::new(name);
    doc.metadata.info.creation_date = OffsetDateTime::now_utc();
    doc.metadata.info.modification_date = OffsetDateTime::now_utc();
    doc.metadata.info.producer = "Fieldbook".into();
    doc.metadata.info.creator = "Fieldbook 乡镇电商帮扶台账".into();
    let mut ids: HashMap<Face, FontId> = HashMap::new();
    let mut pdf_pages = Vec::with_capacity(pages.len());
    for page in pages {
        let h = page.size.height;
        let mut ops = Vec::new();
        // Lines and QR modules first, then all text in one text section.
        ops.push(Op::SetOutlineColor {
            col: printpdf::Color::Rgb(printpdf::Rgb::new(0.0, 0.0, 0.0, None)),
        });
        let mut thickness = -1.0;
        for item in &page.items {
            match item {
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    if *width != thickness {
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        thickness = *width;
                    }
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: Point::new(Mm::from(Pt(*x1)), Mm::from(Pt(h - y1))),
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point::new(Mm::from(Pt(*x2)), Mm::from(Pt(h - y2))),
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Qr {
                    x,
                    y,
                    side,
                    modules,
                    dark,
                } => qr_ops(&mut ops, *x, h - y, *side, *modules, dark),
                Item::Text { .. } => {}
            }
        }
        ops.push(Op::StartTextSection);
        let mut current: Option<(Face, f32)> = None;
        for item in &page.items {
            let Item::Text {
                x,
                y,
                face,
                size,
                text,
            } = item
            else {
                continue;
            };
            let mut cx = *x;
            for (run_face, run) in runs(fonts, *face, text) {
                if current != Some((run_face, *size)) {
                    let id = ids
                        .entry(run_face)
                        .or_insert_with(|| doc.add_font(fonts.font(run_face)))
                        .clone();
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id),
                        size: Pt(*size),
                    });
                    current = Some((run_face, *size));
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(cx), Pt(h - y)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(run.clone())],
                });
                cx += fonts.width(run_face, *size, &run);
            }
        }
        ops.push(Op::EndTextSection);
        pdf_pages.push(PdfPage::new(
            Mm::from(Pt(page.size.width)),
            Mm::from(Pt(page.size.height)),
            ops,
        ));
    }
    doc.with_pages(pdf_pages);
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    doc.save(&opts, &mut Vec::new())
}

/// Splits text into runs printed by one face each.
fn runs(fonts: &Fonts, face: Face, text: &str) -> Vec<(Face, String)> {
    let mut out: Vec<(Face, String)> = Vec::new();
    for ch in text.chars() {
        let f = fonts.face_for(face, ch).unwrap_or(face);
        match out.last_mut() {
            Some((last, run)) if *last == f => run.push(ch),
            _ => out.push((f, ch.to_string())),
        }
    }
    out
}

/// Dark modules as filled rectangles, one per horizontal run. `top` is in PDF coordinates.
fn qr_ops(ops: &mut Vec<Op>, x: f32, top: f32, side: f32, modules: usize, dark: &[bool]) {
    if modules == 0 {
        return;
    }
    ops.push(Op::SetFillColor {
        col: printpdf::Color::Rgb(printpdf::Rgb::new(0.0, 0.0, 0.0, None)),
    });
    let cell = side / modules as f32;
    for row in 0..modules {
        let mut col = 0;
        while col < modules {
            if !dark[row * modules + col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < modules && dark[row * modules + col] {
                col += 1;
            }
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x + start as f32 * cell),
                    y: Pt(top - (row + 1) as f32 * cell),
                    width: Pt((col - start) as f32 * cell),
                    height: Pt(cell),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
    }
}
