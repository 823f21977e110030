//! The small objects about people in an alert: its related user, the logged-on users and
//! the comments, read by the quick path as their derived `Deserialize` reads them.

use super::evidence::spare_time;
use super::scan::Scan;
use crate::alert::{LoggedOnUser, RelatedUser};
use crate::comment::Comment;

/// A nullable string, owned (what `Option<String>` reads).
pub(super) fn owned(s: &mut Scan<'_>) -> Option<Option<String>> {
    Some(s.opt_string()?.map(|v| v.into_owned()))
}

/// A string a row does not read: checked as [`owned`] checks it, kept only for a whole alert.
pub(super) fn spare_owned(s: &mut Scan<'_>) -> Option<Option<String>> {
    if s.whole {
        owned(s)
    } else {
        s.opt_string().map(|_| None)
    }
}

/// `relatedUser`: null or `{userName, domainName}`.
pub(super) fn related_user(s: &mut Scan<'_>) -> Option<Option<RelatedUser>> {
    if s.null() {
        return Some(None);
    }
    let mut u = RelatedUser {
        user_name: None,
        domain_name: None,
    };
    s.object(&[b"userName", b"domainName"], |s, i| {
        let v = owned(s)?;
        if i == 0 {
            u.user_name = v;
        } else {
            u.domain_name = v;
        }
        Some(())
    })?;
    Some(Some(u))
}

/// One of `loggedOnUsers`: `{accountName, domainName}` (a row reads none of it).
pub(super) fn logged_on_user(s: &mut Scan<'_>) -> Option<LoggedOnUser> {
    let mut u = LoggedOnUser {
        account_name: None,
        domain_name: None,
    };
    s.object(&[b"accountName", b"domainName"], |s, i| {
        let v = spare_owned(s)?;
        if i == 0 {
            u.account_name = v;
        } else {
            u.domain_name = v;
        }
        Some(())
    })?;
    Some(u)
}

/// One comment; its time may come as `createTime` (the docs' name), but not twice. A row
/// counts comments and reads nothing of them.
pub(super) fn comment(s: &mut Scan<'_>) -> Option<Comment> {
    let mut c = Comment {
        comment: String::new(),
        created_by: None,
        created_time: None,
    };
    let keys: &[&[u8]] = &[b"comment", b"createdBy", b"createdTime", b"createTime"];
    let seen = s.object(keys, |s, i| {
        match i {
            0 => c.comment = spare_owned(s)?.unwrap_or_default(),
            1 => c.created_by = spare_owned(s)?,
            _ => c.created_time = spare_time(s)?,
        }
        Some(())
    })?;
    (seen & 0b1100 != 0b1100).then_some(c)
}
