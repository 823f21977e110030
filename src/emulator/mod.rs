//! A faithful emulator of the MDE alerts API (axum): sign-in, OData, rate limits, errors, faults.

pub mod demo_data;
