use super::builder::{clean, clean_into, fold_into, trim, url_host};
use super::*;
use crate::evidence::Evidence;

fn alert() -> Alert {
    let mut a = Alert::new("da1", "Mimikatz Credential Theft");
    a.computer_dns_name = Some("WS-ENG-194.contoso.local".into());
    a.mitre_techniques = vec!["T1003.001".into()];
    a.description = Some("Dumped\u{1b}[2J LSASS memory".into());
    let mut f = Evidence::empty(EntityType::File);
    f.file_name = Some("Mimikatz.EXE".into());
    f.file_path = Some("C:\\Users\\jdoe\\Downloads".into());
    f.sha256 = Some("ABCDEF".repeat(10) + "0123");
    f.detection_status = Some(DetectionStatus::Blocked);
    let mut p = Evidence::empty(EntityType::Process);
    p.file_name = Some("powershell.exe".into());
    p.process_command_line = Some("powershell -enc SQBFAFgA".into());
    p.detection_status = Some(DetectionStatus::Detected);
    let mut u = Evidence::empty(EntityType::Url);
    u.url = Some("http://Evil.Example:8080/stage2".into());
    let mut ip = Evidence::empty(EntityType::Ip);
    ip.ip_address = Some("203.0.113.7".into());
    a.evidence = vec![p, f, u, ip];
    a
}

#[test]
fn records_are_tagged_and_folded() {
    let t = SearchText::of(&alert());
    let has = |tag: u8, v: &str| t.records().any(|(g, x)| g == tag && x == v);
    assert!(has(tag::TEXT, "mimikatz credential theft"));
    assert!(has(tag::TEXT, "ws-eng-194.contoso.local"));
    assert!(has(tag::TECHNIQUE, "t1003.001"));
    assert!(has(tag::FILE, "mimikatz.exe"));
    assert!(has(tag::FILE, "c:\\users\\jdoe\\downloads"));
    // Each tag's records lie together, the detected entity first.
    assert!(t.span(tag::HASH).starts_with("\n\u{5}"));
    assert!(t.span(tag::HASH).contains(&("abcdef".repeat(10) + "0123")));
    assert!(!t.span(tag::HASH).contains("203.0.113.7"));
    assert!(t.as_str().starts_with("\n\u{e}"));
    assert!(!t.searchable().contains('\u{e}'));
    assert!(t.searchable().contains("lsass"));
    assert_eq!(SearchText::from_stored(t.as_str()), t);
    assert!(has(tag::HASH, &("abcdef".repeat(10) + "0123")));
    assert!(has(tag::IP, "203.0.113.7"));
    assert!(has(tag::URL, "evil.example"));
    assert!(has(tag::COMMAND, "powershell -enc sqbfafga"));
    assert!(has(tag::DESCRIPTION, "dumped [2j lsass memory"));
    // The control characters of the data are gone; only the tags and separators remain.
    assert!(
        t.as_str()
            .chars()
            .all(|c| !c.is_control() || c == '\n' || (c as u32) < 0x10)
    );
}

#[test]
fn the_blocked_file_is_the_detected_entity_in_its_own_case() {
    let t = SearchText::of(&alert());
    let d = t.detected().expect("a detected entity");
    assert_eq!(d.kind, "File");
    assert_eq!(d.status, "Blocked");
    assert_eq!(d.name, Some("Mimikatz.EXE"));
    assert_eq!(d.sha256, Some(&*("ABCDEF".repeat(10) + "0123")));
    assert!(SearchText::of(&Alert::new("x", "y")).detected().is_none());
}

#[test]
fn long_values_are_capped_and_duplicates_kept_once() {
    let mut a = alert();
    let mut p = Evidence::empty(EntityType::Process);
    p.process_command_line = Some("x".repeat(100_000));
    a.evidence.push(p.clone());
    a.evidence.push(p);
    let t = SearchText::of(&a);
    assert!(t.as_str().len() <= MAX_TEXT);
    let long = t
        .records()
        .filter(|(g, v)| *g == tag::COMMAND && v.starts_with("xxx"))
        .count();
    assert_eq!(long, 1);
}

#[test]
fn folding_in_one_pass_matches_clean_then_lowercase() {
    let mut out = Vec::new();
    for v in [
        "PowerShell -ENC SQBFAFgA",
        "tab\there\u{7f}del",
        "ÉCOLE ΣΟΦΟΣ",
        "ascii first then Ünïcode",
        &"A".repeat(300),
    ] {
        for cap in [0, 5, 12, 256] {
            out.clear();
            fold_into(v, cap, &mut out);
            assert_eq!(
                out,
                clean(v, cap).to_lowercase().as_bytes(),
                "{v:?} cut at {cap}"
            );
            out.clear();
            clean_into(v, cap, &mut out);
            assert_eq!(out, clean(v, cap).as_bytes(), "{v:?} cleaned, cut at {cap}");
        }
    }
}

#[test]
fn every_ascii_byte_folds_as_the_plain_way_does() {
    let all: String = (0u8..128).map(char::from).collect();
    let mut out = Vec::new();
    fold_into(&all, 256, &mut out);
    assert_eq!(out, clean(&all, 256).to_lowercase().as_bytes());
    out.clear();
    clean_into(&all, 256, &mut out);
    assert_eq!(out, clean(&all, 256).as_bytes());
}

#[test]
fn url_hosts() {
    assert_eq!(url_host("https://a.b/c"), Some("a.b"));
    assert_eq!(url_host("http://u:p@h.test:81/x?q"), Some("h.test"));
    assert_eq!(url_host("evil.test"), None);
}

/// What the builder must produce, written the plain way: values folded one by one, a duplicate
/// in its tag or one past the length cap left out, then grouped by tag, the detected ones first.
fn plain_text(adds: &[(u8, &str)]) -> String {
    let mut kept: Vec<(u8, String)> = Vec::new();
    let mut len = 0;
    for &(t, v) in adds {
        let mut f = Vec::new();
        fold_into(v.trim(), MAX_VALUE, &mut f);
        let f = String::from_utf8(f).expect("folded values are UTF-8");
        if f.is_empty() || len + f.len() + 2 > MAX_TEXT || kept.contains(&(t, f.clone())) {
            continue;
        }
        len += f.len() + 2;
        kept.push((t, f));
    }
    let order =
        std::iter::once(tag::DETECTED).chain((0..TAGS as u8).filter(|t| *t != tag::DETECTED));
    let mut out = String::new();
    for t in order {
        for (_, v) in kept.iter().filter(|(g, _)| *g == t) {
            out.push('\n');
            out.push(char::from(t));
            out.push_str(v);
        }
    }
    out
}

#[test]
fn the_builder_gives_the_plain_text_and_the_spans_a_stored_text_reads_back() {
    let long = "Q".repeat(300);
    let many: Vec<String> = (0..40)
        .map(|i| format!("value-{i}-{}", "z".repeat(120)))
        .collect();
    let mut cases: Vec<Vec<(u8, &str)>> = vec![
        vec![],
        vec![(tag::TEXT, "  ")],
        vec![
            (tag::FILE, "A.exe"),
            (tag::FILE, "a.EXE"),
            (tag::HASH, "a.exe"),
            (tag::FILE, "b"),
        ],
        vec![
            (tag::URL, "ΣΟΦΟΣ"),
            (tag::URL, "σοφος"),
            (tag::TEXT, "tab\there"),
            (tag::COMMAND, &long),
        ],
        vec![
            (tag::ACCOUNT, "x"),
            (tag::TEXT, "y"),
            (tag::ACCOUNT, "z"),
            (tag::TEXT, "x"),
        ],
    ];
    // Past the length cap: later values are left out, shorter ones after them still fit.
    let mut capped: Vec<(u8, &str)> = many.iter().map(|v| (tag::COMMAND, v.as_str())).collect();
    capped.push((tag::IP, "10.0.0.1"));
    cases.push(capped);
    // More (tag, length) pairs than the builder's 64-bit filter of kept values has bits, values
    // of one length that differ, and every value again after 276 (its duplicate check).
    let tags = [tag::FILE, tag::HASH, tag::ACCOUNT, tag::REGISTRY];
    let varied: Vec<(u8, String)> = (0..400)
        .map(|i| (tags[i % 4], format!("{}{}", "k".repeat(i % 23), i % 3)))
        .collect();
    cases.push(varied.iter().map(|(t, v)| (*t, v.as_str())).collect());
    for adds in cases {
        let mut b = Builder::default();
        for &(t, v) in &adds {
            b.add(t, v);
        }
        let built = b.finish();
        assert_eq!(built.as_str(), plain_text(&adds), "{adds:?}");
        assert!(built.as_str().len() <= MAX_TEXT);
        assert_eq!(SearchText::from_stored(built.as_str()), built, "{adds:?}");
    }
}

#[test]
fn the_quick_trim_is_str_trim() {
    for v in [
        "",
        " ",
        "a",
        "  a b  ",
        "\t\r\nx\x0c",
        "\x0bx\x0b",
        "\u{a0}x\u{3000}",
        " \u{85}é ",
        "é",
        "x\u{2028}",
        "\x1fx",
    ] {
        assert_eq!(trim(v), v.trim(), "{v:?}");
    }
}
