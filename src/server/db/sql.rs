//! Queries put together at run time, for either backend.
//!
//! sqlx's own `QueryBuilder` writes `?` placeholders for the `Any` driver, which
//! PostgreSQL refuses; this one numbers them (`$1`, `$2`…), which both backends read.

use super::Dialect;
use sqlx::any::AnyArguments;
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::{Any, Arguments, Encode, FromRow, Type};
use std::fmt::Display;

/// SQL text with its arguments, numbered as they are pushed.
#[derive(Default)]
pub struct QueryBuilder<'a> {
    sql: String,
    arguments: AnyArguments<'a>,
    count: usize,
}

impl<'a> QueryBuilder<'a> {
    /// Starts with `sql`.
    pub fn new(sql: impl Into<String>) -> Self {
        Self {
            sql: sql.into(),
            ..Self::default()
        }
    }

    /// Appends SQL text (never a value a user typed: bind those).
    pub fn push(&mut self, sql: impl Display) -> &mut Self {
        use std::fmt::Write as _;
        let _ = write!(self.sql, "{sql}");
        self
    }

    /// Appends a placeholder and binds `value` to it.
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'a + Encode<'a, Any> + Type<Any>,
    {
        if let Err(error) = self.arguments.add(value) {
            // Plain values never fail to encode; if one did, the query runs one
            // argument short and the database refuses it with its own error.
            tracing::error!(%error, "a query argument could not be encoded");
        }
        self.count += 1;
        let placeholder = format!("${}", self.count);
        self.push(placeholder)
    }

    /// A view of the builder that writes `separator` between the values pushed to it.
    pub fn separated(&mut self, separator: &'static str) -> Separated<'_, 'a> {
        Separated {
            builder: self,
            separator,
            first: true,
        }
    }

    /// Appends `VALUES (…), (…)`, one tuple per item, its values pushed by `push_tuple`.
    pub fn push_values<I, F>(&mut self, tuples: I, mut push_tuple: F) -> &mut Self
    where
        I: IntoIterator,
        F: FnMut(Separated<'_, 'a>, I::Item),
    {
        self.push("VALUES ");
        for (i, tuple) in tuples.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.push("(");
            push_tuple(self.separated(", "), tuple);
            self.push(")");
        }
        self
    }

    /// Appends `column IN ($n, …)` over `ids`: plain placeholders, which both dialects
    /// (and a distributed PostgreSQL) read alike; an empty list matches no row.
    pub fn push_in(&mut self, column: &str, ids: &[i64]) -> &mut Self {
        if ids.is_empty() {
            return self.push("1 = 0");
        }
        self.push(format_args!("{column} IN ("));
        let mut list = self.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        self.push(")")
    }

    /// Appends ` AND column IN (…)` when only `ids` are wanted; nothing when all are.
    pub fn push_only(&mut self, column: &str, ids: Option<&[i64]>) -> &mut Self {
        if let Some(ids) = ids {
            self.push(" AND ").push_in(column, ids);
        }
        self
    }

    /// The SQL so far.
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// The query, to execute; the builder's arguments move into it.
    pub fn build(&'a mut self) -> Query<'a, Any, AnyArguments<'a>> {
        sqlx::query_with(&self.sql, std::mem::take(&mut self.arguments))
    }

    /// The query, returning rows as `O`.
    pub fn build_query_as<O>(&'a mut self) -> QueryAs<'a, Any, O, AnyArguments<'a>>
    where
        O: for<'r> FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_as_with(&self.sql, std::mem::take(&mut self.arguments))
    }

    /// The query, returning one column as `O`.
    pub fn build_query_scalar<O>(&'a mut self) -> QueryScalar<'a, Any, O, AnyArguments<'a>>
    where
        (O,): for<'r> FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_scalar_with(&self.sql, std::mem::take(&mut self.arguments))
    }
}

/// `values` of a group joined by commas in the order of `order`: `group_concat` in
/// SQLite, `string_agg` in PostgreSQL.
pub fn joined(dialect: Dialect, values: &str, order: &str) -> String {
    let function = match dialect {
        Dialect::Sqlite => "group_concat",
        Dialect::Postgres => "string_agg",
    };
    format!("{function}({values}, ',' ORDER BY {order})")
}

/// One value of a list table (`profile_sectors`, `need_sdgs`…): a code, or a number for
/// the goals, whose columns are integers (PostgreSQL refuses text there; SQLite would
/// quietly store it as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListValue {
    /// A country, language, sector or other code.
    Code(String),
    /// An SDG number.
    Number(i64),
}

impl ListValue {
    /// Codes from anything that reads as text.
    pub fn codes<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> Vec<Self> {
        values
            .into_iter()
            .map(|v| Self::Code(v.as_ref().to_owned()))
            .collect()
    }
}

impl Type<Any> for ListValue {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }
}

impl<'q> Encode<'q, Any> for ListValue {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        match self {
            Self::Code(code) => <String as Encode<'q, Any>>::encode_by_ref(code, buf),
            Self::Number(n) => <i64 as Encode<'q, Any>>::encode_by_ref(n, buf),
        }
    }
}

/// Values pushed with a separator between them (see [`QueryBuilder::separated`]).
pub struct Separated<'b, 'a> {
    builder: &'b mut QueryBuilder<'a>,
    separator: &'static str,
    first: bool,
}

impl<'a> Separated<'_, 'a> {
    /// Appends the separator (but before the first value), a placeholder, and binds `value`.
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'a + Encode<'a, Any> + Type<Any>,
    {
        if !self.first {
            self.builder.push(self.separator);
        }
        self.first = false;
        self.builder.push_bind(value);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_the_order_values_are_pushed() {
        let mut qb = QueryBuilder::new("SELECT 1 FROM t WHERE a = ");
        qb.push_bind(7_i64).push(" AND b IN (");
        let mut list = qb.separated(", ");
        for v in ["x", "y"] {
            list.push_bind(v);
        }
        qb.push(") UNION ");
        qb.push_values([(1_i64, "z")], |mut row, (n, v)| {
            row.push_bind(n).push_bind(v);
        });
        assert_eq!(
            qb.sql(),
            "SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3) UNION VALUES ($4, $5)"
        );
    }
}
