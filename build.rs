//! Generates the `i18n` module from the translation files in `locales/`.

use leptos_i18n_build::{Config, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=migrations");

    // The server draws its world map from Natural Earth boundaries shipped in the
    // npm package `world-atlas` (installed by `npm ci`, which scripts/setup.sh runs).
    if std::env::var_os("CARGO_FEATURE_SSR").is_some() {
        let map = "node_modules/world-atlas/countries-110m.json";
        println!("cargo::rerun-if-changed={map}");
        if !std::path::Path::new(map).exists() {
            return Err(
                format!("{map} is missing: run `npm ci` (or scripts/setup.sh) first").into(),
            );
        }
    }

    let out_dir = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let i18n_mod_directory = PathBuf::from(out_dir).join("i18n");

    let cfg = Config::new("en")?
        .add_locale("fr")?
        .add_locale("es")?
        .add_locale("ar")?;
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(i18n_mod_directory)?;
    Ok(())
}
