//! The bundled surname table: surnames of the 1990 US census that are not
//! ordinary English words (`data/gazetteer/surnames.txt`, public domain,
//! derived by `scripts/derive-surnames.py`), compiled into the binary and
//! split into a sorted list on first use.

use std::sync::OnceLock;

/// The table: a header line, then one capitalised surname a line, sorted.
const TABLE: &str = include_str!("../../../data/gazetteer/surnames.txt");

fn table() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<&'static str> = TABLE.lines().filter(|l| !l.starts_with('#')).collect();
        names.sort_unstable();
        names
    })
}

/// Whether `word`, written as in the letter, is a surname of the table.
#[must_use]
pub fn is_surname(word: &str) -> bool {
    table().binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_but_not_english_words() {
        assert!(is_surname("Murray"));
        assert!(is_surname("Dickinson"));
        assert!(!is_surname("murray"));
        assert!(!is_surname("Young"));
        assert!(!is_surname("White"));
        assert!(!is_surname("Xyzzy"));
    }
}
