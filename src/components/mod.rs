//! Reusable pieces of view.

mod badge;
mod directory;
mod fields;
mod file_field;
mod form_notice;
mod freshness;
mod issue_message;
pub mod labels;
mod language_switcher;
mod session;
mod site_header;
pub mod text_field;

pub use badge::VerificationBadge;
pub use directory::{use_directory_query, FilterForm, Pagination, ResultCount};
pub use fields::{CheckboxGroup, SelectField, TextArea};
pub use file_field::{upload_issue, ImageField, ImageWithAltForm};
pub use form_notice::FormNotice;
pub use freshness::FreshnessLine;
pub use issue_message::IssueMessage;
pub use language_switcher::LanguageSwitcher;
pub use session::{provide_session, use_session, Session};
pub use site_header::SiteHeader;
pub use text_field::TextField;
