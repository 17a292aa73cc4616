//! Reusable pieces of view.

mod form_notice;
mod issue_message;
mod language_switcher;
mod session;
mod site_header;
mod text_field;

pub use form_notice::FormNotice;
pub use issue_message::IssueMessage;
pub use language_switcher::LanguageSwitcher;
pub use session::{provide_session, use_session, Session};
pub use site_header::SiteHeader;
pub use text_field::TextField;
