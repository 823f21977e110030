//! The incident list (issue 11): drawn in the list's place when the incidents view is shown.

pub mod list;
