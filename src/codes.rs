//! Every stable error and warning code of Fieldbook, in one place. A code is part of the public
//! contract: the UI picks labels and places by it, scripts read it from `--json`, tests assert
//! it, and sync reports keep it. The variants are written exactly as the wire codes
//! (`Code::DATE_INVALID` is `"DATE_INVALID"` in JSON and in TypeScript), so grepping a code finds
//! the Rust that raises it, the UI that reads it and the tests that expect it.
//!
//! Adding a code: add the variant here, in its group. Never rename or reuse one: stored import
//! reports and older laptops still carry it.

use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($($code:ident,)*) => {
        /// A stable error or warning code (`Error::code()`, `Invalid`, `Warning`, import problems,
        /// sync refusals, the desktop's `IpcError`). Serialised as its name.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum Code {
            $($code,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// The code as it travels: `"DATE_INVALID"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }
        }
    };
}

codes! {
    // The store, its files and the shell
    DEMO_DATA,
    INPUT_JSON,
    INTERNAL,
    IO,
    LOG_BROKEN,
    NO_VIEWER,
    NOT_FOUND,
    REFERENCE_MISSING,
    STORE_ALREADY_ENCRYPTED,
    STORE_CANNOT_OPEN,
    STORE_DEMO_PLAIN,
    STORE_ENCRYPT_VERIFY,
    STORE_IN_USE,
    STORE_LOCKED,
    STORE_MIGRATION_FAILED,
    STORE_NOT_A_DATABASE,
    STORE_NOT_CREATED,
    STORE_NOT_ENCRYPTED,
    STORE_PASSPHRASE_MISMATCH,
    STORE_PASSPHRASE_MISSING,
    STORE_PASSPHRASE_WEAK,
    STORE_PASSPHRASE_WRONG,
    STORE_SQLITE,
    STORE_TOO_NEW,
    USAGE,

    // Backups and restoring them (store/backup)
    BACKUP_CORRUPT,
    BACKUP_COUNTS_DIFFER,
    BACKUP_DATABASE_MISSING,
    BACKUP_FORMAT_NEWER,
    BACKUP_HASH_MISMATCH,
    BACKUP_INTEGRITY,
    BACKUP_LOG_BROKEN,
    BACKUP_LOG_HEAD_DIFFERS,
    BACKUP_MANIFEST_INVALID,
    BACKUP_MANIFEST_MISSING,
    BACKUP_NOT_A_BACKUP,
    BACKUP_OUT_NOT_A_BACKUP,
    BACKUP_PASSPHRASE_NEEDED,
    BACKUP_SAME_FILE,
    BACKUP_TARGET_EXISTS,

    // The write path: record state
    RECORD_APPEND_ONLY,
    RECORD_DELETED,
    RECORD_EXISTS,
    RECORD_LOCKED,
    RECORD_OTHER_TOWNSHIP,
    RECORD_STATUS,
    // Record lifecycle: submit, void, lock
    RECORD_BACK_TO_DRAFT,
    RECORD_IN_USE,
    RECORD_VOIDED,
    VOID_REASON_REQUIRED,
    VOID_REASON_TOO_LONG,

    // Values shared by many forms
    AMOUNT_NOT_POSITIVE,
    ATTACHMENT_ENCODING,
    ATTACHMENT_SIZE,
    ATTACHMENT_TYPE,
    DATE_INVALID,
    MONEY_INVALID,
    MONEY_PRECISION,
    NAME_CONTROL,
    NAME_EMPTY,
    NAME_TOO_LONG,
    NUMBER_INVALID,
    NUMBER_NEGATIVE,
    NUMBER_PRECISION,
    PHONE_INVALID,

    // Resident ID numbers (GB 11643) and credit codes (GB 32100)
    CREDIT_CODE_CHECK,
    CREDIT_CODE_SHAPE,
    ID_15_DIGITS,
    ID_AS_NUMBER,
    ID_BIRTH_DATE,
    ID_CHARS,
    ID_CHECK_DIGIT,
    ID_EMPTY,
    ID_LENGTH,
    ID_OLD_15,
    ID_REGION,
    ID_SCIENTIFIC,

    // Places and the county
    COUNTY_DEMO,
    COUNTY_EXISTS,
    COUNTY_IDLE_LOCK,
    COUNTY_MISSING,
    COUNTY_SETTING_DEVICE,
    PLACE_CODE_DUPLICATE,
    PLACE_CODE_SHAPE,
    PLACE_CODE_TOWNSHIP,
    PLACE_COUNTY,
    PLACE_NAME_DUPLICATE,
    PLACE_HAS_VILLAGES,
    PLACE_POOR_FLAG,
    PLACE_RETIRED,
    PLACE_TOWNSHIP_UNKNOWN,
    VILLAGE_UNKNOWN,

    // The county's lists of programme and operator kinds
    KIND_CODE,
    KIND_DEVICE,
    KIND_DUPLICATE,
    KIND_LABEL,
    KIND_SUBJECT,

    // Households
    CATEGORY_CODE,
    HOUSEHOLD_CATEGORY,
    HOUSEHOLD_ID_DUPLICATE,
    HOUSEHOLD_NAME_TWICE,
    HOUSEHOLD_NOTES,
    HOUSEHOLD_SIZE,
    HOUSEHOLD_VILLAGE,
    HOUSEHOLD_YEAR_LIFTED,
    MEMBER_HOUSEHOLD,
    MEMBER_IS_HEAD,
    MEMBER_RELATION,

    // Operators
    OPERATOR_KIND,
    OPERATOR_KIND_UNKNOWN,
    OPERATOR_NO_SHOP,
    OPERATOR_SHOP_URL,
    OPERATOR_VILLAGE,

    // Agreements, rosters and ledgers
    AGREEMENT_MODES,
    AGREEMENT_NUMBER_DUPLICATE,
    AGREEMENT_OPERATOR,
    AGREEMENT_PRICE,
    AGREEMENT_TARGET_BELOW_RULE,
    AGREEMENT_TERM,
    AGREEMENT_TERM_EXCLUDES_LEDGER,
    AGREEMENT_YEAR,
    AGREEMENT_YEAR_TERM,
    AGREEMENT_PROGRAMME_UNKNOWN,
    AGREEMENT_PROGRAMME_YEAR,
    LEDGER_ALREADY_REVERSED,
    LEDGER_BELOW_MARKET,
    LEDGER_BELOW_PROMISE,
    LEDGER_NOT_IN_ROSTER,
    LEDGER_OUTSIDE_TERM,
    LEDGER_REVERSE_REVERSAL,
    LEDGER_DELIVERED_AFTER_PAYMENT,
    LEDGER_DELIVERED_FUTURE,
    ROSTER_DUPLICATE,
    ROSTER_HAS_LEDGER,
    ROSTER_HOUSEHOLD,
    ROSTER_MODE,
    ROSTER_NAME_MISMATCH,
    ROSTER_OTHER_AGREEMENT,
    ROSTER_OTHER_OPERATOR,
    ROSTER_REMOVED,

    // Funds: applications, awards, payments through the gate, recovery and bans
    FUND_ALREADY_REVERSED,
    FUND_AMOUNT,
    FUND_AMOUNT_ABOVE_RULE,
    FUND_AMOUNT_BELOW_RULE,
    FUND_APPLICATION_DECIDED,
    FUND_APPLICATION_DUPLICATE,
    FUND_APPLICATION_NOT_APPROVED,
    FUND_AWARD_DUPLICATE,
    FUND_AWARD_MISSING,
    FUND_AWARD_PAID,
    FUND_BAN_LIFT_REASON,
    FUND_BAN_LIFTED,
    FUND_BAN_REASON,
    FUND_CAP_SHARE,
    FUND_CLASS,
    FUND_DECISION_REASON,
    FUND_DEVICE,
    FUND_DOCUMENT,
    FUND_DUE_DATE,
    FUND_GATE_ACCEPTANCE_FAILED,
    FUND_GATE_BANNED,
    FUND_GATE_INDICATORS,
    FUND_GATE_NO_ACCEPTANCE,
    FUND_GATE_NO_CONTRACT,
    FUND_GATE_NO_NOTICE,
    FUND_GATE_NOT_DECIDED,
    FUND_GATE_NOT_LOCKED,
    FUND_GATE_NOTICE_RUNNING,
    FUND_GATE_OBJECTION_OPEN,
    FUND_GATE_PREVIOUS_TRANCHE,
    FUND_GATE_RECHECK_FAILED,
    FUND_GATE_RECHECK_MISSING,
    FUND_GATE_RECOVERY,
    FUND_INVESTMENT_MISSING,
    FUND_OPERATOR_BANNED,
    FUND_OPERATOR,
    FUND_OVER_BUDGET,
    FUND_OVERRIDE_REASON,
    FUND_PROGRAMME,
    FUND_RECOVERED_EXCEEDS,
    FUND_RECOVERY_EXCEEDS,
    FUND_REVERSE_REVERSAL,
    FUND_REVIEW_ORDER,
    FUND_REVIEW_DISAGREED,
    FUND_REVIEW_MISSING,
    FUND_REVIEW_SCORE,
    FUND_SETTINGS,
    FUND_TARGET,
    FUND_TRANCHE_AMOUNT,
    FUND_TRANCHE_PAID,
    FUND_TRANCHE_RANGE,

    // Integrity checks (核查): reviewing a finding
    FINDING_NOT_FOUND,
    FINDING_NOTE_REQUIRED,
    FINDING_OFFICER_REQUIRED,
    FINDING_STATUS,
    FINDING_RECOVERY,
    CHECK_THRESHOLDS,
    // A threshold outside the values it may take (a count, an age, a percentage)
    CHECK_THRESHOLD_RANGE,
    // A venue of the county's venue capacities without a name or without seats
    CHECK_VENUE,
    CHECK_TOWNSHIP,
    CHECK_UNKNOWN,
    // The county's product seasons (F8_OUT_OF_SEASON)
    SEASON_PRODUCT,
    SEASON_DATE,
    // Household call-backs (回访, F11)
    CALLBACK_OUTCOME,
    CALLBACK_OFFICER,
    CALLBACK_NOTE,
    CALLBACK_DATE,
    CALLBACK_NOT_FOUND,
    CALLBACK_NO_HOUSEHOLDS,
    CALLBACK_COUNTY_ONLY,

    // Programmes and fund plans
    FUND_PLAN_RULE,
    PROGRAMME_BUDGET,
    PROGRAMME_CODE,
    PROGRAMME_CONTRACT_SHARE,
    PROGRAMME_DUPLICATE,
    PROGRAMME_ITEM,
    PROGRAMME_ITEM_KEY,
    PROGRAMME_ITEM_SOURCE,
    PROGRAMME_JSON,
    PROGRAMME_KIND_UNKNOWN,
    PROGRAMME_NAME,
    PROGRAMME_PRESETS,
    PROGRAMME_PRESET_UNKNOWN,
    PROGRAMME_RATES,
    PROGRAMME_SCORED_MIN,
    PROGRAMME_SUBSIDY,
    PROGRAMME_TARGETS,
    PROGRAMME_TARGET_METRIC,
    PROGRAMME_TARGET_PARAMS,
    PROGRAMME_TARGET_SHARE,
    PROGRAMME_SUBSIDY_SHARE,
    PROGRAMME_FUND,
    PROGRAMME_THRESHOLD,
    PROGRAMME_TRANCHES,
    PROGRAMME_YEAR,
    PROGRAMME_DEVICE,

    // Station monthly service records
    STATION_MONTH_DUPLICATE,
    STATION_MONTH_MONTH,
    STATION_MONTH_STATION,
    STATION_MONTH_VALUE,

    // Inspections, photos and re-check samples
    INSPECTION_DEADLINE,
    INSPECTION_FEW_INSPECTORS,
    INSPECTION_INSPECTORS,
    INSPECTION_INVESTMENT_NEGATIVE,
    INSPECTION_OPERATOR,
    INSPECTION_PROGRAMME,
    INSPECTION_SUBMITTED,
    PHOTO_DUPLICATE,
    PHOTO_REUSED,
    PHOTO_TYPE,
    SAMPLE_EMPTY,
    SAMPLE_SEED,
    SAMPLE_SHARE,
    SAMPLE_SHARE_BELOW_RULE,
    PROGRAMME_RECHECK_SHARE,
    RECHECK_NOT_DRAWN,

    // Training sessions and attendance
    ATTENDANCE_AGE,
    ATTENDANCE_DUPLICATE,
    ATTENDANCE_OTHER_SESSION,
    ATTENDANCE_OVERLAP,
    ATTENDANCE_OVER_HEADCOUNT,
    ATTENDANCE_REMOVED,
    ATTENDANCE_SESSION,
    ATTENDANCE_SLOT,
    ATTENDANCE_VILLAGE,
    ATTENDANCE_NAME_MISMATCH,
    ATTENDANCE_NAME_MATCHES,
    TRAINING_AUDIENCE,
    TRAINING_DATES,
    TRAINING_HEADCOUNT,
    TRAINING_OUTLINE,
    TRAINING_PHOTO_REUSED,
    TRAINING_PROGRAMME,
    TRAINING_SLOTS,
    TRAINING_SLOTS_IN_USE,
    TRAINING_TOWNSHIP,

    // Public notices and objections
    NOTICE_ENTRY_NAME,
    NOTICE_LIST_MISSING,
    NOTICE_LIST_SOURCE,
    NOTICE_PLACES,
    NOTICE_POSTED,
    NOTICE_TITLE,
    NOTICE_TOO_SHORT,
    OBJECTION_CONTENT,
    OBJECTION_DATE,
    OBJECTION_HANDLED_DATE,
    OBJECTION_UNKNOWN,

    // Spreadsheet import and export
    COLUMN_AMBIGUOUS,
    COLUMN_MISSING,
    DUPLICATE_IN_DB,
    DUPLICATE_IN_FILE,
    IMPORT_INTO,
    IMPORT_NAME_CHANGED,
    IMPORT_REFUSED,
    SHEET_PROGRAMME_REQUIRED,
    SHEET_UNREADABLE,
    SHEET_WRITE,

    // Printing
    PRINT_FONT,
    PRINT_GLYPH_MISSING,
    PRINT_HASH_FORMAT,

    // Statistics reports: periods and what a report is asked for
    PERIOD_EMPTY,
    PERIOD_INVALID,
    PERIOD_REVERSED,
    REPORT_PROGRAMME_UNKNOWN,
    REPORT_TOWNSHIP_UNKNOWN,
    // Project archives (print/archive): writing one and checking a copy against its manifest
    ARCHIVE_CORRUPT,
    ARCHIVE_FILE_ALTERED,
    ARCHIVE_FILE_EXTRA,
    ARCHIVE_FILE_MISSING,
    ARCHIVE_FORMAT_NEWER,
    ARCHIVE_MANIFEST_INVALID,
    ARCHIVE_MANIFEST_MISSING,
    ARCHIVE_NOT_AN_ARCHIVE,
    ARCHIVE_TARGET_EXISTS,
    ARCHIVE_TOO_LARGE,

    // Sync with the county
    SYNC_ALREADY_COUNTY,
    SYNC_ALREADY_DEVICE,
    SYNC_BAD_SIGNATURE,
    SYNC_BAD_VALUE,
    SYNC_CANNOT_DECRYPT,
    SYNC_CHAIN,
    SYNC_CONFLICT_RESOLVED,
    SYNC_DEMO_DEVICE,
    SYNC_COUNTY_LEVEL,
    SYNC_COUNTY_ONLY_FIELD,
    SYNC_DEVICE_KEY_CHANGED,
    SYNC_DEVICE_REVOKED,
    SYNC_FORK,
    SYNC_FORMAT,
    SYNC_KEYS_BROKEN,
    SYNC_MISSING_PARENT,
    SYNC_MISSING_RECORD,
    SYNC_NOTE_REQUIRED,
    SYNC_NOTHING_PENDING,
    SYNC_NOT_COUNTY,
    SYNC_NOT_ENROLLED,
    SYNC_NO_COUNTY,
    SYNC_OTHER_COUNTY,
    SYNC_OTHER_TOWNSHIP,
    SYNC_PAYLOAD,
    SYNC_PAYLOAD_HASH,
    SYNC_STORED_REPORT,
    SYNC_TOO_LARGE,
    SYNC_HEADER_TOO_LARGE,
    SYNC_TRUNCATED,
    SYNC_UNKNOWN_DEVICE,
    SYNC_UNKNOWN_ENTITY,
    SYNC_UNKNOWN_FIELD,
    SYNC_UNKNOWN_OP,
    SYNC_WRONG_DEVICE,
    SYNC_WRONG_FILE,
    SYNC_WRONG_SIGNER,
}

impl Code {
    /// The code spelled `text`, if there is one.
    pub fn from_name(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    fn from_str(text: &str) -> Result<Code, UnknownCode> {
        Code::from_name(text).ok_or_else(|| UnknownCode(text.to_string()))
    }
}

/// A text that is not one of the codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("未知的代码“{0}”")]
pub struct UnknownCode(pub String);

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<Code> for String {
    fn from(code: Code) -> String {
        code.as_str().to_string()
    }
}

// Comparisons with text, so `assert_eq!(err.code(), "DATE_INVALID")` reads as before.
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Code {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Code> for str {
    fn eq(&self, other: &Code) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Code> for String {
    fn eq(&self, other: &Code) -> bool {
        self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_screaming_snake_case() {
        let mut seen = BTreeSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            assert!(
                text.starts_with(|c: char| c.is_ascii_uppercase())
                    && !text.ends_with('_')
                    && !text.contains("__")
                    && text
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                "{text} is not SCREAMING_SNAKE_CASE"
            );
        }
        assert_eq!(seen.len(), Code::ALL.len());
    }

    #[test]
    fn codes_travel_as_their_names() {
        for &code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{code}\""));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
            assert_eq!(code.as_str().parse::<Code>(), Ok(code));
        }
        assert!("date_invalid".parse::<Code>().is_err());
        assert!(serde_json::from_str::<Code>("\"NO_SUCH_CODE\"").is_err());
    }

    #[test]
    fn codes_compare_with_text() {
        assert_eq!(Code::DATE_INVALID, "DATE_INVALID");
        assert_eq!("DATE_INVALID", Code::DATE_INVALID);
        assert_eq!(Code::ID_15_DIGITS.to_string(), "ID_15_DIGITS");
        assert_ne!(Code::IO, "INTERNAL");
    }
}
