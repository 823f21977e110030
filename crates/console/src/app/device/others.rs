//! The other open alerts on a device and of a user, counted from the list rows (every row held,
//! whatever the view or filter), and the filter-language query that lists them.

use super::state::OtherAlerts;
use crate::app::list::rows::Rows;
use mde_model::Status;

/// Counts the open alerts (New, In progress) other than `except` on `device` and of `user`
/// (names compared in any case). One pass over the rows, no allocation per row.
pub fn count(rows: &Rows, except: &str, device: Option<&str>, user: Option<&str>) -> OtherAlerts {
    let device = device.map(str::trim).filter(|d| !d.is_empty());
    let user = user.map(str::trim).filter(|u| !u.is_empty());
    let same = |a: &Option<String>, b: Option<&str>| {
        b.is_some_and(|b| {
            a.as_deref()
                .is_some_and(|a| a.trim().eq_ignore_ascii_case(b))
        })
    };
    let mut out = OtherAlerts::default();
    if device.is_none() && user.is_none() {
        return out;
    }
    for r in rows.iter_all() {
        if r.id == except || !matches!(r.status, Status::New | Status::InProgress) {
            continue;
        }
        out.device += usize::from(same(&r.device, device));
        out.user += usize::from(same(&r.user, user));
    }
    out
}

/// `device:NAME` / `user:NAME` for the `/` filter, quoted when the name has spaces; `None` when
/// the filter language cannot say it (a quote or a comma in the name).
pub fn filter_for(field: &str, name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() || name.contains('"') || name.contains(',') || name.contains('!') {
        return None;
    }
    if name.chars().any(char::is_whitespace) {
        Some(format!("{field}:\"{name}\""))
    } else {
        Some(format!("{field}:{name}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_filter_can_say_and_those_it_cannot() {
        assert_eq!(
            filter_for("device", "ws-eng-194.corp.contoso.com").as_deref(),
            Some("device:ws-eng-194.corp.contoso.com")
        );
        assert_eq!(
            filter_for("user", "CONTOSO\\j doe").as_deref(),
            Some("user:\"CONTOSO\\j doe\"")
        );
        assert_eq!(filter_for("device", "a,b"), None);
        assert_eq!(filter_for("device", "  "), None);
        let q = mde_query::Query::parse(&filter_for("user", "CONTOSO\\jdoe").unwrap());
        assert!(q.is_ok(), "{q:?}");
    }
}
