//! Spotlight pages: the list, one story, and the draft form.

mod list;
mod new;
mod view;

pub use list::{SpotlightCardView, SpotlightsPage};
pub use new::NewSpotlightPage;
pub use view::SpotlightPage;
