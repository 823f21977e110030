//! Contract tests of the Graph security API side (`/v1.0/security/*`), driven over HTTP the way
//! Graph clients call it. The modules live in graph_contract/ beside this file.

mod alerts_v2;
mod hunting;
mod incidents;
mod sign_in;
mod support;
