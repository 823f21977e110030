//! The small objects about people in an alert: its related user, the logged-on users and
//! the comments, read by the quick path as their derived `Deserialize` reads them.

use super::scan::Scan;
use super::value::{owned, time};
use crate::alert::{LoggedOnUser, RelatedUser};
use crate::comment::Comment;

/// `relatedUser`: null or `{userName, domainName}`.
pub(super) fn related_user(s: &mut Scan<'_>) -> Option<Option<RelatedUser>> {
    if s.null() {
        return Some(None);
    }
    let [user_name, domain_name] = two_strings(s, [b"userName", b"domainName"], owned)?;
    Some(Some(RelatedUser {
        user_name,
        domain_name,
    }))
}

/// One of `loggedOnUsers`: `{accountName, domainName}` (a row reads none of it).
pub(super) fn logged_on_user(s: &mut Scan<'_>) -> Option<LoggedOnUser> {
    let [account_name, domain_name] =
        two_strings(s, [b"accountName", b"domainName"], |s| s.spare(owned))?;
    Some(LoggedOnUser {
        account_name,
        domain_name,
    })
}

/// An object of two nullable strings (other keys skipped), each read by `read`.
fn two_strings<'a>(
    s: &mut Scan<'a>,
    keys: [&[u8]; 2],
    read: impl Fn(&mut Scan<'a>) -> Option<Option<String>>,
) -> Option<[Option<String>; 2]> {
    let mut values = [None, None];
    s.object(&keys, |s, i| {
        *values.get_mut(i)? = read(s)?;
        Some(())
    })?;
    Some(values)
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
            0 => c.comment = s.spare(owned)?.unwrap_or_default(),
            1 => c.created_by = s.spare(owned)?,
            _ => c.created_time = s.spare(time)?,
        }
        Some(())
    })?;
    (seen & 0b1100 != 0b1100).then_some(c)
}
