//! What a person controls about their own data: taking all of it with them ("my data"),
//! and erasing their account.

pub mod erase;
pub mod export;
