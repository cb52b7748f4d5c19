//! The bundled gazetteer: place names from GeoNames (CC BY 4.0) with
//! historical and variant names, compiled into the binary as a sorted table
//! (`data/gazetteer/places.tsv`) and parsed on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The table, one `name<TAB>kind<TAB>geonames id<TAB>country` per line.
const TABLE: &str = include_str!("../../../data/gazetteer/places.tsv");

/// What kind of place a gazetteer name is, from the most to the least certain
/// to be a place when it is written in a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    /// A continent or a large region of the world.
    Continent,
    /// A country, including historical ones.
    Country,
    /// A region, state, province or county.
    Region,
    /// A river, lake, cape, bay, mountain range.
    Feature,
    /// A city of 100,000 or more inhabitants.
    City,
    /// A smaller town.
    Town,
}

impl PlaceKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "continent" => Self::Continent,
            "country" => Self::Country,
            "region" => Self::Region,
            "feature" => Self::Feature,
            "city" => Self::City,
            "town" => Self::Town,
            _ => return None,
        })
    }
}

/// An entry of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Its kind; of several places with one name, the most certain kind.
    pub kind: PlaceKind,
    /// The GeoNames id, if known.
    pub geonames: Option<&'static str>,
}

fn table() -> &'static HashMap<&'static str, Place> {
    static TABLE_MAP: OnceLock<HashMap<&'static str, Place>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        let mut map: HashMap<&'static str, Place> = HashMap::with_capacity(90_000);
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(name), Some(kind)) = (cols.next(), cols.next().and_then(PlaceKind::parse))
            else {
                continue;
            };
            let geonames = cols.next().filter(|g| !g.is_empty());
            let place = Place { kind, geonames };
            map.entry(name)
                .and_modify(|p| {
                    if kind < p.kind {
                        *p = place;
                    }
                })
                .or_insert(place);
        }
        map
    })
}

/// The place a name (white space collapsed, as written) names, if any.
#[must_use]
pub fn lookup(name: &str) -> Option<Place> {
    table().get(name).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modern_historical_and_missing_names() {
        assert_eq!(lookup("France").map(|p| p.kind), Some(PlaceKind::Country));
        assert_eq!(lookup("Bombay").and_then(|p| p.geonames), Some("1275339"));
        assert!(lookup("Constantinople").is_some());
        assert!(lookup("Christiania").is_some());
        assert!(lookup("france").is_none());
        assert!(lookup("Xyzzy").is_none());
    }
}
