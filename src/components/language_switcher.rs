//! Links to read the site in another language. Plain links answered by the
//! server (`/locale/{code}`), so the choice works and persists without JavaScript.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_location;

/// Each language's name in itself, so a reader finds their own.
fn autonym(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "English",
        Locale::fr => "Français",
        Locale::es => "Español",
        Locale::ar => "العربية",
    }
}

/// Percent-encodes a path so it survives as a query parameter.
fn encode(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The list of languages, the current one marked.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let here = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let query = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        encode(&format!("{}{query}", location.pathname.get()))
    };
    let links = Locale::get_all()
        .iter()
        .map(|&locale| {
            let code = locale.as_str();
            view! {
                <li>
                    <a
                        href=move || format!("/locale/{code}?next={}", here())
                        rel="external"
                        hreflang=code
                        lang=code
                        aria-current=move || (i18n.get_locale() == locale).then_some("true")
                    >
                        {autonym(locale)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="languages" aria-label=move || t_string!(i18n, nav.language)>
            <ul>{links}</ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn a_path_with_a_query_is_encoded_as_one_parameter() {
        assert_eq!(encode("/login?a=1&b=é"), "/login%3Fa%3D1%26b%3D%C3%A9");
    }
}
