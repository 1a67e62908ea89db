//! The checks' codes: one per distinct rule of DOMAIN.md "Fabrication checks" (F1–F11), spelled
//! as on the wire, each with its short Chinese title, why it matters and its severity. The UI
//! owns its own labels; these are what the CLI, the printed 核查情况表 and the stored findings say.

use serde::{Deserialize, Serialize};

/// How much a finding weighs for the county: high = likely fabrication that moves money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    High,
    Medium,
    Low,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    pub fn from_name(text: &str) -> Option<Severity> {
        [Severity::High, Severity::Medium, Severity::Low]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

macro_rules! check_codes {
    ($($code:ident => ($rule:literal, $severity:ident, $title:literal, $why:literal),)*) => {
        /// One integrity check, as on the wire (`"F3_TWO_TOWNSHIPS_ONE_DAY"`).
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum CheckCode {
            $($code,)*
        }

        impl CheckCode {
            /// Every check, in DOMAIN.md's order.
            pub const ALL: &'static [CheckCode] = &[$(CheckCode::$code,)*];

            /// The code as stored and sent: `"F3_TWO_TOWNSHIPS_ONE_DAY"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(CheckCode::$code => stringify!($code),)*
                }
            }

            /// The rule of DOMAIN.md it belongs to: `"F3"`.
            pub const fn rule(self) -> &'static str {
                match self {
                    $(CheckCode::$code => $rule,)*
                }
            }

            pub const fn severity(self) -> Severity {
                match self {
                    $(CheckCode::$code => Severity::$severity,)*
                }
            }

            /// A short Chinese title: 同一天在两个乡镇签到.
            pub const fn title(self) -> &'static str {
                match self {
                    $(CheckCode::$code => $title,)*
                }
            }

            /// Why it matters, in plain Chinese, for the officer who reviews it.
            pub const fn why(self) -> &'static str {
                match self {
                    $(CheckCode::$code => $why,)*
                }
            }
        }
    };
}

check_codes! {
    F1_ID_TWO_NAMES => ("F1", High, "同一身份证号对应两个姓名",
        "一个身份证号只属于一个人。同一号码登记成不同姓名，常见于编造或冒用身份信息，需核对原始证件。"),
    F1_NAME_TWO_IDS => ("F1", Medium, "同村同名却有两个身份证号",
        "同一村里同名的两个人各有号码，可能是两个人，也可能是一人被登记了两次或号码编造，需到村核实。"),
    F1_ID_INVALID => ("F1", Medium, "身份证号无效",
        "校验位或出生日期不对的号码不可能是真实证件号，可能是录入错误，也可能是编造。"),
    F2_HOUSEHOLD_MANY_ROSTERS => ("F2", Medium, "一户同年出现在多个主体的带贫名单",
        "同一户一年里被多个实施主体计入带贫，县里汇总只能算一次；户数过多时可能是借名凑数。"),
    F3_OVERLAPPING_SESSIONS => ("F3", High, "同一人同一时段在两场培训签到",
        "一个人不可能同时参加两场培训，签到表可能是代签或补造的。"),
    F3_TWO_TOWNSHIPS_ONE_DAY => ("F3", High, "同一人同一天在两个乡镇签到",
        "同一人上午在一个乡镇、下午在另一个乡镇参加培训极少见，往往是名单被两个乡镇重复使用。"),
    F4_OVER_PLANNED_HEADCOUNT => ("F4", Medium, "签到人数超过计划人数",
        "实到人数超过计划，可能是临时加人，也可能是名单被凑数，需核对签到原件。"),
    F4_OVER_VENUE_CAPACITY => ("F4", High, "签到人数超过场地容量",
        "场地容纳不下的人数不可能同时到场，签到表可能是编造的。"),
    F4_VILLAGE_OVER_ADULTS => ("F4", High, "一个村的学员多于该村登记的成年人",
        "一个村来的学员比村里登记的成年人还多，说明名单里有不属于这个村的人或虚构的人。"),
    F4_IDENTICAL_ROSTERS => ("F4", High, "不同场次签到名单完全相同",
        "不同场次来的人和签到顺序一模一样，通常是复制粘贴的名单，而不是现场签到。"),
    F4_FULL_ATTENDANCE_LONG_COURSE => ("F4", Low, "多日培训每天全员到齐",
        "多日培训每一天每个人都到，现实中很少见，可能是按名单统一补签。"),
    F5_SHARED_PHONE => ("F5", High, "多名学员共用一个手机号",
        "多人登记同一个手机号，回访时无法联系到本人，常见于代填或编造名单。"),
    F5_PHONE_RUN => ("F5", High, "学员手机号连号",
        "一串连续的手机号几乎不可能属于互不相识的学员，常见于编造号码。"),
    F5_ID_ORDER => ("F5", Medium, "签到名单按身份证号顺序排列",
        "现场签到的顺序是随机的；按身份证号排好的名单多半是从台账导出后补签的。"),
    F5_SHARED_BIRTHDAY => ("F5", Medium, "多名学员生日相同",
        "一场培训里很多人同一天出生很罕见，可能是身份证号被编造。"),
    F6_POOR_NOT_REGISTERED => ("F6", High, "标为脱贫（监测）户但不在农户台账",
        "学员被标为脱贫户或监测户，却查不到对应的在册农户，带贫人数可能被虚增。"),
    F6_REGISTERED_NOT_MARKED => ("F6", Low, "在册脱贫（监测）户学员未标注",
        "学员是在册的脱贫户或监测户，签到却没有标注，会少算带贫人数，需更正。"),
    F7_MINOR_SIGNED => ("F7", High, "协议由未成年人签署",
        "未成年人不能独立签署带贫协议，签署人信息可能有误或被冒用。"),
    F7_TRAINEE_AGE => ("F7", Medium, "学员年龄不在16至75岁之间",
        "培训对象应是劳动年龄人口，年龄异常可能是身份证号填错或借用他人身份。"),
    F8_OUTSIDE_TERM => ("F8", Medium, "台账日期不在协议期限内",
        "协议期外的收购或分红不算带贫成效，也可能是补记或编造。"),
    F8_OUT_OF_SEASON => ("F8", Medium, "台账日期不在产品上市季节",
        "产品不在季节却有收购记录，可能是编造的台账。"),
    F8_BELOW_MARKET_PRICE => ("F8", High, "收购价低于市场价",
        "协议承诺保护价收购；低于市场价收购违背承诺，损害农户利益。"),
    F8_ROUND_AMOUNTS => ("F8", Medium, "多户金额完全相同且为整数",
        "不同农户的交易金额恰好相同而且是整数，多半是按名单平均分摊、编造的台账。"),
    F8_INCOME_ABOVE_LEDGER => ("F8", High, "申报增收高于台账合计",
        "申报的增收金额超过台账记录的实际支付，增收数据可能被夸大。"),
    F8_LATE_PAYMENT => ("F8", Medium, "付款晚于协议约定期限",
        "协议约定了付款期限，逾期付款损害农户利益，需督促整改。"),
    F9_ACCEPTED_BEFORE_COMPLETION => ("F9", High, "验收早于项目完成",
        "项目还没完成就验收，验收结论不可信。"),
    F9_PAID_BEFORE_ACCEPTANCE => ("F9", High, "验收前已拨付资金",
        "应在验收合格后拨付的资金提前拨付，违反资金管理规定。"),
    F9_PAID_BEFORE_NOTICE_END => ("F9", High, "公示期未满已拨付资金",
        "公示期内群众还可以提出异议，期满前拨付资金违反公示程序。"),
    F9_SHORT_NOTICE => ("F9", Medium, "公示期少于10天",
        "公示期不足，群众来不及监督，公示程序不合规。"),
    F9_INSPECTOR_TWO_SITES => ("F9", High, "同一核验人员同一天在相距较远的两地核验",
        "一个人一天内难以到达两处相距很远的现场，核验记录可能没有实地进行。"),
    F10_PHOTO_REUSED => ("F10", High, "同一张照片用于不同现场或场次",
        "内容完全相同的照片出现在两处，说明至少一处的现场照片不是真实拍摄的。"),
    F11_CALLBACK_DENIED => ("F11", High, "回访中农户否认",
        "被抽中回访的农户否认签过协议、收到过款项或参加过培训，记录可能是编造的。"),
    F11_RECHECK_FAILED => ("F11", High, "县级复核不合格",
        "县里复核发现与乡镇上报的结果不符，上报结果不可信。"),
}

impl CheckCode {
    pub fn from_name(text: &str) -> Option<CheckCode> {
        CheckCode::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl std::fmt::Display for CheckCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
