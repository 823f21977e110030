//! Ids and dice for the server: the one generator ([`Rng`]) behind a mutex, seeded from the
//! OS-randomised std hasher unless a fault seed is given, so the emulator needs no extra crate.
//! Not for real secrets; good enough for opaque test tokens.

use crate::rng::Rng;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Mutex, MutexGuard};

/// A thread-safe handle to one [`Rng`].
#[derive(Debug)]
pub struct Dice(Mutex<Rng>);

impl Dice {
    /// Seeded from the given value, or from OS randomness when `None`.
    pub fn new(seed: Option<u64>) -> Self {
        Dice(Mutex::new(Rng::new(seed.unwrap_or_else(os_random))))
    }

    fn rng(&self) -> MutexGuard<'_, Rng> {
        match self.0.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&self) -> u64 {
        self.rng().next_u64()
    }

    /// A float in `[0, 1)`.
    pub fn unit(&self) -> f64 {
        self.rng().unit()
    }

    /// True with probability `p`.
    pub fn chance(&self, p: f64) -> bool {
        p > 0.0 && self.rng().chance(p)
    }

    /// A version-4 GUID-shaped string (request ids, trace ids).
    pub fn guid(&self) -> String {
        let (a, b) = {
            let mut r = self.rng();
            (r.next_u64(), r.next_u64())
        };
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            ((b >> 48) & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }

    /// `n` random bytes as lowercase hex.
    pub fn hex(&self, bytes: usize) -> String {
        self.rng().hex(bytes * 2)
    }
}

fn os_random() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_well_formed_and_distinct() {
        let d = Dice::new(Some(7));
        let a = d.guid();
        let b = d.guid();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'4');
        assert!(!d.chance(0.0));
        assert!((0..100).all(|_| d.chance(1.0)));
    }
}
