//! Which quota a response call counts against: each machine action and cancel has its own
//! 100/min and 1,500/h; the package link has 2/min and 120/h; the rest share the general quota.

use crate::rate_limit::Class;
use axum::http::Method;

/// The quota of a request, when it is not the general one.
pub fn class_for(method: &Method, path: &str) -> Option<Class> {
    let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let n = segs.len();
    if n < 3 {
        return None;
    }
    let (parent, last) = (segs[n - 3], segs[n - 1]);
    if *method == Method::POST && parent.eq_ignore_ascii_case("machines") {
        return super::actions::routes::route_name(last).map(Class::Action);
    }
    if *method == Method::POST
        && parent.eq_ignore_ascii_case("machineactions")
        && last.eq_ignore_ascii_case("cancel")
    {
        return Some(Class::Action("cancel"));
    }
    if *method == Method::GET
        && parent.eq_ignore_ascii_case("machineactions")
        && last.eq_ignore_ascii_case("getPackageUri")
    {
        return Some(Class::PackageUri);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_package_links_have_their_own_quotas() {
        let id = "a".repeat(40);
        assert_eq!(
            class_for(&Method::POST, &format!("/api/machines/{id}/isolate")),
            Some(Class::Action("isolate"))
        );
        assert_eq!(
            class_for(
                &Method::POST,
                &format!("/machines/{id}/stopandquarantinefile")
            ),
            Some(Class::Action("StopAndQuarantineFile"))
        );
        assert_eq!(
            class_for(&Method::POST, &format!("/api/machines/{id}/tags")),
            None
        );
        assert_eq!(
            class_for(&Method::GET, "/api/machineactions/x/GetPackageUri"),
            Some(Class::PackageUri)
        );
        assert_eq!(
            class_for(&Method::POST, "/api/machineactions/x/cancel"),
            Some(Class::Action("cancel"))
        );
        assert_eq!(class_for(&Method::GET, "/api/machines"), None);
    }
}
