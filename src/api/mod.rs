//! The MDE client: OData queries, retries, sign-in.
