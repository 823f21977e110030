//! Moving a cursor over `len` lines: the one clamping rule of the alert list, the incident list,
//! the process story and the device panel.

/// The position `delta` lines from `cursor`, clamped to `0..len`; `isize::MIN` and `isize::MAX`
/// mean the first and the last line. `None` when there are no lines.
pub fn step(cursor: usize, len: usize, delta: isize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match delta {
        isize::MIN => 0,
        isize::MAX => len - 1,
        d => cursor.saturating_add_signed(d).min(len - 1),
    })
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn clamps_and_jumps() {
        assert_eq!(step(0, 0, 1), None);
        assert_eq!(step(2, 5, -10), Some(0));
        assert_eq!(step(2, 5, 10), Some(4));
        assert_eq!(step(2, 5, isize::MIN), Some(0));
        assert_eq!(step(2, 5, isize::MAX), Some(4));
        assert_eq!(step(2, 5, 1), Some(3));
    }
}
