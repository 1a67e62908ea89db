//! Reading and setting the county's product seasons (`county.product_seasons`, migration 0028).

use crate::checks::{ProductSeasons, Season};
use crate::domain::Invalid;
use crate::error::Result;
use crate::store::{Query, Store};
use crate::Code;

impl ProductSeasons {
    /// The county's seasons as stored (none when it set none, or when there is no county yet).
    pub fn read(store: &Store) -> Result<ProductSeasons> {
        let stored: Option<Option<String>> = store.conn.value(
            "SELECT product_seasons FROM county WHERE deleted_hlc IS NULL ORDER BY code LIMIT 1",
            [],
        )?;
        ProductSeasons::from_json(stored.flatten().as_deref()).map_err(|e| {
            Invalid::new(
                Code::SEASON_DATE,
                "productSeasons",
                format!("县里保存的产品季节无法读取（{e}）。请重新设置产品季节。"),
            )
            .into()
        })
    }

    /// The county's seasons, validated, for the checks. A stored list that no longer validates
    /// refuses the run: a season the rule cannot read would silently judge nothing.
    pub fn seasons(store: &Store) -> Result<Vec<Season>> {
        Ok(ProductSeasons::read(store)?.validated()?)
    }
}

impl Store {
    /// Sets the county's product seasons through the write path (the county hub only): every
    /// problem of the list at once; names trimmed and days written "MM-DD". Answers them as
    /// stored.
    pub fn set_product_seasons(&mut self, seasons: &ProductSeasons) -> Result<ProductSeasons> {
        self.refuse_check_settings_here(Code::SEASON_PRODUCT, "productSeasons")?;
        let stored = ProductSeasons::normalised(&seasons.validated()?);
        self.write_county_check_settings(None, Some(&stored))?;
        Ok(stored)
    }
}
