//! Plain HTTP handlers for what is not a page or a server function:
//! file uploads, images and open-data downloads.

pub mod export;
pub mod photo;
pub mod spotlight_image;
pub mod uploads;
