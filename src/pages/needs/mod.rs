//! Partnership needs: the list, one need, the form, and explained matches.

mod form;
mod list;
mod matches;
mod view;

pub use form::NewNeedPage;
pub use list::NeedsPage;
pub use matches::{MyMatchesPage, NeedMatchesPage, OrgMatchesPage};
pub use view::NeedPage;
