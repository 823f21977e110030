//! Matching a `Query` against a compact row. Nothing is allocated: the row's searchable text is
//! already lower-cased, and each value's searcher was built when the query was parsed.

use super::field::Field;
use super::parse::{Query, Term, Value};
use mde_model::AlertRow;

impl Query {
    /// True when the row passes every term.
    pub fn matches(&self, row: &AlertRow) -> bool {
        self.terms
            .iter()
            .all(|t| t.matches(row, &self.me) != t.negate)
    }
}

impl Term {
    fn matches(&self, row: &AlertRow, me: &str) -> bool {
        self.values
            .iter()
            .any(|v| value_matches(self.field, v, row, me))
    }
}

fn value_matches(field: Field, v: &Value, row: &AlertRow, me: &str) -> bool {
    let t = v.text.as_str();
    let opt = |s: &Option<String>| s.as_deref().is_some_and(|s| starts_with_ci(s, t));
    match field {
        Field::Severity => starts_with_ci(row.severity.as_str(), t),
        Field::Status => starts_with_ci(row.status.as_str(), t),
        Field::Assigned => match t {
            "me" => row
                .assigned_to
                .as_deref()
                .is_some_and(|a| !me.is_empty() && a.eq_ignore_ascii_case(me)),
            "none" => row
                .assigned_to
                .as_deref()
                .is_none_or(|a| a.trim().is_empty()),
            _ => opt(&row.assigned_to),
        },
        Field::Device => opt(&row.device),
        Field::User => {
            // `user:jdoe` should find `CONTOSO\jdoe`: match the whole value or the part after `\`.
            row.user.as_deref().is_some_and(|u| {
                starts_with_ci(u, t) || u.rsplit('\\').next().is_some_and(|n| starts_with_ci(n, t))
            })
        }
        Field::Category => opt(&row.category),
        Field::Source => opt(&row.detection_source),
        Field::Incident => row.incident_id.is_some() && row.incident_id == v.number,
        Field::Classification => row
            .classification
            .as_ref()
            .is_some_and(|c| starts_with_ci(c.as_str(), t)),
        Field::Determination => row
            .determination
            .as_ref()
            .is_some_and(|d| starts_with_ci(d.as_str(), t)),
        Field::Id => starts_with_ci(&row.id, t),
        Field::Group => opt(&row.rbac_group),
        // Issue 11: `product:office365`, `product:mdo` or the member name.
        Field::Product => row.source.as_ref().is_some_and(|p| product_matches(p, t)),
        // Evidence fields read only their own records (they lie together); a prefix field's
        // needle starts with the record's `\n<tag>`.
        Field::Hash
        | Field::Ip
        | Field::Technique
        | Field::Url
        | Field::File
        | Field::Command
        | Field::Registry
        | Field::Description
        | Field::Account => match (&v.finder, field.record_tag()) {
            (Some(f), Some(tag)) => f.find(row.search.span(tag).as_bytes()).is_some(),
            _ => false,
        },
        Field::Text => {
            if t.is_empty() {
                return true;
            }
            // The text first: it usually decides, and the owner is another read.
            let text = if row.search.is_empty() {
                // Cached before the searchable text existed: the row's own fields.
                legacy_text(row, t)
            } else {
                v.finder
                    .as_ref()
                    .is_some_and(|f| f.find(row.search.searchable().as_bytes()).is_some())
            };
            text || row
                .assigned_to
                .as_deref()
                .is_some_and(|a| contains_ci(a, t))
        }
    }
}

/// A product by its short name (`MDO`), its member name (`microsoftDefenderForOffice365`) or
/// that name without the `microsoftDefenderFor` / `microsoft` prefix (`office365`).
fn product_matches(p: &mde_model::graph::ServiceSource, t: &str) -> bool {
    let name = p.as_str();
    let bare = ["microsoftDefenderFor", "microsoft"]
        .iter()
        .find_map(|pre| name.strip_prefix(pre))
        .unwrap_or(name);
    starts_with_ci(p.short(), t) || starts_with_ci(name, t) || starts_with_ci(bare, t)
}

fn legacy_text(row: &AlertRow, t: &str) -> bool {
    let has = |s: &Option<String>| s.as_deref().is_some_and(|s| contains_ci(s, t));
    contains_ci(&row.title, t)
        || contains_ci(&row.id, t)
        || has(&row.device)
        || has(&row.user)
        || has(&row.category)
        || has(&row.detection_source)
}

/// Case-insensitive prefix test; `needle` is already lower-case.
pub fn starts_with_ci(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        return hay.len() >= needle.len()
            && hay.as_bytes()[..needle.len()].eq_ignore_ascii_case(needle.as_bytes());
    }
    let mut h = hay.chars().flat_map(char::to_lowercase);
    needle.chars().all(|n| h.next() == Some(n))
}

/// Case-insensitive substring test; `needle` is already lower-case.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    hay.char_indices()
        .any(|(i, _)| starts_with_ci(&hay[i..], needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, DetectionStatus, EntityType, Evidence, RelatedUser, Severity, Status};

    fn alert() -> Alert {
        let mut a = Alert::new("da637", "Suspicious PowerShell command line");
        a.severity = Severity::High;
        a.status = Status::InProgress;
        a.computer_dns_name = Some("WS01.contoso.local".into());
        a.related_user = Some(RelatedUser {
            user_name: Some("jdoe".into()),
            domain_name: Some("CONTOSO".into()),
        });
        a.assigned_to = Some("Analyst@Contoso.com".into());
        a.category = Some("Execution".into());
        a.detection_source = Some("WindowsDefenderAtp".into());
        a.incident_id = Some(123);
        a.mitre_techniques = vec!["T1059.001".into()];
        a.description = Some("Encoded command downloads a payload from a rare domain.".into());
        let mut p = Evidence::empty(EntityType::Process);
        p.file_name = Some("powershell.exe".into());
        p.file_path = Some("C:\\Windows\\System32\\WindowsPowerShell\\v1.0".into());
        p.process_command_line = Some("powershell.exe -NoP -EncodedCommand SQBFAFgA".into());
        p.sha1 = Some("3395856CE81F2B7382DEE72602F798B642F14140".into());
        p.detection_status = Some(DetectionStatus::Detected);
        let mut ip = Evidence::empty(EntityType::Ip);
        ip.ip_address = Some("10.1.2.3".into());
        let mut u = Evidence::empty(EntityType::Url);
        u.url = Some("https://Stage2.Evil.Example/drop.ps1".into());
        let mut r = Evidence::empty(EntityType::Registry);
        r.registry_key = Some("Software\\Microsoft\\Windows\\CurrentVersion\\Run".into());
        r.registry_value_name = Some("Updater".into());
        a.evidence = vec![p, ip, u, r];
        a
    }

    fn m(q: &str) -> bool {
        Query::parse(q)
            .unwrap_or_else(|e| panic!("{q}: {e}"))
            .for_identity("analyst@contoso.com")
            .matches(&AlertRow::from_alert(&alert()))
    }

    #[test]
    fn fields_match_case_insensitive_prefixes() {
        for q in [
            "",
            "sev:high",
            "SEV:H",
            "severity:hi",
            "status:inprog",
            "st:in",
            "assigned:me",
            "owner:analyst",
            "device:ws01",
            "host:WS",
            "user:jdoe",
            "user:contoso\\j",
            "cat:exec",
            "src:windowsdefender",
            "incident:123",
            "inc:5,123",
            "id:da6",
            "powershell",
            "\"command line\"",
            "sev:low,high",
            "!sev:low",
            "!assigned:none",
            "sev:high status:in powershell",
        ] {
            assert!(m(q), "{q} should match");
        }
        for q in [
            "sev:low",
            "status:new",
            "assigned:none",
            "!assigned:me",
            "device:ws02",
            "user:doe",
            "incident:12",
            "class:true",
            "det:malware",
            "mimikatz",
            "!powershell",
            "sev:high mimikatz",
        ] {
            assert!(!m(q), "{q} should not match");
        }
    }

    #[test]
    fn evidence_fields_and_free_text_reach_the_evidence() {
        for q in [
            "hash:3395856c",
            "sha1:3395856CE81F",
            "ip:10.1.",
            "ip:10.1.2.3",
            "url:evil.example",
            "domain:stage2.evil",
            "url:drop.ps1",
            "file:powershell",
            "file:system32\\windowspowershell",
            "cmd:-encodedcommand",
            "reg:currentversion\\run",
            "reg:updater",
            "tech:t1059",
            "tech:T1059.001",
            "desc:rare domain",
            "account:jdoe",
            // Free text finds evidence, techniques and the description too.
            "sqbfafga",
            "3395856c",
            "10.1.2.3",
            "t1059",
            "payload",
            "stage2.evil",
        ] {
            assert!(m(q), "{q} should match");
        }
        for q in [
            "hash:95856c",
            "ip:1.2.3",
            "tech:1059",
            "url:powershell",
            "cmd:rare",
            "file:10.1.2.3",
            "desc:powershell.exe",
            "reg:encodedcommand",
            "!hash:3395",
        ] {
            assert!(!m(q), "{q} should not match");
        }
    }

    #[test]
    fn free_text_skips_the_original_case_records_and_old_rows_use_their_fields() {
        // The detected entity's status "Blocked" is kept only in its original case: a needle
        // found there alone ("locked") must not match.
        let mut a = Alert::new("x1", "t");
        let mut f = Evidence::empty(EntityType::File);
        f.file_name = Some("A.EXE".into());
        f.detection_status = Some(DetectionStatus::Blocked);
        a.evidence = vec![f];
        let row = AlertRow::from_alert(&a);
        assert!(row.search.as_str().contains("A.EXE"));
        assert!(!Query::parse("locked").unwrap().matches(&row));
        assert!(Query::parse("a.exe").unwrap().matches(&row));
        let mut old = AlertRow::from_alert(&alert());
        old.search = Default::default();
        assert!(Query::parse("ws01").unwrap().matches(&old));
        assert!(!Query::parse("sqbfafga").unwrap().matches(&old));
    }

    #[test]
    fn product_matches_the_short_the_member_and_the_bare_name() {
        use mde_model::graph::ServiceSource;
        let mut row = AlertRow::from_alert(&alert());
        let q = |t: &str| Query::parse(t).unwrap();
        // The MDE API names no product: a product term matches nothing, its negation all.
        assert!(!q("product:endpoint").matches(&row));
        assert!(q("!product:endpoint").matches(&row));
        row.source = Some(ServiceSource::MicrosoftDefenderForOffice365);
        for t in [
            "product:office365",
            "product:Office",
            "prod:mdo",
            "product:microsoftdefenderforoffice",
            "product:endpoint,office365",
        ] {
            assert!(q(t).matches(&row), "{t} should match");
        }
        for t in [
            "product:endpoint",
            "product:mde",
            "product:365",
            "!product:mdo",
        ] {
            assert!(!q(t).matches(&row), "{t} should not match");
        }
        row.source = Some(ServiceSource::Microsoft365Defender);
        assert!(q("product:xdr").matches(&row) && q("product:365").matches(&row));
    }

    #[test]
    fn assigned_me_needs_an_identity() {
        let q = Query::parse("assigned:me").unwrap();
        assert!(!q.matches(&AlertRow::from_alert(&alert())));
    }

    #[test]
    fn non_ascii_matching() {
        assert!(contains_ci("Überwachung", "berw"));
        assert!(starts_with_ci("ÉCOLE", "éc"));
        assert!(!starts_with_ci("ab", "abc"));
        assert!(contains_ci("anything", ""));
        let mut a = Alert::new("x", "Überwachung der Dateien");
        a.computer_dns_name = Some("PC".into());
        assert!(
            Query::parse("ÜBERW")
                .unwrap()
                .matches(&AlertRow::from_alert(&a))
        );
    }
}
