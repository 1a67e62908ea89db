//! Members of a registered household (家庭成员): the people besides the head whose ID numbers
//! make a trainee poor (DOMAIN.md "Counting rules": poor trainees are matched on the ID of any
//! member of a registered household). Sex and birth date are never typed: they come from the ID.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::places::required_name;
use super::resident_id::{ParsedId, ResidentId};
use super::training::Sex;
use super::{Invalid, Invalids, Problems};
use crate::Code;

/// How a member is related to the head of the household (与户主关系).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// 户主: the household record itself; only a spreadsheet row repeating the head uses it.
    Head,
    Spouse,
    Child,
    Parent,
    Grandchild,
    Sibling,
    Other,
}

impl Relation {
    pub const ALL: [Relation; 7] = [
        Relation::Head,
        Relation::Spouse,
        Relation::Child,
        Relation::Parent,
        Relation::Grandchild,
        Relation::Sibling,
        Relation::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Relation::Head => "head",
            Relation::Spouse => "spouse",
            Relation::Child => "child",
            Relation::Parent => "parent",
            Relation::Grandchild => "grandchild",
            Relation::Sibling => "sibling",
            Relation::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Relation::Head => "户主",
            Relation::Spouse => "配偶",
            Relation::Child => "子女",
            Relation::Parent => "父母",
            Relation::Grandchild => "孙子女",
            Relation::Sibling => "兄弟姐妹",
            Relation::Other => "其他",
        }
    }

    pub fn from_code(code: &str) -> Relation {
        Relation::ALL
            .into_iter()
            .find(|r| r.code() == code)
            .unwrap_or(Relation::Other)
    }

    /// A relation as a register spreadsheet writes it: the label, the code, or the usual finer
    /// words (妻、长子、之女、母亲 …) folded into the list.
    pub fn parse(raw: &str, field: &'static str) -> Result<Relation, Invalid> {
        let raw = raw.trim();
        let by_word = |words: &[&str]| words.iter().any(|w| raw.contains(w));
        let found = Relation::ALL
            .into_iter()
            .find(|r| r.label() == raw || r.code().eq_ignore_ascii_case(raw))
            .or_else(|| {
                if raw == "本人" || raw == "户主本人" {
                    Some(Relation::Head)
                } else if by_word(&["媳", "婿", "侄", "甥", "嫂", "姐夫", "妹夫", "其他", "其它"])
                {
                    // In-laws, nephews and nieces: not on the list's lines, but members all the same.
                    Some(Relation::Other)
                } else if by_word(&["孙"]) {
                    Some(Relation::Grandchild)
                } else if ["配偶", "妻", "妻子", "夫", "丈夫", "爱人", "老伴"].contains(&raw)
                {
                    Some(Relation::Spouse)
                } else if by_word(&["子", "女", "儿"]) {
                    Some(Relation::Child)
                } else if by_word(&["父", "母"]) {
                    Some(Relation::Parent)
                } else if by_word(&["兄", "弟", "姐", "妹"]) {
                    Some(Relation::Sibling)
                } else {
                    None
                }
            });
        found.ok_or_else(|| {
            Invalid::new(
                Code::MEMBER_RELATION,
                field,
                format!(
                    "与户主关系“{raw}”无法识别，应是以下之一：配偶、子女、父母、孙子女、兄弟姐妹、其他。"
                ),
            )
        })
    }
}

/// What the officer types for a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemberInput {
    pub household_id: String,
    pub name: String,
    pub id_number: String,
    /// A relation code (`spouse`, `child` …) or its label (配偶、子女 …).
    pub relation: String,
}

/// A member input that passed every check that needs no database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMember {
    pub household_id: String,
    pub name: String,
    pub id: ParsedId,
    pub relation: Relation,
}

impl ValidMember {
    pub fn sex(&self) -> Sex {
        Sex::from_male(self.id.male)
    }
    pub fn birth_date(&self) -> NaiveDate {
        self.id.birth_date
    }
}

impl MemberInput {
    /// Every problem of the input at once, or the member normalised. The head is the household
    /// record itself, so `Head` is refused here (`MEMBER_IS_HEAD`).
    pub fn validated(&self, today: NaiveDate) -> Result<ValidMember, Invalids> {
        let mut problems = Problems::new();
        let household_id = self.household_id.trim().to_string();
        problems.check(
            household_id.is_empty(),
            Code::MEMBER_HOUSEHOLD,
            "householdId",
            "请选择成员所在的农户。",
        );
        let name = problems.take(required_name(&self.name, "name", "成员姓名"));
        let id = problems.take(ResidentId::parse(&self.id_number, "idNumber", today));
        let relation = match problems.take(Relation::parse(&self.relation, "relation")) {
            Some(Relation::Head) => {
                problems.take::<()>(Err(Invalid::new(
                    Code::MEMBER_IS_HEAD,
                    "relation",
                    "户主已登记在农户中，不需再加为成员；请选择成员与户主的关系（配偶、子女等）。",
                )));
                None
            }
            other => other,
        };
        let taken = (|| Some((name?, id?, relation?)))();
        let (name, id, relation) = problems.done(taken)?;
        Ok(ValidMember {
            household_id,
            name,
            id,
            relation,
        })
    }
}

/// A member as the household's page lists it: the ID masked, like every list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HouseholdMember {
    pub id: String,
    pub household_id: String,
    pub name: String,
    pub id_masked: String,
    pub relation: Relation,
    pub sex: Sex,
    /// `YYYY-MM-DD`
    pub birth_date: String,
    pub status: String,
}

/// What the register knows of an ID number, for the sign-in desk to fill in: the person's name
/// (head or member), sex, village and household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RegisterPerson {
    pub name: String,
    pub sex: Sex,
    pub birth_date: String,
    pub relation: Relation,
    pub household_id: String,
    pub head_name: String,
    pub township_id: String,
    pub village_id: String,
    pub village_name: String,
    pub category_label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn input() -> MemberInput {
        MemberInput {
            household_id: "h".into(),
            name: " 李四 ".into(),
            id_number: "11010520100101002x".into(),
            relation: "子女".into(),
        }
    }

    #[test]
    fn sex_and_birth_date_come_from_the_id() {
        let mut i = input();
        i.id_number = "110105201001010011".into();
        i.id_number = format!(
            "{}{}",
            &i.id_number[..17],
            crate::domain::resident_id::check_char(&i.id_number[..17])
        );
        let valid = i.validated(today()).unwrap();
        assert_eq!(valid.name, "李四");
        assert_eq!(valid.sex(), Sex::Male);
        assert_eq!(
            valid.birth_date(),
            NaiveDate::from_ymd_opt(2010, 1, 1).unwrap()
        );
        assert_eq!(valid.relation, Relation::Child);
    }

    #[test]
    fn every_problem_at_once_and_the_head_is_not_a_member() {
        let i = MemberInput {
            household_id: " ".into(),
            name: "".into(),
            id_number: "110105194912310021".into(),
            relation: "户主".into(),
        };
        let e = i.validated(today()).unwrap_err();
        let got: Vec<_> = e.all().iter().map(|p| (p.code, p.field)).collect();
        assert_eq!(
            got,
            [
                (Code::MEMBER_HOUSEHOLD, "householdId"),
                (Code::NAME_EMPTY, "name"),
                (Code::ID_CHECK_DIGIT, "idNumber"),
                (Code::MEMBER_IS_HEAD, "relation"),
            ]
        );
    }

    #[test]
    fn relations_as_registers_write_them() {
        for (raw, want) in [
            ("妻", Relation::Spouse),
            ("长子", Relation::Child),
            ("之女", Relation::Child),
            ("孙女", Relation::Grandchild),
            ("母亲", Relation::Parent),
            ("弟弟", Relation::Sibling),
            ("儿媳", Relation::Other),
            ("姐夫", Relation::Other),
            ("侄子", Relation::Other),
            ("外孙女", Relation::Grandchild),
            ("丈夫", Relation::Spouse),
            ("之子", Relation::Child),
            ("grandchild", Relation::Grandchild),
        ] {
            assert_eq!(Relation::parse(raw, "relation").unwrap(), want, "{raw}");
        }
        let e = Relation::parse("邻居", "relation").unwrap_err();
        assert_eq!(e.code, Code::MEMBER_RELATION);
    }
}
