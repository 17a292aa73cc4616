//! Partnership needs: the list, one need, the forms (new, edit), deleting one, and
//! explained matches.

mod delete;
mod form;
mod list;
mod matches;
mod view;

pub use delete::DeleteNeedPage;
pub use form::{EditNeedPage, NewNeedPage};
pub use list::NeedsPage;
pub use matches::{MyMatchesPage, NeedMatchesPage, OrgMatchesPage};
pub use view::NeedPage;
