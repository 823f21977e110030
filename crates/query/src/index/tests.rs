//! The trigram index: candidates against the rows' text, updates, and the one-pass marking.

use super::*;
use mde_model::{Alert, AlertRow, EntityType, Evidence};

fn rows() -> Vec<AlertRow> {
    (0..300)
        .map(|i| {
            let mut a = Alert::new(format!("da{i}"), format!("alert number {i}"));
            let mut p = Evidence::empty(EntityType::Process);
            p.process_command_line = Some(format!("powershell -enc QUJD{i}"));
            p.sha1 = Some(format!("{:040x}", i * 7919));
            a.evidence = vec![p];
            if i % 6 == 0 {
                a.assigned_to = Some(format!("Ωwner{i}@Contoso.com"));
            } else if i % 6 == 3 {
                a.assigned_to = Some(format!("Owner{i}@Contoso.com"));
            }
            let mut r = AlertRow::from_alert(&a);
            if i % 50 == 7 {
                r.search = SearchText::default();
            }
            r
        })
        .collect()
}

fn indexed() -> (Vec<AlertRow>, TextIndex) {
    let rows = rows();
    let mut index = TextIndex::default();
    for (i, r) in rows.iter().enumerate() {
        index.set(i, &r.search, r.assigned_to.as_deref());
    }
    (rows, index)
}

#[test]
fn candidates_never_lose_a_match() {
    let (rows, index) = indexed();
    for q in [
        "number 12",
        "qujd29",
        "cmd:-enc",
        "hash:0000",
        "hash:3,9",
        "ωwner3",
        "contoso",
        "!powershell",
        "sev:high",
        "number cmd:qujd1",
        "zz",
        "nothing-like-this",
    ] {
        let query = Query::parse(q).unwrap();
        let cand = index.candidates(&query);
        let mut narrowed = 0;
        for (i, r) in rows.iter().enumerate() {
            if query.matches(r) {
                assert!(cand.as_ref().is_none_or(|c| c.contains(i)), "{q}: row {i}");
            }
            narrowed += usize::from(cand.as_ref().is_some_and(|c| !c.contains(i)));
        }
        if q == "nothing-like-this" {
            assert!(
                narrowed > 250,
                "a rare needle leaves few candidates: {narrowed}"
            );
        }
    }
    assert!(
        index
            .candidates(&Query::parse("sev:high !x").unwrap())
            .is_none()
    );
}

#[test]
fn one_or_two_letters_of_free_text_are_decided_without_reading_the_rows() {
    let (rows, index) = indexed();
    // Exact: a byte, two letters or digits, alone or together; the owner counts.
    for q in ["n", "nu", "q7", "@", "1 nu", "zz", "x"] {
        let query = Query::parse(q).unwrap();
        let cand = index.candidates(&query).unwrap();
        let mut sure = 0;
        for (i, r) in rows.iter().enumerate() {
            let (m, s) = (query.matches(r), cand.sure(i));
            assert!(!s || m, "{q}: row {i} is sure but does not match");
            // Only unindexed rows and non-ASCII owners are left to be read.
            let readable = !r.search.is_empty() && i % 6 != 0;
            assert!(!readable || s == m, "{q}: row {i} matches {m}, sure {s}");
            sure += usize::from(s);
        }
        if q == "@" {
            assert!(sure >= 40, "ASCII owners decide `@`: {sure}");
        }
    }
    // Not exact: punctuation pairs, trigrams, evidence fields, a term the index cannot
    // answer beside one it can.
    for q in ["a.", "num", "n,q", "cmd:q", "n sev:high", "n !x"] {
        let query = Query::parse(q).unwrap();
        if let Some(cand) = index.candidates(&query) {
            assert!((0..rows.len()).all(|i| !cand.sure(i)), "{q}");
        }
    }
}

#[test]
fn a_changed_row_is_indexed_again() {
    let rows = rows();
    let mut index = TextIndex::default();
    index.set(0, &rows[1].search, None);
    let q = Query::parse("number 1").unwrap();
    assert!(index.candidates(&q).unwrap().contains(0));
    index.set(0, &rows[0].search, None);
    let q = Query::parse("qujd1").unwrap();
    assert!(
        !index.candidates(&q).unwrap().contains(0),
        "the old text is gone"
    );
    index.clear();
    assert_eq!(
        index
            .candidates(&Query::parse("number").unwrap())
            .unwrap()
            .count(),
        0
    );
}

/// A row left unindexed (its indexing waits) is a candidate of every term and never sure, so
/// each query reads it; once indexed it is narrowed as before.
#[test]
fn an_unindexed_row_is_read_by_every_query_until_it_is_indexed() {
    let (rows, mut index) = indexed();
    index.set_unindexed(13);
    for q in ["number 13", "nothing-like-this", "n", "zz", "cmd:-enc"] {
        let cand = index.candidates(&Query::parse(q).unwrap()).unwrap();
        assert!(cand.contains(13) && !cand.sure(13), "{q}");
    }
    index.set(13, &rows[13].search, rows[13].assigned_to.as_deref());
    let rare = index.candidates(&Query::parse("nothing-like-this").unwrap());
    assert!(!rare.unwrap().contains(13));
    let n = index.candidates(&Query::parse("n").unwrap()).unwrap();
    assert!(
        n.contains(13) && n.sure(13),
        "indexed again, the exact set decides"
    );
}

/// The one-pass `mark` sets the bits the three plain passes it replaced set: every byte,
/// every pair of letters or digits, every trigram's two buckets, and nothing else.
#[test]
fn one_pass_marks_what_three_passes_did() {
    let reference = |bytes: &[u8]| {
        let mut block = [0u64; BLOCK];
        for &c in bytes {
            block[BYTES + usize::from(c)] |= 1;
        }
        for p in bytes.windows(2) {
            if let Some(k) = pair(p) {
                block[PAIRS + k] |= 1;
            }
        }
        for t in bytes.windows(3) {
            let (a, b) = buckets(t);
            block[a] |= 1;
            block[b] |= 1;
        }
        block
    };
    let all: Vec<u8> = (0..=255).collect();
    let texts: [&[u8]; 7] = [
        b"",
        b"a",
        b"z9",
        b"\n\x04powershell.exe\n\x05ab12",
        "c:\\users\\jdoe ünïcødé ✓".as_bytes(),
        b"aaaaaaaaaaaa0000",
        &all,
    ];
    for t in texts {
        let mut block = [0u64; BLOCK];
        mark(&mut block, 1, t);
        assert!(block == reference(t), "{:?}", String::from_utf8_lossy(t));
    }
}
