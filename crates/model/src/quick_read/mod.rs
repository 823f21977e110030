//! The quick path for reading a page's alerts (scale issue: serde_json's generic visitors cost
//! most of a sync's parse). It reads the shape the service sends, keys in their usual order
//! and mostly null, with a hand-written scanner, and gives up (`None`) on anything it does not
//! read exactly as serde_json would: an odd number, a lone surrogate, a duplicate key, a value
//! of the wrong type. The page reader then reads that alert through serde as before, so what
//! an alert becomes, and every error, stays serde's.

mod alert;
mod evidence;
mod people;
mod scan;
#[cfg(test)]
mod tests;
mod value;

use crate::alert::Alert;
use crate::evidence::Evidence;
use std::borrow::Cow;

/// The alert object at `p` in `text` and where it ends, or `None` to read it through serde.
/// With `whole` false the alert is read for its row only: what the row does not read (event,
/// evidence and comment times, device, tenant and detector ids, the text of comments and
/// logged-on users) is checked, not kept.
pub(crate) fn alert<'a, S: From<Cow<'a, str>>>(
    text: &'a str,
    p: usize,
    whole: bool,
) -> Option<(Alert<Evidence<S>>, usize)> {
    let mut s = scan::Scan {
        text,
        pos: p,
        whole,
    };
    let a = alert::read(&mut s)?;
    Some((a, s.pos))
}
