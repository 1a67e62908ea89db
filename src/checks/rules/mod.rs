//! The pure rules: each family's facts (plain data gathered by `checks::sql::<family>`) in,
//! findings out. No SQL, no IO: tested with tables of facts.

pub mod photos;
