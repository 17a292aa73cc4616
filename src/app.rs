//! The document shell, the router and the layout around every page.

use crate::components::{provide_session, SiteHeader};
use crate::i18n::*;
use crate::pages::{
    AccountPage, ConfirmEmailPage, DeleteNeedPage, DeleteOrganizationPage, EditNeedPage,
    EditOrganizationPage, EditProfilePage, EditSpotlightPage, FollowUpPage, ForgotPasswordPage,
    HomePage, InboxPage, LoginPage, MapPage, MemberPage, MembersPage, ModerationPage, MyDataPage,
    MyMatchesPage, NeedMatchesPage, NeedPage, NeedsPage, NewIntroductionPage, NewNeedPage,
    NewOrganizationPage, NewSpotlightPage, NotFound, OrgMatchesPage, OrganizationPage,
    OrganizationsPage, RegionPage, RegisterPage, ResetPasswordPage, SpotlightPage, SpotlightsPage,
    StillAccuratePage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, MetaTags, Title};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    apply_page_csp();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HashedStylesheet id="leptos" options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Sends this page's Content-Security-Policy, naming the nonce of its inline script.
#[cfg(feature = "ssr")]
fn apply_page_csp() {
    use axum::http::{header::CONTENT_SECURITY_POLICY, HeaderValue};
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    match HeaderValue::from_str(&crate::server::security::page_csp(&nonce.to_string())) {
        Ok(policy) => response.insert_header(CONTENT_SECURITY_POLICY, policy),
        Err(error) => tracing::error!(error = %error, "the page CSP is not a valid header"),
    }
}

/// The application: languages, metadata, the router and the layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
            <Title formatter=|title: String| format!("{title} · Passerelle") />
            <Router>
                // The layout is a route itself, so it sits inside <Routes>, where a form
                // error sent back to a browser without JavaScript is visible to actions.
                // In-order streaming: what waits on data is sent in place, so pages read
                // fully without JavaScript (out-of-order chunks need a script to land).
                // Pages of one record render whole before answering, so an unknown or
                // hidden record answers 404, not a 200 whose headers left too early.
                <Routes fallback=NotFound>
                    <ParentRoute path=path!("") view=Layout ssr=SsrMode::InOrder>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::InOrder />
                        <Route path=path!("/register") view=RegisterPage ssr=SsrMode::InOrder />
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::InOrder />
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::InOrder />
                        <Route path=path!("/account/data") view=MyDataPage ssr=SsrMode::InOrder />
                        <Route path=path!("/account/confirm/:token") view=ConfirmEmailPage ssr=SsrMode::InOrder />
                        <Route path=path!("/password/forgot") view=ForgotPasswordPage ssr=SsrMode::InOrder />
                        <Route path=path!("/password/reset/:token") view=ResetPasswordPage ssr=SsrMode::InOrder />
                        <Route path=path!("/still-accurate/:token") view=StillAccuratePage ssr=SsrMode::InOrder />
                        <Route path=path!("/me/profile") view=EditProfilePage ssr=SsrMode::InOrder />
                        <Route path=path!("/me/matches") view=MyMatchesPage ssr=SsrMode::InOrder />
                        <Route path=path!("/inbox") view=InboxPage ssr=SsrMode::InOrder />
                        <Route path=path!("/introductions/new") view=NewIntroductionPage ssr=SsrMode::InOrder />
                        <Route path=path!("/introductions/:id") view=FollowUpPage ssr=SsrMode::InOrder />
                        <Route path=path!("/members") view=MembersPage ssr=SsrMode::InOrder />
                        <Route path=path!("/members/:id") view=MemberPage ssr=SsrMode::Async />
                        <Route path=path!("/organizations") view=OrganizationsPage ssr=SsrMode::InOrder />
                        <Route path=path!("/organizations/new") view=NewOrganizationPage ssr=SsrMode::InOrder />
                        <Route path=path!("/organizations/:slug") view=OrganizationPage ssr=SsrMode::Async />
                        <Route path=path!("/organizations/:slug/edit") view=EditOrganizationPage ssr=SsrMode::InOrder />
                        <Route path=path!("/organizations/:slug/delete") view=DeleteOrganizationPage ssr=SsrMode::InOrder />
                        <Route path=path!("/organizations/:slug/matches") view=OrgMatchesPage ssr=SsrMode::Async />
                        <Route path=path!("/needs") view=NeedsPage ssr=SsrMode::InOrder />
                        <Route path=path!("/needs/new") view=NewNeedPage ssr=SsrMode::InOrder />
                        <Route path=path!("/needs/:id") view=NeedPage ssr=SsrMode::Async />
                        <Route path=path!("/needs/:id/matches") view=NeedMatchesPage ssr=SsrMode::Async />
                        <Route path=path!("/needs/:id/edit") view=EditNeedPage ssr=SsrMode::InOrder />
                        <Route path=path!("/needs/:id/delete") view=DeleteNeedPage ssr=SsrMode::InOrder />
                        <Route path=path!("/map") view=MapPage ssr=SsrMode::InOrder />
                        <Route path=path!("/spotlights") view=SpotlightsPage ssr=SsrMode::InOrder />
                        <Route path=path!("/spotlights/new") view=NewSpotlightPage ssr=SsrMode::InOrder />
                        <Route path=path!("/spotlights/:slug") view=SpotlightPage ssr=SsrMode::Async />
                        <Route path=path!("/spotlights/:slug/edit") view=EditSpotlightPage ssr=SsrMode::InOrder />
                        <Route path=path!("/regions/:region") view=RegionPage ssr=SsrMode::Async />
                        <Route path=path!("/moderation") view=ModerationPage ssr=SsrMode::InOrder />
                        <Route path=path!("/*any") view=NotFound ssr=SsrMode::InOrder />
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// Header, main content and footer, around the routed page.
#[component]
fn Layout() -> impl IntoView {
    let i18n = use_i18n();
    provide_session();
    // Effects run only in the browser: the flag tells tests (and styles) that hydration finished.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <SiteHeader />
        <main id="main" tabindex="-1" data-hydrated=move || hydrated.get().then_some("true")>
            <ErrorBoundary fallback=move |_errors| view! {
                <div class="form-notice" role="alert">{t!(i18n, errors.unexpected)}</div>
            }>
                <Outlet />
            </ErrorBoundary>
        </main>
        <footer class="site-footer">
            <p>{t!(i18n, footer.tagline)}</p>
        </footer>
    }
}
