//! `00-目录.pdf`: the archive's index — what it is of, when and where it was made, and every
//! document with its kind, date, pages and SHA-256 (in two lines, so it can be compared by
//! eye with `sha256sum`). The index is not a record's form: it carries no print-log stamp, its
//! own hash is in the manifest.

use super::{ArchiveFile, ArchiveManifest};
use crate::error::{Error, Result};
use crate::print::forms::{date_zh, form_doc, section, TableOf};
use crate::print::layout::{size, Block, Measure, A4_LANDSCAPE};
use crate::print::{fonts, layout, pdf};
use crate::Code;

fn sha_lines(sha: &str) -> String {
    if sha.len() == 64 {
        format!("{}\n{}", &sha[..32], &sha[32..])
    } else {
        sha.to_string()
    }
}

fn kind_label(f: &ArchiveFile) -> String {
    match (f.kind, f.form) {
        (Some(kind), Some(_)) => format!("{}（打印件）", kind.label()),
        (Some(kind), None) => format!("{}（原件）", kind.label()),
        (None, _) => String::new(),
    }
}

/// The index's blocks (a pure function of the manifest, tested without a PDF).
pub(super) fn blocks(manifest: &ArchiveManifest, missing: &[String], made_at: &str) -> Vec<Block> {
    let files = &manifest.files;
    let printed = files.iter().filter(|f| f.form.is_some()).count();
    let pages: u32 = files.iter().filter_map(|f| f.pages).sum();
    let scope = &manifest.scope;
    let mut blocks = vec![
        Block::title(format!("{}项目档案目录", scope.name), 16.0),
        Block::para(
            format!(
                "档案范围：{}“{}”（记录 {}）　　{}",
                scope.kind.label(),
                scope.name,
                scope.id,
                manifest.county
            ),
            size::WU,
        ),
        Block::para(
            format!(
                "生成时间：{made_at}　　设备：{}　　经办人：{}",
                manifest.device_id, manifest.officer
            ),
            size::WU,
        ),
        Block::para(
            format!(
                "共 {} 个文件：打印件 {printed} 份（由记录现场打印，可凭页脚校验码核验），原件 {} 个（按原样保存），合计 {pages} 页。另附 manifest.json 列出每个文件的大小和 SHA-256，可用“fieldbook archive verify”核对副本是否完整。",
                files.len(),
                files.len() - printed,
            ),
            size::WU,
        ),
        section("一、文件目录"),
        TableOf::new(files)
            .numbered(0.5)
            .left("文件", 3.9, |f| f.path.clone())
            .center("类别", 2.1, kind_label)
            .center("日期", 1.3, |f| {
                if f.date.is_empty() {
                    "—".into()
                } else {
                    date_zh(&f.date)
                }
            })
            .center("页数", 0.5, |f| {
                f.pages.map_or_else(|| "—".into(), |p| p.to_string())
            })
            .left("SHA-256", 2.8, |f| sha_lines(&f.sha256))
            .size(size::XIAO_WU)
            .block(),
    ];
    if !missing.is_empty() {
        blocks.push(section("二、本机没有的附件（记录中有，未收入本档案）"));
        for (n, m) in missing.iter().enumerate() {
            blocks.push(Block::para(format!("{}. {m}", n + 1), size::WU));
        }
    }
    blocks
}

/// Prints the index: the PDF and its pages. A character no font has is refused
/// (`PRINT_GLYPH_MISSING`), as on every form.
pub(super) fn print_index(
    manifest: &ArchiveManifest,
    missing: &[String],
    made_at: &chrono::DateTime<chrono::Local>,
) -> Result<(Vec<u8>, u32)> {
    let fonts = fonts::fonts()?;
    let made_at = made_at.format("%Y-%m-%d %H:%M").to_string();
    let mut doc = form_doc(
        format!("{} 项目档案目录", manifest.scope.name),
        A4_LANDSCAPE,
        blocks(manifest, missing, &made_at),
    );
    let mut texts = Vec::new();
    for block in &doc.blocks {
        block.texts(&mut texts);
    }
    let mut absent: Vec<char> = Vec::new();
    for t in texts {
        for c in fonts.missing(t) {
            if !absent.contains(&c) {
                absent.push(c);
            }
        }
    }
    if !absent.is_empty() {
        let chars: Vec<String> = absent
            .iter()
            .map(|c| format!("“{c}”(U+{:04X})", *c as u32))
            .collect();
        return Err(Error::Print {
            code: Code::PRINT_GLYPH_MISSING,
            message: format!(
                "项目档案目录中的字 {} 打印字库里没有，打出来会是空白方框，已停止生成档案。请核对记录或附件名称中的这些字后再生成。",
                chars.join("、")
            ),
        });
    }
    doc.footer.stamp = format!(
        "项目档案目录 · {} {} · 生成于 {made_at} · 文件以 manifest.json 核对",
        manifest.scope.kind.label(),
        manifest.scope.id
    );
    let pages = layout::paginate(fonts, &doc);
    Ok((pdf::render(fonts, &doc.name, &pages), pages.len() as u32))
}
