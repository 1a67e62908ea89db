//! The CJK faces printing uses, loaded once per process from `assets/fonts/` (Noto Sans SC
//! Regular and Bold, Noto Serif SC Regular; SIL OFL 1.1, licences beside them). A character a
//! face lacks is taken from another face; one no face has is refused by the renderer with its
//! name, never printed as a silent box.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use printpdf::ParsedFont;

use super::layout::{Face, Measure};
use crate::error::{Error, Result};
use crate::Code;

const FILES: [(Face, &str); 3] = [
    (Face::Sans, "NotoSansSC-Regular.ttf"),
    (Face::SansBold, "NotoSansSC-Bold.ttf"),
    (Face::Serif, "NotoSerifSC-Regular.ttf"),
];

pub struct Fonts {
    faces: Vec<(Face, ParsedFont, f32)>,
    /// Advance in em per (face, char), filled as text is measured.
    cache: Mutex<HashMap<(Face, char), Option<f32>>>,
}

static FONTS: OnceLock<std::result::Result<Fonts, String>> = OnceLock::new();

/// The fonts, loaded on first use (≈ 35 MB read once; later calls are free).
pub fn fonts() -> Result<&'static Fonts> {
    FONTS
        .get_or_init(Fonts::load)
        .as_ref()
        .map_err(|reason| Error::Print {
            code: Code::PRINT_FONT,
            message: reason.clone(),
        })
}

/// Where the font files are: `FIELDBOOK_FONTS_DIR`, else `fonts/` beside the executable (an
/// unpacked Windows install), else `../share/fieldbook/fonts` from it (the `.deb`, which puts
/// the programs in `/usr/bin`), else the source tree's `assets/fonts/` (development, CI).
pub fn font_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FIELDBOOK_FONTS_DIR") {
        return PathBuf::from(dir);
    }
    let installed = std::env::current_exe().ok().and_then(|exe| {
        let bin = exe.parent()?.to_path_buf();
        [bin.join("fonts"), bin.join("../share/fieldbook/fonts")]
            .into_iter()
            .find(|dir| dir.join(FILES[0].1).is_file())
    });
    if let Some(dir) = installed {
        return dir;
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts"))
}

impl Fonts {
    fn load() -> std::result::Result<Fonts, String> {
        let dir = font_dir();
        let mut faces = Vec::new();
        for (face, file) in FILES {
            let path = dir.join(file);
            let bytes = std::fs::read(&path).map_err(|e| {
                format!(
                    "找不到打印用字体“{}”（{}）。请重新安装 Fieldbook，或用环境变量 FIELDBOOK_FONTS_DIR 指向字体目录。",
                    path.display(),
                    crate::error::io_reason(&e)
                )
            })?;
            let font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or_else(|| {
                format!(
                    "字体文件“{}”无法读取，请重新安装 Fieldbook。",
                    path.display()
                )
            })?;
            let upem = f32::from(font.pdf_font_metrics.units_per_em.max(1));
            faces.push((face, font, upem));
        }
        Ok(Fonts {
            faces,
            cache: Mutex::new(HashMap::new()),
        })
    }

    pub fn font(&self, face: Face) -> &ParsedFont {
        &self.entry(face).1
    }

    fn entry(&self, face: Face) -> &(Face, ParsedFont, f32) {
        self.faces
            .iter()
            .find(|(f, _, _)| *f == face)
            .expect("every face is loaded")
    }

    /// Advance of `ch` in `face` in em, `None` when the face has no glyph for it.
    fn advance_in(&self, face: Face, ch: char) -> Option<f32> {
        let mut cache = self.cache.lock().expect("font cache");
        *cache.entry((face, ch)).or_insert_with(|| {
            let (_, font, upem) = self.entry(face);
            font.lookup_glyph_index(ch as u32)
                .map(|gid| f32::from(font.get_horizontal_advance(gid)) / upem)
        })
    }

    /// The face that will print `ch` when `face` is asked for: itself, else the others in
    /// order (regular sans first), else none.
    pub fn face_for(&self, face: Face, ch: char) -> Option<Face> {
        if ch.is_control() {
            return Some(face);
        }
        std::iter::once(face)
            .chain([Face::Sans, Face::Serif, Face::SansBold])
            .find(|f| self.advance_in(*f, ch).is_some())
    }
}

impl Measure for Fonts {
    fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        text.chars()
            .map(|ch| {
                self.face_for(face, ch)
                    .and_then(|f| self.advance_in(f, ch))
                    .unwrap_or(1.0)
            })
            .sum::<f32>()
            * size
    }

    fn missing(&self, text: &str) -> Vec<char> {
        text.chars()
            .filter(|ch| self.face_for(Face::Sans, *ch).is_none())
            .collect()
    }
}
