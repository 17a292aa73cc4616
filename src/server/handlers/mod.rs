//! Plain HTTP handlers for what is not a page or a server function:
//! file uploads, images, open-data downloads, calendar files and one’s own data.

pub mod export;
pub mod meeting;
pub mod my_data;
pub mod org_logo;
pub mod photo;
pub mod spotlight_image;
pub mod uploads;
