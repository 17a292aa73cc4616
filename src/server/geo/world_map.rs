//! The countries of the world as SVG paths, computed once from world-atlas
//! (Natural Earth 1:110m, public domain).

use super::{projection::natural_earth, topojson};
use crate::domain::{MapCountry, WorldMapView};
use crate::i18n::Locale;
use crate::server::db::Pool;
use crate::server::reference;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::LazyLock;

/// Width of the map's view box; the height follows the projection.
pub const WIDTH: f64 = 960.0;

/// A country's outline, ready to draw.
pub struct Shape {
    /// ISO 3166-1 alpha-2 code, when the area has one.
    pub code: Option<String>,
    /// The English name in the dataset (for areas without a code).
    pub name: String,
    /// SVG path data in view-box units.
    pub path: String,
}

/// The projected map: shapes and the view-box height.
pub struct WorldMap {
    pub shapes: Vec<Shape>,
    pub height: f64,
}

static MAP: LazyLock<WorldMap> = LazyLock::new(|| {
    let json = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/node_modules/world-atlas/countries-110m.json"
    ));
    match topojson::countries(json) {
        Ok(features) => project(features),
        Err(error) => {
            tracing::error!(error = ?error, "the world map data could not be read");
            WorldMap {
                shapes: Vec::new(),
                height: WIDTH / 2.0,
            }
        }
    }
});

/// The world map, projected on first use.
pub fn world() -> &'static WorldMap {
    &MAP
}

/// Rings of projected points.
type Rings = Vec<Vec<(f64, f64)>>;

fn project(features: Vec<topojson::Feature>) -> WorldMap {
    let (max_x, _) = natural_earth(180.0, 0.0);
    let (_, max_y) = natural_earth(0.0, 90.0);
    let scale = WIDTH / (2.0 * max_x);
    let to_view = |(lon, lat): (f64, f64)| {
        let (x, y) = natural_earth(lon, lat);
        ((x + max_x) * scale, (max_y - y) * scale)
    };
    let projected: Vec<(topojson::Feature, Rings)> = features
        .into_iter()
        .filter(|f| f.name != "Antarctica")
        .map(|f| {
            let rings = f
                .rings
                .iter()
                .map(|ring| unwrap_antimeridian(ring).into_iter().map(to_view).collect())
                .collect();
            (f, rings)
        })
        .collect();
    let bottom = projected
        .iter()
        .flat_map(|(_, rings)| rings.iter().flatten())
        .map(|(_, y)| *y)
        .fold(0.0, f64::max);
    let shapes = projected
        .into_iter()
        .map(|(f, rings)| Shape {
            code: f
                .numeric_id
                .as_deref()
                .and_then(reference::alpha2_of_numeric),
            path: path(&rings),
            name: f.name,
        })
        .collect();
    WorldMap {
        shapes,
        height: (bottom + 4.0).ceil(),
    }
}

/// A ring that crosses the 180th meridian (Russia, Fiji) continues eastward past it
/// instead of jumping across the whole map; the view box clips what goes beyond.
fn unwrap_antimeridian(ring: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let crosses = ring.windows(2).any(|w| (w[0].0 - w[1].0).abs() > 180.0);
    if !crosses {
        return ring.to_vec();
    }
    ring.iter()
        .map(|&(lon, lat)| (if lon < 0.0 { lon + 360.0 } else { lon }, lat))
        .collect()
}

/// SVG path data, at one decimal, dropping points less than 0.3 units apart.
fn path(rings: &[Vec<(f64, f64)>]) -> String {
    let mut d = String::new();
    for ring in rings {
        let mut last: Option<(f64, f64)> = None;
        for (i, &(x, y)) in ring.iter().enumerate() {
            if let Some((lx, ly)) = last {
                if (x - lx).abs() + (y - ly).abs() < 0.3 && i + 1 < ring.len() {
                    continue;
                }
            }
            let _ = write!(
                d,
                "{}{:.1},{:.1}",
                if last.is_none() { 'M' } else { 'L' },
                x,
                y
            );
            last = Some((x, y));
        }
        d.push('Z');
    }
    d
}

/// The map of organizations per country, named in `locale`.
pub async fn organizations(pool: &Pool, locale: Locale) -> anyhow::Result<WorldMapView> {
    let counts = crate::server::directory::organizations::count_by_country(pool).await?;
    let by_code: HashMap<&str, i64> = counts.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    let map = world();
    let countries = map
        .shapes
        .iter()
        .map(|shape| MapCountry {
            count: shape
                .code
                .as_deref()
                .and_then(|c| by_code.get(c))
                .copied()
                .unwrap_or(0),
            name: match &shape.code {
                Some(code) => reference::country_name(code, locale),
                None => shape.name.clone(),
            },
            code: shape.code.clone(),
            path: shape.path.clone(),
        })
        .collect();
    Ok(WorldMapView {
        width: WIDTH as u32,
        height: map.height as u32,
        countries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_has_the_countries_with_their_iso_codes() {
        let map = world();
        assert!(map.shapes.len() > 150, "{}", map.shapes.len());
        let mexico = map
            .shapes
            .iter()
            .find(|s| s.code.as_deref() == Some("MX"))
            .expect("Mexico");
        assert!(mexico.path.starts_with('M') && mexico.path.ends_with('Z'));
        assert!(map.height > 380.0 && map.height < 520.0, "{}", map.height);
    }
}
