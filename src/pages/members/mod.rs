//! Member pages: the directory, one profile, and one's own profile form.

mod edit;
mod list;
mod profile;

pub use edit::EditProfilePage;
pub use list::{MemberCardView, MembersPage};
pub use profile::MemberPage;
