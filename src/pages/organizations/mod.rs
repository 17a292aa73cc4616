//! Organization pages: the directory, one organization, and its form.

mod form;
mod list;
mod view;

pub use form::{EditOrganizationPage, NewOrganizationPage};
pub use list::{OrgCardView, OrganizationsPage};
pub use view::OrganizationPage;
