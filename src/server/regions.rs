//! Regional focus: a UN M49 region's organizations, members who chose to be found, and spotlights.

use crate::domain::{DirectoryQuery, RegionView};
use crate::i18n::Locale;
use crate::server::directory;
use crate::server::error::{Error, Result};
use crate::server::policy::Viewer;
use crate::server::reference::{self, M49};
use crate::server::spotlights;
use crate::server::state::AppState;

/// What the region page shows to this viewer (members follow the visibility rules).
pub async fn view(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    locale: Locale,
) -> Result<RegionView> {
    let region = M49::parse(slug).ok_or(Error::NotFound)?;
    let query = DirectoryQuery {
        region: slug.to_owned(),
        ..DirectoryQuery::default()
    };
    let mut countries: Vec<_> = region
        .countries()
        .iter()
        .map(|c| reference::named_country(c, locale))
        .collect();
    countries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(RegionView {
        slug: slug.to_owned(),
        countries,
        organizations: directory::organizations::search(
            &state.db,
            &state.directory.organizations,
            &query,
            locale,
        )
        .await?,
        members: directory::members::search(
            &state.db,
            &state.directory.members,
            viewer,
            &query,
            locale,
        )
        .await?,
        spotlights: spotlights::published(&state.db, Some(slug), 10).await?,
    })
}
