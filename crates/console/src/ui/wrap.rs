//! Hard wrapping of already-sanitised text into screen rows, as borrowed slices, so a
//! 100,000-character value is split once per frame without copying and only the visible rows
//! become `Line`s.

use unicode_width::UnicodeWidthChar;

/// One screen row of a wrapped text: the slice and its byte offset in the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<'a> {
    /// Byte offset of the row's first character in the text.
    pub start: usize,
    /// The row's text (no newline).
    pub text: &'a str,
}

/// Splits `s` at newlines and then every `cols` display columns. A wide character that would
/// straddle the edge moves to the next row. `cols == 0` is treated as 1.
pub fn rows(s: &str, cols: usize) -> Vec<Row<'_>> {
    let cols = cols.max(1);
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in s.split('\n') {
        let mut start = 0;
        let mut used = 0;
        for (i, c) in line.char_indices() {
            let w = c.width().unwrap_or(0);
            if used + w > cols && i > start {
                out.push(Row {
                    start: line_start + start,
                    text: &line[start..i],
                });
                start = i;
                used = 0;
            }
            used += w;
        }
        out.push(Row {
            start: line_start + start,
            text: &line[start..],
        });
        line_start += line.len() + 1;
    }
    out
}

/// Byte ranges of every case-insensitive (ASCII folding) occurrence of `needle` in `hay`,
/// non-overlapping, in order. An empty needle matches nothing.
pub fn find_all(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + n.len() <= h.len() {
        if h[i..i + n.len()].eq_ignore_ascii_case(n) && hay.is_char_boundary(i) {
            out.push((i, i + n.len()));
            i += n.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Index of the row that holds byte offset `at`.
pub fn row_of(rows: &[Row<'_>], at: usize) -> usize {
    rows.partition_point(|r| r.start <= at).saturating_sub(1)
}

/// Word wrapping of already-sanitised prose into rows of at most `cols` display columns: breaks
/// at spaces, a word longer than a row is split (issue 10: the response dialogs' sentences).
pub fn words(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let w = |t: &str| unicode_width::UnicodeWidthStr::width(t);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|x| !x.is_empty()) {
            let need = if line.is_empty() {
                w(word)
            } else {
                w(&line) + 1 + w(word)
            };
            if need <= cols {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            if w(word) <= cols {
                line.push_str(word);
            } else {
                let pieces = rows(word, cols);
                let last = pieces.len().saturating_sub(1);
                for (k, r) in pieces.into_iter().enumerate() {
                    if k == last {
                        line.push_str(r.text);
                    } else {
                        out.push(r.text.to_string());
                    }
                }
            }
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces_and_split_only_long_words() {
        assert_eq!(
            words("it loses all network access", 12),
            ["it loses all", "network", "access"]
        );
        assert_eq!(words("abcdefghij x", 4), ["abcd", "efgh", "ij x"]);
        assert_eq!(words("", 5), [""]);
    }

    #[test]
    fn rows_split_at_newlines_and_width() {
        let r = rows("abcdef\ngh", 4);
        let texts: Vec<_> = r.iter().map(|r| r.text).collect();
        assert_eq!(texts, ["abcd", "ef", "gh"]);
        assert_eq!(r[2].start, 7);
        assert_eq!(rows("", 10).len(), 1);
        // A wide char never straddles the edge.
        let texts: Vec<_> = rows("a漢字", 2).iter().map(|r| r.text).collect();
        assert_eq!(texts, ["a", "漢", "字"]);
    }

    #[test]
    fn a_long_value_wraps_into_the_right_number_of_rows() {
        let s = "x".repeat(100_000);
        assert_eq!(rows(&s, 78).len(), 100_000usize.div_ceil(78));
    }

    #[test]
    fn search_is_case_insensitive_and_maps_to_rows() {
        let text = "Invoke-Expression; iex; IEX";
        let m = find_all(text, "iex");
        assert_eq!(m, [(19, 22), (24, 27)]);
        let r = rows(text, 10);
        assert_eq!(row_of(&r, 19), 1);
        assert_eq!(row_of(&r, 24), 2);
        assert!(find_all(text, "").is_empty());
        assert_eq!(find_all("ÄäÄ", "ä").len(), 1);
    }
}
