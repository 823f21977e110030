//! The MDE client: OData queries, retries, sign-in.

pub mod auth;
pub mod client;
pub mod delivery;
pub mod device;
pub mod error;
pub mod hosts;
// Scale issue: a page read as it arrives.
pub mod page_stream;
pub mod query;
pub mod retry;
pub mod transport;
mod write_body;

pub use auth::{AccessToken, AuthError, TokenProvider};
pub use client::{AlertSet, ClientConfig, MdeClient, Related};
pub use delivery::{batch_update_once, comment_count, update_once};
pub use error::{ApiError, ServiceError};
pub use hosts::ApiHosts;
pub use mde_odata::{Filter, Literal, Prop};
pub use page_stream::{PageBatch, PageEnd};
pub use query::{ListQuery, OrderBy};
pub use retry::{Delivery, RetryPolicy};
pub use transport::{Answer, RateInfo, Transport};
