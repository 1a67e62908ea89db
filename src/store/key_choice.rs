//! Choosing a passphrase on a form: typed twice, both problems (too weak, the two differ) at
//! once, each under its own field. The first-run screen and, later, changing the passphrase use
//! it; the strength rule itself is [`Passphrase::choose`].

use super::key::Passphrase;
use crate::domain::{Invalids, Problems};
use crate::Code;

/// The form field of the second entry (the first is `passphrase`).
pub const AGAIN_FIELD: &str = "passphraseAgain";

/// `text` as the database's passphrase when it is strong enough and `again` repeats it.
pub fn choose_passphrase(text: &str, again: &str) -> Result<Passphrase, Invalids> {
    let mut problems = Problems::new();
    let chosen = problems.take(Passphrase::choose(text));
    problems.check(
        text != again,
        Code::STORE_PASSPHRASE_MISMATCH,
        AGAIN_FIELD,
        "两次输入的口令不一样。请再输入一遍同样的口令。",
    );
    problems.done(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weak_and_unrepeated_passphrase_names_both_fields() {
        let refused = choose_passphrase("abc", "abd").unwrap_err();
        let found: Vec<(Code, &str)> = refused.all().iter().map(|i| (i.code, i.field)).collect();
        assert_eq!(
            found,
            [
                (Code::STORE_PASSPHRASE_WEAK, "passphrase"),
                (Code::STORE_PASSPHRASE_MISMATCH, AGAIN_FIELD)
            ]
        );
    }

    #[test]
    fn a_strong_passphrase_typed_twice_is_chosen() {
        let chosen = choose_passphrase("托里县台账二〇二六", "托里县台账二〇二六").unwrap();
        assert_eq!(chosen, Passphrase::new("托里县台账二〇二六").unwrap());
        let mismatch = choose_passphrase("托里县台账二〇二六", "托里县台账二〇二七").unwrap_err();
        assert_eq!(mismatch.code(), Code::STORE_PASSPHRASE_MISMATCH);
    }
}
