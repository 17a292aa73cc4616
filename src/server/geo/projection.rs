//! The Natural Earth projection (Šavrič, Jenny, Patterson, Petrovič, Hurni, 2011):
//! a pseudo-cylindrical compromise that keeps the world recognisable.

/// Projects (longitude, latitude) in degrees to plane coordinates (y grows northward).
pub fn natural_earth(lon: f64, lat: f64) -> (f64, f64) {
    let (lambda, phi) = (lon.to_radians(), lat.to_radians());
    let phi2 = phi * phi;
    let phi4 = phi2 * phi2;
    let x = lambda
        * (0.8707 - 0.131979 * phi2
            + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)));
    let y = phi
        * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::natural_earth;

    #[test]
    fn the_origin_stays_put_and_the_map_is_wider_than_tall() {
        assert_eq!(natural_earth(0.0, 0.0), (0.0, 0.0));
        let (east, _) = natural_earth(180.0, 0.0);
        let (_, north) = natural_earth(0.0, 90.0);
        assert!(east > 2.7 && east < 2.75, "{east}");
        assert!(north > 1.4 && north < 1.45, "{north}");
    }
}
