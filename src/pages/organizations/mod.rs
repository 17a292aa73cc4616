//! Organization pages: the directory, one organization, its form and its deletion.

mod delete;
mod form;
mod list;
mod view;

pub use delete::DeleteOrganizationPage;
pub use form::{EditOrganizationPage, NewOrganizationPage};
pub use list::{OrgCardView, OrganizationsPage};
pub use view::OrganizationPage;
