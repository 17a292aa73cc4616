use crate::helpers::{new_client, spawn_app};
use futures::future::join_all;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_members_loading_pages_at_the_same_moment_each_see_only_their_own_name() {
    let app = spawn_app().await;
    let (amina, kofi) = (new_client(), new_client());
    app.join(&amina, "amina@example.org", "Amina Diallo").await;
    app.join(&kofi, "kofi@example.org", "Kofi Mensah").await;

    let loads = (0..20).flat_map(|i| {
        let path = if i % 2 == 0 { "/" } else { "/account" };
        [
            (true, app.page(&amina, path)),
            (false, app.page(&kofi, path)),
        ]
    });
    let (who, pages): (Vec<bool>, Vec<_>) = loads.unzip();
    for (is_amina, page) in who.into_iter().zip(join_all(pages).await) {
        let (mine, theirs) = if is_amina {
            ("Amina Diallo", "Kofi Mensah")
        } else {
            ("Kofi Mensah", "Amina Diallo")
        };
        assert!(page.contains(mine), "{mine} does not see their own name");
        assert!(!page.contains(theirs), "{mine} sees {theirs}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_signed_in_name_is_in_the_page_itself_not_in_a_template_that_needs_javascript() {
    let app = spawn_app().await;
    app.join(&app.client, "amina@example.org", "Amina Diallo")
        .await;
    let page = app.page(&app.client, "/account").await;
    let header = page.split("</header>").next().unwrap_or_default();
    assert!(header.contains("Amina Diallo"));
    assert!(
        !page.contains("<template"),
        "content was streamed out of order"
    );
}
