//! Spotlight pages: the list, one story, the draft form and the edit form
//! (which share their fields).

mod edit;
mod fields;
mod list;
mod new;
mod view;

pub use edit::EditSpotlightPage;
pub use list::{SpotlightCardView, SpotlightsPage};
pub use new::NewSpotlightPage;
pub use view::SpotlightPage;
