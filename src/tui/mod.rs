//! The terminal runtime: raw mode, restore on every exit path, the event loop, OSC 52.
