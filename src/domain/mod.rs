//! Types shared by the browser and the server, and the rules that validate them.
//!
//! The form uses these rules for instant feedback; the server applies them again,
//! and only the server's verdict counts.

mod display_name;
mod email;
mod error;
mod password;
mod user;

pub use display_name::DisplayName;
pub use email::Email;
pub use error::{AppError, FieldIssue, FormErrors, Notice};
pub use password::Password;
pub use user::{CurrentUser, Role};
