//! `fieldbook county create|rename|settings`, `fieldbook places add-township|rename|retire` and
//! `fieldbook officer`: starting a county for real, its place tree, its settings (today: whether
//! public notices print masked ID and phone numbers), and who this device's officer is. Thin:
//! the core checks everything.

use clap::{Args, Subcommand, ValueEnum};
use fieldbook::domain::notices::NoticePrivacy;
use fieldbook::domain::places::{Place, PlaceKind};
use fieldbook::{Error, Store};

use crate::console::print;

#[derive(Args)]
pub struct CreateArgs {
    /// The county's 6-digit statistical code (GB/T 2260), e.g. 654224
    #[arg(long)]
    pub code: String,
    /// The county's real name, e.g. 托里县
    #[arg(long)]
    pub name: String,
}

pub fn create(store: &mut Store, args: &CreateArgs, json: bool) -> Result<(), Error> {
    let county = store.create_county(&args.code, &args.name)?;
    print(json, &county, || {
        format!(
            "已设置本县：{}（{}）。下一步：导入乡镇和村（fieldbook import 统计用区划代码表.xlsx --kind places），或逐个添加乡镇（fieldbook places add-township）。",
            county.name, county.code
        )
    });
    Ok(())
}

pub fn rename(store: &mut Store, name: &str, json: bool) -> Result<(), Error> {
    let county = store.rename_county(name)?;
    print(json, &county, || {
        format!("县名已改为：{}（{}）", county.name, county.code)
    });
    Ok(())
}

pub fn add_township(store: &mut Store, code: &str, name: &str, json: bool) -> Result<(), Error> {
    let township = store.add_township(code, name)?;
    print(json, &township, || {
        format!("已新增乡镇：{}（{}）", township.name, township.code)
    });
    Ok(())
}

pub fn rename_place(store: &mut Store, code: &str, name: &str, json: bool) -> Result<(), Error> {
    let place = store.rename_place(code, name)?;
    print(json, &place, || {
        format!(
            "{}（{}）已改名为：{}",
            kind_label(&place),
            place.code,
            place.name
        )
    });
    Ok(())
}

pub fn retire_place(store: &mut Store, code: &str, json: bool) -> Result<(), Error> {
    let place = store.retire_place(code)?;
    print(json, &place, || {
        format!(
            "已停用{}{}（{}）：已有记录仍显示它，新记录不再能选它。",
            kind_label(&place),
            place.name,
            place.code
        )
    });
    Ok(())
}

fn kind_label(place: &Place) -> &'static str {
    match place.kind {
        PlaceKind::County => "县",
        PlaceKind::Township => "乡镇",
        PlaceKind::Village => "村",
    }
}

#[derive(Subcommand)]
pub enum OfficerCommand {
    /// Remember the officer who uses this device: the change log names them from now on
    Set { name: String },
    /// The name writes are recorded under, and whether it was set
    Show,
}

pub fn officer(store: &mut Store, command: &OfficerCommand, json: bool) -> Result<(), Error> {
    if let OfficerCommand::Set { name } = command {
        store.save_officer(name)?;
    }
    let answer = serde_json::json!({
        "officer": store.officer(),
        "saved": store.officer_saved()?,
    });
    print(json, &answer, || {
        if store.officer_saved().unwrap_or(false) {
            format!("经办人：{}（变更记录以此署名）", store.officer())
        } else {
            format!(
                "尚未设置经办人，变更记录暂署名“{}”。请运行 fieldbook officer set 姓名。",
                store.officer()
            )
        }
    });
    Ok(())
}

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
    /// Lock an encrypted database in the desktop app after this many minutes without input
    /// (0 = never, at most 480; 15 unless set). A plain database never locks: it has no
    /// passphrase to ask
    #[arg(long, value_name = "MINUTES")]
    pub idle_lock_minutes: Option<u32>,
}

pub fn settings(store: &mut Store, args: &SettingsArgs, json: bool) -> Result<(), Error> {
    // The idle lock first: its range check is the only refusal the other setting does not
    // share, so a refused command writes nothing.
    if let Some(minutes) = args.idle_lock_minutes {
        store.set_idle_lock_minutes(minutes)?;
    }
    let settings = match args.notice_masking {
        Some(OnOff::On) => store.set_notice_masking(NoticePrivacy::Masked)?,
        Some(OnOff::Off) => store.set_notice_masking(NoticePrivacy::None)?,
        None => store.county_settings()?,
    };
    print(json, &settings, || {
        format!(
            "{} {}\n{}\n{}\n{}",
            settings.county_code,
            settings.county_name,
            settings.notice_masking_text(),
            settings.idle_lock_text(),
            if settings.can_change {
                "本数据库可修改县级设置（fieldbook county settings --notice-masking on|off \
                 --idle-lock-minutes 分钟数）。"
            } else {
                "本机是乡镇电脑：县级设置由县里修改，随参考数据包发来。"
            }
        )
    });
    Ok(())
}
