//! Just enough TopoJSON to read world-atlas: quantized, delta-encoded arcs, and
//! Polygon / MultiPolygon geometries that reference them (negative index = reversed).

use anyhow::Context;
use serde::Deserialize;

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i64; 2]>>,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    arcs: serde_json::Value,
    id: Option<String>,
    properties: Option<Properties>,
}

#[derive(Deserialize)]
struct Properties {
    name: Option<String>,
}

/// One country: ISO 3166-1 numeric id (absent for a few disputed areas), name, and
/// polygons as rings of (longitude, latitude).
pub struct Feature {
    pub numeric_id: Option<String>,
    pub name: String,
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// Reads every country of a world-atlas TopoJSON file.
pub fn countries(json: &[u8]) -> anyhow::Result<Vec<Feature>> {
    let topology: Topology =
        serde_json::from_slice(json).context("Failed to read the TopoJSON map")?;
    let arcs: Vec<Vec<(f64, f64)>> = topology
        .arcs
        .iter()
        .map(|arc| decode_arc(arc, &topology.transform))
        .collect();
    let mut out = Vec::new();
    for geometry in topology.objects.countries.geometries {
        let polygons: Vec<Vec<Vec<i64>>> = match geometry.kind.as_str() {
            "Polygon" => {
                vec![serde_json::from_value(geometry.arcs).context("Failed to read a polygon")?]
            }
            "MultiPolygon" => {
                serde_json::from_value(geometry.arcs).context("Failed to read a multipolygon")?
            }
            _ => continue,
        };
        let rings = polygons
            .iter()
            .flatten()
            .map(|ring| stitch(ring, &arcs))
            .collect();
        out.push(Feature {
            numeric_id: geometry.id,
            name: geometry.properties.and_then(|p| p.name).unwrap_or_default(),
            rings,
        });
    }
    Ok(out)
}

fn decode_arc(arc: &[[i64; 2]], t: &Transform) -> Vec<(f64, f64)> {
    let (mut x, mut y) = (0i64, 0i64);
    arc.iter()
        .map(|[dx, dy]| {
            x += dx;
            y += dy;
            (
                x as f64 * t.scale[0] + t.translate[0],
                y as f64 * t.scale[1] + t.translate[1],
            )
        })
        .collect()
}

/// Joins the arcs of one ring; consecutive arcs share their end point.
fn stitch(ring: &[i64], arcs: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    let mut points = Vec::new();
    for &index in ring {
        let (arc, reversed) = if index < 0 {
            (!index, true)
        } else {
            (index, false)
        };
        let Some(arc) = usize::try_from(arc).ok().and_then(|i| arcs.get(i)) else {
            continue;
        };
        let mut part = arc.clone();
        if reversed {
            part.reverse();
        }
        if !points.is_empty() {
            part.remove(0);
        }
        points.extend(part);
    }
    points
}
