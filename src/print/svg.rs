//! The same positioned boxes the PDF is drawn from, as SVG: the desktop app's preview shows
//! exactly what will print without a PDF viewer inside the WebView.

use super::layout::{Face, Item, Page};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn family(face: Face) -> (&'static str, &'static str) {
    match face {
        Face::Sans => ("'Noto Sans SC','Noto Sans CJK SC',sans-serif", "400"),
        Face::SansBold => ("'Noto Sans SC','Noto Sans CJK SC',sans-serif", "700"),
        Face::Serif => ("'Noto Serif SC','Noto Serif CJK SC',serif", "400"),
    }
}

/// One page as a standalone SVG in points (scale it with CSS width).
pub fn page_svg(page: &Page) -> String {
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.1} {h:.1}" width="{w:.0}" height="{h:.0}"><rect width="100%" height="100%" fill="#fff"/>"##,
        w = page.size.width,
        h = page.size.height
    );
    for item in &page.items {
        match item {
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                out += &format!(
                    r##"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="#000" stroke-width="{width}"/>"##
                )
            }
            Item::Text {
                x,
                y,
                face,
                size,
                text,
            } => {
                let (fam, weight) = family(*face);
                out += &format!(
                    r##"<text x="{x:.2}" y="{y:.2}" font-family="{fam}" font-weight="{weight}" font-size="{size}" xml:space="preserve">{}</text>"##,
                    escape(text)
                );
            }
            Item::Qr {
                x,
                y,
                side,
                modules,
                dark,
            } => {
                let cell = side / *modules as f32;
                let mut path = String::new();
                for (i, d) in dark.iter().enumerate() {
                    if *d {
                        let (r, c) = (i / modules, i % modules);
                        path += &format!(
                            "M{:.2} {:.2}h{cell:.2}v{cell:.2}h-{cell:.2}z",
                            x + c as f32 * cell,
                            y + r as f32 * cell
                        );
                    }
                }
                out += &format!(r##"<path d="{path}" fill="#000"/>"##);
            }
        }
    }
    out + "</svg>"
}
