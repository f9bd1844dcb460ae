//! backroad: generate practice backend projects, and check any server against
//! the shared API contract. `main.rs` only parses and reports; everything else
//! lives here so that tests can run it in-process.

pub mod catalog;
pub mod error;
pub mod verify;

pub use error::Error;
