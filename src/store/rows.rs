//! Reading rows: `from_row!` builds a struct from a row, its fields named in the order of the
//! SELECT's columns, so no column index is written (or miscounted) by hand; `Query` answers the
//! shapes most queries have (one value or none, one row or none, every row).

use rusqlite::{Connection, OptionalExtension, Params, Row};

/// Queries on a connection or transaction, with cached statements.
pub(crate) trait Query {
    /// The first column of the first row, or `None` when there is no row.
    fn value<T: rusqlite::types::FromSql, P: Params>(
        &self,
        sql: &str,
        params: P,
    ) -> rusqlite::Result<Option<T>>;

    /// The first row as a tuple of its columns, or `None` when there is no row.
    fn row<T, P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<Option<T>>
    where
        T: for<'a> TryFrom<&'a Row<'a>, Error = rusqlite::Error>;

    /// The first row through `map`, or `None` when there is no row.
    fn first<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Option<T>>;

    /// Every row, each through `map`.
    fn list<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>>;
}

impl Query for Connection {
    fn value<T: rusqlite::types::FromSql, P: Params>(
        &self,
        sql: &str,
        params: P,
    ) -> rusqlite::Result<Option<T>> {
        self.prepare_cached(sql)?
            .query_row(params, |r| r.get(0))
            .optional()
    }

    fn row<T, P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<Option<T>>
    where
        T: for<'a> TryFrom<&'a Row<'a>, Error = rusqlite::Error>,
    {
        self.prepare_cached(sql)?
            .query_row(params, |r| T::try_from(r))
            .optional()
    }

    fn first<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Option<T>> {
        self.prepare_cached(sql)?.query_row(params, map).optional()
    }

    fn list<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        self.prepare_cached(sql)?.query_map(params, map)?.collect()
    }
}

/// Builds `Struct { … }` from a `rusqlite::Row`: each plain `field` takes the next column, in
/// the order written; `field = expr` is set from `expr` and takes no column; `_` passes over a
/// column read elsewhere. Used where `?` can return a `rusqlite::Error`, like the
/// `row.get(i)?` it replaces.
///
/// ```ignore
/// from_row!(row => Operator { id, _, kind = kind, name, phone })
/// ```
macro_rules! from_row {
    ($row:ident => $ty:ident { $($spec:tt)* }) => {
        $crate::store::from_row!(@next $row $ty [] [0] $($spec)*)
    };
    (@next $row:ident $ty:ident [$($out:tt)*] [$($i:tt)*] $(,)?) => {
        $ty { $($out)* }
    };
    (@next $row:ident $ty:ident [$($out:tt)*] [$($i:tt)*] _ $(, $($rest:tt)*)?) => {
        $crate::store::from_row!(@next $row $ty [$($out)*] [$($i)* + 1] $($($rest)*)?)
    };
    (@next $row:ident $ty:ident [$($out:tt)*] [$($i:tt)*]
        $field:ident = $value:expr $(, $($rest:tt)*)?) => {
        $crate::store::from_row!(@next $row $ty [$($out)* $field: $value,] [$($i)*] $($($rest)*)?)
    };
    (@next $row:ident $ty:ident [$($out:tt)*] [$($i:tt)*] $field:ident $(, $($rest:tt)*)?) => {
        $crate::store::from_row!(
            @next $row $ty [$($out)* $field: $row.get($($i)*)?,] [$($i)* + 1] $($($rest)*)?
        )
    };
}
pub(crate) use from_row;

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq)]
    struct Place {
        id: String,
        label: String,
        size: i64,
        code: String,
    }

    #[test]
    fn fields_take_the_columns_in_order_and_set_ones_take_none() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let place = conn
            .query_row("SELECT 'a', 'x', 3, '621221'", [], |row| {
                Ok(crate::store::from_row!(row => Place { id, _, label = "村".into(), size, code }))
            })
            .unwrap();
        assert_eq!(
            place,
            Place {
                id: "a".into(),
                label: "村".into(),
                size: 3,
                code: "621221".into()
            }
        );
    }
}
