//! OData for `/api/alerts` on the service side: the shared `$filter` grammar (mde-odata)
//! compiled for evaluation against alerts, and the system query options
//! `$top $skip $expand $orderby $select $count`.

pub mod expr;
pub mod filter;
pub mod query;
pub mod values;

pub use filter::Filter;
pub use mde_odata::ODataError;
pub use query::{ListQuery, OrderBy};
