//! Partnership needs: the list, one need, the forms (new, edit), deleting one, and
//! explained matches.

mod delete;
mod form;
mod list;
mod matches;
mod view;

pub use delete::DeleteNeedPage;
pub use form::{EditNeedPage, NewNeedPage};
pub use list::NeedsPage;
pub use matches::{MyMatchesPage, NeedMatchesPage, OrgMatchesPage};
pub use view::NeedPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The need's number in the route (`/needs/{id}/…`); 0, which no need has, when it is
/// not a number.
fn route_need_id() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    }
}
