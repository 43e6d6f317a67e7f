//! The names of the IANA time-zone database (as Debian's tzdata ships them): what the
//! editor's zone picker offers and what both the browser and the server accept as
//! `config.timezone`. Only names: the rules behind them stay on the server.

/// The zone a calendar schedule without `timezone` reads its expression in.
pub const DEFAULT_ZONE: &str = "UTC";

/// Every zone name, sorted (byte order), one a line: data, kept in `zones.txt`. One string
/// rather than a slice of them: the browser's WebAssembly carries this list, and 597
/// separate strings would add a table of 597 pointers and lengths that compresses poorly
/// (about 2 KB of the download).
const ZONE_NAMES: &str = include_str!("zones.txt");

/// Every zone name, sorted.
pub fn zone_names() -> impl Iterator<Item = &'static str> + Clone {
    ZONE_NAMES.lines()
}

/// Whether `name` is a zone of the database (exact spelling, as the IANA writes it): a
/// binary search of the sorted list, made once.
pub fn is_known(name: &str) -> bool {
    static SORTED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| zone_names().collect());
    SORTED.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorted_and_known() {
        let names = super::zone_names();
        assert!(names.clone().zip(names.clone().skip(1)).all(|(a, b)| a < b));
        assert_eq!(names.count(), 597);
        assert!(super::is_known("Europe/Paris") && super::is_known("UTC") && super::is_known("America/New_York"));
        assert!(super::is_known("Africa/Abidjan") && super::is_known("Zulu"), "the first and the last");
        assert!(!super::is_known("europe/paris") && !super::is_known("Mars/Olympus_Mons") && !super::is_known(""));
        assert!(super::zone_names().all(super::is_known));
    }
}
