//! Machine actions: the request bodies, the lifecycle of a stored action, the routes, the
//! investigation package download, and the history the demo tenant starts with.

pub mod body;
pub mod package;
pub mod record;
pub mod routes;
pub mod seed;
