//! `from_row!`: a struct built from a query's row, its fields named in the order of the SELECT's
//! columns, so no column index is written (or miscounted) by hand.

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
