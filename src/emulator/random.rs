//! Ids and dice: a small xorshift generator seeded from the OS-randomised std hasher, so the
//! emulator needs no extra crate. Not for real secrets; good enough for opaque test tokens.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;

/// A thread-safe xorshift64* generator.
#[derive(Debug)]
pub struct Dice(Mutex<u64>);

impl Dice {
    /// Seeded from the given value, or from OS randomness when `None`.
    pub fn new(seed: Option<u64>) -> Self {
        let s = seed.unwrap_or_else(os_random);
        Dice(Mutex::new(s | 1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&self) -> u64 {
        let mut g = match self.0.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let mut x = *g;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        *g = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A float in `[0, 1)`.
    pub fn unit(&self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&self, p: f64) -> bool {
        p > 0.0 && self.unit() < p
    }

    /// A GUID-shaped string (request ids, trace ids).
    pub fn guid(&self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
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
        let mut s = String::with_capacity(bytes * 2);
        while s.len() < bytes * 2 {
            s.push_str(&format!("{:016x}", self.next_u64()));
        }
        s.truncate(bytes * 2);
        s
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
