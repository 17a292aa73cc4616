use serde::{Deserialize, Serialize};

/// One country on the world map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapCountry {
    /// ISO 3166-1 alpha-2 code; `None` for areas without one.
    pub code: Option<String>,
    /// The name, in the reader's language.
    pub name: String,
    /// SVG path data.
    pub path: String,
    /// Organizations based or active there.
    pub count: i64,
}

/// The world map of organizations, drawn by the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorldMapView {
    pub width: u32,
    pub height: u32,
    pub countries: Vec<MapCountry>,
}

impl WorldMapView {
    /// The shading step of a count: 0 (none) to 4 (most), on a scale set by the busiest country.
    pub fn step(&self, count: i64) -> u8 {
        let max = self.countries.iter().map(|c| c.count).max().unwrap_or(0);
        if count <= 0 || max <= 0 {
            return 0;
        }
        let share = count as f64 / max as f64;
        match share {
            s if s > 0.6 => 4,
            s if s > 0.3 => 3,
            s if s > 0.1 => 2,
            _ => 1,
        }
    }
}
