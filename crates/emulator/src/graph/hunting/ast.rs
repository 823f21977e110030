//! The parsed query: `let` scalars, a source (a table or a `union` of tables) and the pipeline
//! of `where`, `project`, `order by`/`sort by` and `take`/`limit`.

/// A whole query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// `let name = scalar;` statements, in order.
    pub lets: Vec<(String, Expr)>,
    /// Where the rows come from.
    pub source: Source,
    /// The operators, in order.
    pub ops: Vec<Op>,
}

/// A table, or several.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// One table by name (with its position, for errors).
    Table(String, usize),
    /// `union [withsource=Name] T1, T2, …`.
    Union {
        /// The column naming each row's table.
        with_source: Option<String>,
        /// The tables.
        tables: Vec<(String, usize)>,
    },
}

/// One pipeline operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `where predicate`.
    Where(Expr),
    /// `project A, B = expr, …`.
    Project(Vec<(String, Expr)>),
    /// `order by A [asc|desc], …` (KQL's default is descending).
    Order(Vec<(String, bool, usize)>),
    /// `take N` / `limit N`.
    Take(u64),
}

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `=~` (case-insensitive)
    EqCi,
    /// `!~`
    NeCi,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// A string operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrOp {
    /// `has`: a whole term, case-insensitive.
    Has,
    /// `contains`: a substring, case-insensitive.
    Contains,
    /// `startswith`, case-insensitive.
    StartsWith,
    /// `endswith`, case-insensitive.
    EndsWith,
}

/// A scalar function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `ago(span)`.
    Ago,
    /// `now()`.
    Now,
    /// `tolower(s)`.
    ToLower,
    /// `toupper(s)`.
    ToUpper,
    /// `isempty(x)`.
    IsEmpty,
    /// `isnotempty(x)`.
    IsNotEmpty,
    /// `isnull(x)`.
    IsNull,
    /// `isnotnull(x)`.
    IsNotNull,
}

/// A literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// A string.
    Str(String),
    /// An integer.
    Long(i64),
    /// A real.
    Real(f64),
    /// `true` / `false`.
    Bool(bool),
    /// A time.
    Time(mde_model::Timestamp),
    /// A timespan in ticks.
    Span(i64),
}

/// A scalar expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A literal.
    Lit(Lit),
    /// A column or `let` name, with its position.
    Name(String, usize),
    /// `not(e)`.
    Not(Box<Expr>),
    /// `a and b`.
    And(Box<Expr>, Box<Expr>),
    /// `a or b`.
    Or(Box<Expr>, Box<Expr>),
    /// `a op b`.
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// `e [!]in [~] (…)` (`in~` is case-insensitive).
    In {
        /// `!in`.
        negated: bool,
        /// `in~`.
        ci: bool,
        /// The value.
        value: Box<Expr>,
        /// The list.
        list: Vec<Expr>,
    },
    /// `e [!]between (lo .. hi)` (inclusive).
    Between {
        /// `!between`.
        negated: bool,
        /// The value.
        value: Box<Expr>,
        /// Low end.
        lo: Box<Expr>,
        /// High end.
        hi: Box<Expr>,
    },
    /// `a [!]has|contains|startswith|endswith b`.
    Str {
        /// Which.
        op: StrOp,
        /// Negated.
        negated: bool,
        /// The text searched.
        hay: Box<Expr>,
        /// The text sought.
        needle: Box<Expr>,
    },
    /// `a + b`.
    Add(Box<Expr>, Box<Expr>),
    /// `a - b`.
    Sub(Box<Expr>, Box<Expr>),
    /// A function call.
    Call(Func, Vec<Expr>, usize),
}
