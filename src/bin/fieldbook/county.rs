//! `fieldbook county settings`: the county's own settings (today: whether public notices print
//! masked ID and phone numbers). Thin: the core checks who may change them.

use clap::{Args, ValueEnum};
use fieldbook::domain::notices::NoticePrivacy;
use fieldbook::{Error, Store};

use crate::console::print;

#[derive(Clone, Copy, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Args)]
pub struct SettingsArgs {
    /// Print masked ID and phone numbers (621221********1234, 138****1234) on every public
    /// notice of the county (on), or name, village/group and benefit only (off, the default)
    #[arg(long, value_enum, value_name = "on|off")]
    pub notice_masking: Option<OnOff>,
}

pub fn settings(store: &mut Store, args: &SettingsArgs, json: bool) -> Result<(), Error> {
    let settings = match args.notice_masking {
        Some(OnOff::On) => store.set_notice_masking(NoticePrivacy::Masked)?,
        Some(OnOff::Off) => store.set_notice_masking(NoticePrivacy::None)?,
        None => store.county_settings()?,
    };
    print(json, &settings, || {
        format!(
            "{} {}\n{}\n{}",
            settings.county_code,
            settings.county_name,
            settings.notice_masking_text(),
            if settings.can_change {
                "本数据库可修改县级设置（fieldbook county settings --notice-masking on|off）。"
            } else {
                "本机是乡镇电脑：县级设置由县里修改，随参考数据包发来。"
            }
        )
    });
    Ok(())
}
