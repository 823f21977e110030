//! Terminal input: our own reader of the terminal (`reader`), so that a terminal that goes away
//! ends the input instead of spinning, and the decoder of its bytes into crossterm's events
//! (`decoder`, `parse`, `csi`, `parsed`).

mod csi;
mod decoder;
mod parse;
mod parsed;
mod reader;

pub use decoder::Decoder;
pub use reader::TerminalInput;

#[cfg(test)]
mod decoder_tests;
