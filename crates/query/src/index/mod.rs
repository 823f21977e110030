//! Which rows can match a query, without reading their text: a trigram index over every row's
//! searchable text (and its owner, which free text also matches). Each trigram hashes to one
//! bucket in each of two tables of `BUCKETS` buckets, by two independent hashes; a bucket is a
//! bitset over the rows. A needle can only be in a row whose bits are set for all its trigrams
//! in both tables, so a term's candidates are the AND of a few bitsets, and a keystroke reads
//! the text of those rows only (verifying them with `Query::matches`). With ~1,300 bytes of
//! searched text per alert a bucket is set for about one row in three: one table leaves a
//! third of the rows without a three-letter needle as candidates, both together a tenth (a
//! profile of `sev` typed as free text at 100k: it read the whole text of a third of the rows
//! and matched none). A needle of n letters leaves about 10^-(n-2) of the rows that do not hold
//! it. 100,000 rows take 2 × 2048 × 12.5 kB = 50 MB.
//!
//! Needles of one or two bytes have no trigram; free text of one or two letters was the
//! filter's slowest keystroke (`s`, `se`: nearly every row matches, and reading the text of
//! 65,000 rows to say so took 13–19 ms at 100k). For them each row also has exact sets: of the
//! bytes it holds, and of the pairs of ASCII letters and digits. A free-text term answered by
//! those is *sure*: its rows match without their text being read.
//!
//! The bits are stored block by block: the bucket words of rows 64k..64k+63 lie together, so
//! indexing a row writes within 32 kB (its block) and the index grows by appending. (Tried:
//! one array per bucket, so a term reads its buckets front to back. A profile of the filter
//! bench then put `TextIndex::set` at 30% of the whole run, against about 2% before: each
//! row's ~3,000 writes land on as many cache lines. No keystroke got faster.)

use super::field::{Compare, Field};
use super::parse::{Query, Term};
use mde_model::SearchText;

/// Trigram buckets per table (a power of two).
const BUCKETS: usize = 2048;
/// Where a block's exact byte set starts: after the two trigram tables.
const BYTES: usize = 2 * BUCKETS;
/// Letters and digits, the alphabet of the exact pair set.
const ALNUM: usize = 36;
/// Where a block's exact pair set starts.
const PAIRS: usize = BYTES + 256;
/// Words per block of 64 rows: the two trigram tables, the byte set and the pair set.
const BLOCK: usize = PAIRS + ALNUM * ALNUM;

/// The index: per bucket, a bitset over row slots.
#[derive(Debug, Clone, Default)]
pub struct TextIndex {
    /// Block-major: bucket `b`'s word for rows `64k..64k+63` is `blocks[k][b]` (the second
    /// table's buckets are `BUCKETS..BLOCK`).
    blocks: Vec<[u64; BLOCK]>,
    /// Rows whose text is not indexed (cached before the searchable text existed, or waiting to
    /// be indexed): they are candidates of every term, and their text is read.
    unindexed: Vec<u64>,
    /// Rows whose exact sets may not decide a match: the unindexed rows, and rows whose owner is
    /// not ASCII (its case folding is matched character by character).
    unsure: Vec<u64>,
    /// Rows indexed at least once (their bits may need clearing when they change).
    used: usize,
}

/// The rows a query may match, as a bitset over row slots (`None` from
/// [`TextIndex::candidates`]: any row may).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidates {
    words: Vec<u64>,
    /// The rows known to match, without reading them (empty unless every term was decided
    /// by the exact sets).
    sure: Vec<u64>,
}

impl Candidates {
    /// True when row `i` is known to match the whole query.
    pub fn sure(&self, i: usize) -> bool {
        has(&self.sure, i)
    }

    /// True when row `i` may match.
    pub fn contains(&self, i: usize) -> bool {
        has(&self.words, i)
    }

    /// How many rows may match.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

impl TextIndex {
    /// Forgets every row.
    pub fn clear(&mut self) {
        self.blocks.iter_mut().for_each(|b| b.fill(0));
        self.unindexed.iter_mut().for_each(|w| *w = 0);
        self.unsure.iter_mut().for_each(|w| *w = 0);
        self.used = 0;
    }

    /// Indexes row `i` (replacing what it held): its searchable text and its owner.
    pub fn set(&mut self, i: usize, text: &SearchText, owner: Option<&str>) {
        if text.is_empty() {
            self.set_unindexed(i);
            return;
        }
        let (word, bit) = self.forget(i);
        let block = &mut self.blocks[word];
        if owner.is_some_and(|o| !o.is_ascii()) {
            self.unsure[word] |= bit;
        }
        // The detected entity's record (original case) is never searched: left out.
        mark(block, bit, text.searchable().as_bytes());
        if let Some(o) = owner {
            let folded: String = o.chars().flat_map(char::to_lowercase).collect();
            mark(block, bit, folded.as_bytes());
        }
    }

    /// Leaves row `i`'s text out of the index (replacing what it held): it is then a candidate
    /// of every term, and never a sure match, so a query reads its text. For rows without
    /// text, and for rows whose indexing waits (a bulk load indexes them after it is shown).
    pub fn set_unindexed(&mut self, i: usize) {
        let (word, bit) = self.forget(i);
        self.unindexed[word] |= bit;
        self.unsure[word] |= bit;
    }

    /// Clears row `i`'s bits (making room for it first); its block's word and its bit.
    fn forget(&mut self, i: usize) -> (usize, u64) {
        self.grow(i + 1);
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        if i < self.used {
            self.blocks[word].iter_mut().for_each(|w| *w &= !bit);
            self.unindexed[word] &= !bit;
            self.unsure[word] &= !bit;
        }
        self.used = self.used.max(i + 1);
        (word, bit)
    }

    /// The rows `query` may match; `None` when no term narrows by text (every row may).
    /// When every term is free text the exact sets decide, the candidates are also the rows
    /// that surely match.
    pub fn candidates(&self, query: &Query) -> Option<Candidates> {
        let mut out: Option<Vec<u64>> = None;
        let mut decided = true;
        for term in &query.terms {
            let Some((c, exact)) = self.term(term) else {
                decided = false;
                continue;
            };
            decided &= exact;
            match &mut out {
                None => out = Some(c),
                Some(acc) => acc.iter_mut().zip(&c).for_each(|(a, b)| *a &= b),
            }
        }
        out.map(|words| {
            let sure = if decided {
                words
                    .iter()
                    .zip(&self.unsure)
                    .map(|(w, u)| w & !u)
                    .collect()
            } else {
                Vec::new()
            };
            Candidates { words, sure }
        })
    }

    /// A term's candidates (the union over its values, each the AND of its needle's buckets),
    /// and whether they are exactly its matches (apart from the unsure rows).
    fn term(&self, term: &Term) -> Option<(Vec<u64>, bool)> {
        let textual = term.field == Field::Text || term.field.record_tag().is_some();
        if !textual || term.negate {
            return None;
        }
        let mut exact = true;
        let mut union = vec![0u64; self.blocks.len()];
        for v in &term.values {
            let needle = needle(term.field, v)?;
            let (wanted, sure) = wanted(&needle);
            exact &= sure && term.field == Field::Text;
            for ((u, block), unindexed) in union.iter_mut().zip(&self.blocks).zip(&self.unindexed) {
                let all = wanted.iter().fold(u64::MAX, |acc, &b| acc & block[b]);
                *u |= all | unindexed;
            }
        }
        Some((union, exact))
    }

    /// Makes room for `rows` rows, keeping what is indexed.
    fn grow(&mut self, rows: usize) {
        let need = rows.div_ceil(64);
        if need > self.blocks.len() {
            self.blocks.resize(need, [0; BLOCK]);
            self.unindexed.resize(need, 0);
            self.unsure.resize(need, 0);
        }
    }
}

/// Sets `bit` in `block` for every byte of `bytes`, every pair of letters or digits and every
/// trigram, in one pass (scale issue: three passes over the text, each index checked against a
/// slice, took 0.41-0.52 s for 100,000 rows on the console's thread during a first sync).
/// Every index is below `BLOCK` by construction, so the array needs no checks.
fn mark(block: &mut [u64; BLOCK], bit: u64, bytes: &[u8]) {
    let (mut before, mut last) = (None::<u8>, None::<u8>);
    for &c in bytes {
        block[BYTES + usize::from(c)] |= bit;
        if let Some(b) = last {
            if let (Some(x), Some(y)) = (alnum(b), alnum(c)) {
                block[PAIRS + x * ALNUM + y] |= bit;
            }
            if let Some(a) = before {
                let (i, j) = buckets(&[a, b, c]);
                block[i] |= bit;
                block[j] |= bit;
            }
        }
        (before, last) = (last, Some(c));
    }
}

/// True when row `i`'s bit is set in a bitset over rows.
fn has(words: &[u64], i: usize) -> bool {
    words
        .get(i / 64)
        .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
}

/// The bytes a value's match must contain, when there are any.
fn needle(field: Field, v: &super::parse::Value) -> Option<Vec<u8>> {
    let text = v.text.as_bytes();
    let bytes = match field.record_tag() {
        Some(tag) if field.compare() == Compare::Prefix => {
            let mut n = vec![b'\n', tag];
            n.extend_from_slice(text);
            n
        }
        _ => text.to_vec(),
    };
    (!bytes.is_empty()).then_some(bytes)
}

/// The words of a block whose bits a row holding `needle` has set, and whether they are set
/// only then: one byte, or two letters or digits, are exact; longer needles go by trigrams.
fn wanted(needle: &[u8]) -> (Vec<usize>, bool) {
    match needle {
        [c] => (vec![BYTES + usize::from(*c)], true),
        [a, b] => match pair(needle) {
            Some(k) => (vec![PAIRS + k], true),
            None => (
                vec![BYTES + usize::from(*a), BYTES + usize::from(*b)],
                false,
            ),
        },
        _ => {
            let mut w: Vec<usize> = needle
                .windows(3)
                .flat_map(|t| {
                    let (a, b) = buckets(t);
                    [a, b]
                })
                .collect();
            w.sort_unstable();
            w.dedup();
            (w, false)
        }
    }
}

/// A pair of lower-case ASCII letters or digits, as its place in the pair set.
fn pair(p: &[u8]) -> Option<usize> {
    Some(alnum(p[0])? * ALNUM + alnum(p[1])?)
}

/// A lower-case ASCII letter or digit as its place in the pair set's alphabet (below `ALNUM`).
fn alnum(c: u8) -> Option<usize> {
    match c {
        b'a'..=b'z' => Some(usize::from(c - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(c - b'0')),
        _ => None,
    }
}

/// A trigram's bucket in each table (the second offset by `BUCKETS`): a multiplicative hash,
/// and a murmur-style mix of the same bytes, so trigrams that share a bucket in one table
/// rarely share it in the other.
fn buckets(t: &[u8]) -> (usize, usize) {
    let x = u32::from(t[0]) | u32::from(t[1]) << 8 | u32::from(t[2]) << 16;
    let shift = 32 - BUCKETS.trailing_zeros();
    let a = (x.wrapping_mul(0x9E37_79B1) >> shift) as usize;
    let mut y = x.wrapping_mul(0x85EB_CA77);
    y ^= y >> 13;
    y = y.wrapping_mul(0xC2B2_AE35);
    (a, BUCKETS + (y >> shift) as usize)
}

#[cfg(test)]
mod tests;
