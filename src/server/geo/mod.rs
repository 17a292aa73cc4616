//! The world map: Natural Earth country boundaries, projected once and drawn as SVG paths.

mod projection;
mod topojson;
pub mod world_map;
