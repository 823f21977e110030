//! The fields a term can name, as one table: the names typed before the colon, what each
//! matches, an example. The parser, the help screen and the suggestions all read it.

use mde_model::search::tag;

/// What a term looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Severity word.
    Severity,
    /// Status.
    Status,
    /// Owner (`me` and `none` are special).
    Assigned,
    /// Device name.
    Device,
    /// Related user (`DOMAIN\user`; the part after `\` also matches).
    User,
    /// Category.
    Category,
    /// Detection source.
    Source,
    /// Incident id (exact number).
    Incident,
    /// Classification.
    Classification,
    /// Determination.
    Determination,
    /// Alert id.
    Id,
    /// Device group.
    Group,
    /// SHA-1 / SHA-256 of any evidence (prefix).
    Hash,
    /// IP address of any evidence (prefix).
    Ip,
    /// URL or domain of any evidence (substring).
    Url,
    /// File name or path of any evidence (substring).
    File,
    /// Command line of any process (substring).
    Command,
    /// Registry key, value name or value (substring).
    Registry,
    /// MITRE ATT&CK technique id (prefix: `T1059` finds `T1059.001`).
    Technique,
    /// The description (substring).
    Description,
    /// Any account of the evidence (substring).
    Account,
    // Issue 11 (Graph backend): the Defender product that raised the alert.
    /// The product (`AlertRow.source`: MDE, MDO, MDI, …; Graph backend only).
    Product,
    /// Free text: anywhere in the alert's searchable text, and the owner.
    Text,
}

/// How a term's values compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compare {
    /// The value starts with the typed text.
    Prefix,
    /// The value contains the typed text.
    Substring,
    /// The value equals the typed number.
    Number,
}

impl Field {
    /// How the field compares its values.
    pub(crate) fn compare(self) -> Compare {
        match self {
            Field::Incident => Compare::Number,
            Field::Url
            | Field::File
            | Field::Command
            | Field::Registry
            | Field::Description
            | Field::Account
            | Field::Text => Compare::Substring,
            _ => Compare::Prefix,
        }
    }

    /// The record tag the field searches in the alert's searchable text, for evidence fields.
    pub(crate) fn record_tag(self) -> Option<u8> {
        Some(match self {
            Field::Hash => tag::HASH,
            Field::Ip => tag::IP,
            Field::Url => tag::URL,
            Field::File => tag::FILE,
            Field::Command => tag::COMMAND,
            Field::Registry => tag::REGISTRY,
            Field::Technique => tag::TECHNIQUE,
            Field::Description => tag::DESCRIPTION,
            Field::Account => tag::ACCOUNT,
            _ => return None,
        })
    }

    /// The values worth suggesting whatever the data (`None` when the data decides).
    pub fn fixed_values(self) -> &'static [&'static str] {
        match self {
            Field::Severity => &["high", "medium", "low", "informational"],
            Field::Status => &["new", "inprogress", "resolved"],
            Field::Assigned => &["me", "none"],
            Field::Classification => &[
                "truepositive",
                "falsepositive",
                "informationalexpectedactivity",
            ],
            Field::Product => &["endpoint", "office365", "identity", "cloudapps", "cloud"],
            Field::Determination => &[
                "multistagedattack",
                "malicioususeractivity",
                "compromisedaccount",
                "malware",
                "phishing",
                "unwantedsoftware",
                "securitytesting",
                "lineofbusinessapplication",
                "confirmedactivity",
                "notmalicious",
                "noenoughdatatovalidate",
                "other",
            ],
            _ => &[],
        }
    }

    /// The name the help and the suggestions use.
    pub fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|d| d.field == self)
            .map_or("", |d| d.names[0])
    }
}

/// One row of the field table.
#[derive(Debug, Clone, Copy)]
pub struct FieldDoc {
    /// The names accepted before the colon; the first is the one shown.
    pub names: &'static [&'static str],
    /// The field.
    pub field: Field,
    /// What it matches, in a few words.
    pub what: &'static str,
    /// An example term.
    pub example: &'static str,
}

/// Every named field, in the order the help lists them.
pub const FIELDS: &[FieldDoc] = &[
    doc(
        &["sev", "severity"],
        Field::Severity,
        "severity",
        "sev:high,medium",
    ),
    doc(
        &["status", "st"],
        Field::Status,
        "status",
        "status:new,inprogress",
    ),
    doc(
        &["assigned", "owner", "assignee"],
        Field::Assigned,
        "owner; me, none",
        "assigned:me",
    ),
    doc(
        &["device", "host"],
        Field::Device,
        "device name",
        "device:ws-eng",
    ),
    doc(
        &["user"],
        Field::User,
        "user (DOMAIN\\name or name)",
        "user:jdoe",
    ),
    doc(
        &["cat", "category"],
        Field::Category,
        "category",
        "cat:credential",
    ),
    doc(
        &["src", "source"],
        Field::Source,
        "detection source",
        "src:windowsdefenderav",
    ),
    doc(
        &["incident", "inc"],
        Field::Incident,
        "incident id (number)",
        "incident:1100231",
    ),
    doc(
        &["class", "classification"],
        Field::Classification,
        "classification",
        "class:truepositive",
    ),
    doc(
        &["det", "determination"],
        Field::Determination,
        "determination",
        "det:malware",
    ),
    doc(&["id"], Field::Id, "alert id", "id:da63"),
    doc(&["group"], Field::Group, "device group", "group:finance"),
    doc(
        &["hash", "sha1", "sha256"],
        Field::Hash,
        "SHA-1/SHA-256 of evidence (prefix)",
        "hash:3395856c",
    ),
    doc(&["ip"], Field::Ip, "IP of evidence (prefix)", "ip:10.1."),
    doc(
        &["url", "domain"],
        Field::Url,
        "URL or domain of evidence",
        "url:evil.example",
    ),
    doc(
        &["file"],
        Field::File,
        "file name or path of evidence",
        "file:mimikatz",
    ),
    doc(
        &["cmd", "cmdline"],
        Field::Command,
        "process command line",
        "cmd:-enc",
    ),
    doc(
        &["reg", "registry"],
        Field::Registry,
        "registry key or value",
        "reg:currentversion\\run",
    ),
    doc(
        &["tech", "mitre"],
        Field::Technique,
        "MITRE technique id (prefix)",
        "tech:T1059",
    ),
    doc(
        &["desc", "description"],
        Field::Description,
        "description text",
        "desc:lsass",
    ),
    doc(
        &["account", "acct"],
        Field::Account,
        "account of evidence",
        "account:svc-backup",
    ),
    // Issue 11 (Graph backend).
    doc(
        &["product", "prod"],
        Field::Product,
        "Defender product (Graph backend)",
        "product:office365",
    ),
];

const fn doc(
    names: &'static [&'static str],
    field: Field,
    what: &'static str,
    example: &'static str,
) -> FieldDoc {
    FieldDoc {
        names,
        field,
        what,
        example,
    }
}

/// The field a name stands for (case-insensitive).
pub fn field_named(name: &str) -> Option<Field> {
    FIELDS
        .iter()
        .find(|d| d.names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        .map(|d| d.field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_every_field_but_free_text_has_one() {
        let mut names = HashSet::new();
        for d in FIELDS {
            for n in d.names {
                assert!(names.insert(*n), "{n} twice");
                assert_eq!(field_named(n), Some(d.field));
                assert_eq!(field_named(&n.to_uppercase()), Some(d.field));
            }
        }
        assert_eq!(FIELDS.len(), 22);
        assert!(!FIELDS.iter().any(|d| d.field == Field::Text));
        assert_eq!(Field::Hash.name(), "hash");
    }
}
