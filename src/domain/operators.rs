//! Operators (实施主体): the shops, enterprises, cooperatives, supply centres, service stations
//! and training providers that programmes fund and agreements bind.

use serde::{Deserialize, Serialize};

use super::places::{optional_text, required_text};
use super::{credit_code, phone, Invalid, Invalids, Problems};
use crate::Code;

super::kinds::kind_code! {
    /// An operator kind: a code of the county's operator list (`kind_option`, list
    /// 'operator'); the constants are the seeded defaults.
    OperatorKind {
        DemoShop = "demo_shop",
        Enterprise = "enterprise",
        Cooperative = "cooperative",
        SupplyCentre = "supply_centre",
        ServiceStation = "service_station",
        TrainingProvider = "training_provider",
        OnlineShop = "online_shop",
        Logistics = "logistics",
        PublicServiceCentre = "public_service_centre",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OperatorInput {
    pub kind: OperatorKind,
    pub name: String,
    #[serde(default)]
    pub credit_code: String,
    #[serde(default)]
    pub person_in_charge: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub village_id: Option<String>,
    /// Online shop platform: 淘宝, 京东, 拼多多, 微信小店 …
    #[serde(default)]
    pub platform: String,
    /// Online shop address (URL or shop name on the platform).
    #[serde(default)]
    pub shop_url: String,
}

/// A normalised operator input and the warnings it raised (a credit code failing its check).
#[derive(Debug)]
pub struct ValidOperator {
    pub input: OperatorInput,
    pub warnings: Vec<Invalid>,
}

impl OperatorInput {
    /// Every problem of the input at once (`Invalids`), or the operator normalised.
    /// `requires_online_shop` is the flag of the operator's kind in the county's list.
    pub fn validated(&self, requires_online_shop: bool) -> Result<ValidOperator, Invalids> {
        let mut problems = Problems::new();
        let mut warnings = Vec::new();
        // The standard plaque name "成县XX镇XX村电商扶贫示范店+网店名" runs long.
        let name = problems.take(required_text(&self.name, "name", "名称", 60));
        let credit_code = match self.credit_code.trim() {
            "" => Some(String::new()),
            raw => problems
                .take(credit_code::check(raw, "creditCode"))
                .map(|(code, warning)| {
                    warnings.extend(warning);
                    code
                }),
        };
        let person_in_charge = problems.take(optional_text(
            &self.person_in_charge,
            "personInCharge",
            "负责人",
            20,
        ));
        let phone = match self.phone.trim() {
            "" => Some(String::new()),
            raw => problems.take(phone::phone(raw, "phone")),
        };
        let platform = problems.take(optional_text(&self.platform, "platform", "网店平台", 30));
        let shop_url = problems.take(shop_url(&self.shop_url));
        let no_shop = platform.as_deref() == Some("") && shop_url.as_deref() == Some("");
        if requires_online_shop && no_shop {
            warnings.push(Invalid::new(
                Code::OPERATOR_NO_SHOP,
                "platform",
                "这类实施主体（如示范店、个体网商）须由开设网店的人经营：请填写网店平台和网店地址。",
            ));
        }
        let taken = (|| {
            Some((
                name?,
                credit_code?,
                person_in_charge?,
                phone?,
                platform?,
                shop_url?,
            ))
        })();
        let (name, credit_code, person_in_charge, phone, platform, shop_url) =
            problems.done(taken)?;
        Ok(ValidOperator {
            input: OperatorInput {
                kind: self.kind.clone(),
                name,
                credit_code,
                person_in_charge,
                phone,
                village_id: super::optional_id(&self.village_id),
                platform,
                shop_url,
            },
            warnings,
        })
    }
}

/// The shop's web address: empty, or an http(s) address with a host and no spaces. Officers
/// paste it from the browser; a shop name belongs in 网店平台, not here.
fn shop_url(raw: &str) -> Result<String, Invalid> {
    let url = optional_text(raw, "shopUrl", "网店地址", 200)?;
    if url.is_empty() {
        return Ok(url);
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let host_ok = host.is_some_and(|h| {
        let h = h.rsplit('@').next().unwrap_or(h);
        let name = h.split(':').next().unwrap_or(h);
        name.contains('.')
            && !name.starts_with('.')
            && !name.ends_with('.')
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
    });
    if !host_ok || url.chars().any(char::is_whitespace) {
        return Err(Invalid::new(
            Code::OPERATOR_SHOP_URL,
            "shopUrl",
            format!(
                "网店地址“{url}”不是有效的网址：请从浏览器地址栏复制完整地址（以 https:// 或 http:// 开头，如 https://shop.example.com/123）；没有网店请留空。"
            ),
        ));
    }
    Ok(url)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Operator {
    pub id: String,
    pub kind: OperatorKind,
    pub kind_label: String,
    pub name: String,
    pub credit_code: String,
    pub person_in_charge: String,
    pub phone: String,
    pub village_id: Option<String>,
    /// 鸡峰镇长沟村, or empty when the operator is not tied to a village.
    pub place: String,
    pub platform: String,
    pub shop_url: String,
    pub agreement_count: u32,
    pub status: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shop() -> OperatorInput {
        OperatorInput {
            kind: OperatorKind::DemoShop,
            name: "成县鸡峰镇长沟村电商扶贫示范店".into(),
            credit_code: "91350100m000100y43".into(),
            person_in_charge: "李明".into(),
            phone: "0939-3212345".into(),
            village_id: Some("v".into()),
            platform: "拼多多".into(),
            shop_url: "https://pinduoduo.com/shop/1".into(),
        }
    }

    #[test]
    fn a_valid_shop_is_normalised_without_warnings() {
        let valid = shop().validated(true).unwrap();
        assert_eq!(valid.input.credit_code, "91350100M000100Y43");
        assert!(valid.warnings.is_empty());
    }

    #[test]
    fn a_failed_credit_code_check_and_a_shop_without_platform_are_warnings() {
        let mut input = shop();
        input.credit_code = "91350100M000100Y44".into();
        input.platform.clear();
        input.shop_url.clear();
        let codes: Vec<_> = input
            .validated(true)
            .unwrap()
            .warnings
            .iter()
            .map(|w| w.code)
            .collect();
        assert_eq!(codes, [Code::CREDIT_CODE_CHECK, Code::OPERATOR_NO_SHOP]);
    }

    #[test]
    fn bad_shape_and_bad_phone_are_errors() {
        let mut input = shop();
        input.credit_code = "91350100O000100Y43".into();
        assert_eq!(
            input.validated(true).err().unwrap().code(),
            Code::CREDIT_CODE_SHAPE
        );
        let mut input = shop();
        input.phone = "555".into();
        assert_eq!(input.validated(true).err().unwrap().field(), "phone");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut input = shop();
        input.name = " ".into();
        input.phone = "555".into();
        input.shop_url = "not a url".into();
        let e = input.validated(true).unwrap_err();
        let fields: Vec<_> = e.all().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "phone", "shopUrl"]);
    }

    #[test]
    fn a_shop_url_is_an_http_address_or_empty() {
        for ok in [
            "",
            "https://pinduoduo.com/shop/1",
            "http://shop.jd.com",
            " HTTPS://Mall.Taobao.com/?id=3 ",
            "https://微店.中国/店",
        ] {
            let mut input = shop();
            input.shop_url = ok.into();
            assert!(input.validated(true).is_ok(), "{ok}");
        }
        for bad in [
            "not a url",
            "pinduoduo.com/shop/1",
            "https://",
            "https://localhost",
            "ftp://shop.example.com",
            "https://shop .example.com",
            "https://.com",
        ] {
            let mut input = shop();
            input.shop_url = bad.into();
            let e = input.validated(true).unwrap_err();
            assert_eq!(
                (e.code(), e.field()),
                (Code::OPERATOR_SHOP_URL, "shopUrl"),
                "{bad}"
            );
        }
    }
}
