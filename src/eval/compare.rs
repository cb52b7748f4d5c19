//! Comparing found entities with the editors' ones: counts per category by
//! exact span and by overlap, and how many dates got the right value.

use std::collections::BTreeMap;

use super::strip::{Category, Entity};

/// The counts of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Entities the editors marked.
    pub gold: usize,
    /// Entities teikit marked.
    pub found: usize,
    /// Found entities with exactly a gold entity's span.
    pub exact: usize,
    /// Gold entities that some found entity overlaps.
    pub gold_overlapped: usize,
    /// Found entities that overlap some gold entity.
    pub found_overlapping: usize,
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    /// Share of found entities that are right.
    pub precision: f64,
    /// Share of gold entities that were found.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
}

impl Prf {
    fn new(right_found: usize, found: usize, right_gold: usize, gold: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(right_found, found);
        let recall = ratio(right_gold, gold);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Self {
            precision,
            recall,
            f1,
        }
    }
}

impl Counts {
    /// Scores by exact span.
    #[must_use]
    pub fn exact(&self) -> Prf {
        Prf::new(self.exact, self.found, self.exact, self.gold)
    }

    /// Scores by overlap.
    #[must_use]
    pub fn overlap(&self) -> Prf {
        Prf::new(
            self.found_overlapping,
            self.found,
            self.gold_overlapped,
            self.gold,
        )
    }

    /// Adds another letter's counts.
    pub fn add(&mut self, other: &Self) {
        self.gold += other.gold;
        self.found += other.found;
        self.exact += other.exact;
        self.gold_overlapped += other.gold_overlapped;
        self.found_overlapping += other.found_overlapping;
    }
}

/// Dates found and how many of them carry the editors' value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DateValues {
    /// Gold dates with a value that a found date overlaps.
    pub compared: usize,
    /// Of those, the ones whose found value equals the gold value.
    pub right: usize,
}

/// The comparison of one letter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// Counts per scored category.
    pub counts: BTreeMap<Category, Counts>,
    /// Date values.
    pub dates: DateValues,
}

/// The categories that are scored.
pub const SCORED: [Category; 4] = [
    Category::Person,
    Category::Place,
    Category::Org,
    Category::Date,
];

fn overlaps(a: &Entity, b: &Entity) -> bool {
    a.start < b.end && b.start < a.end
}

/// Compares found entities with gold ones.
#[must_use]
pub fn compare(gold: &[Entity], found: &[Entity]) -> Comparison {
    let mut out = Comparison::default();
    for cat in SCORED {
        let g: Vec<&Entity> = gold.iter().filter(|e| e.category == cat).collect();
        let f: Vec<&Entity> = found.iter().filter(|e| e.category == cat).collect();
        let counts = Counts {
            gold: g.len(),
            found: f.len(),
            exact: f
                .iter()
                .filter(|x| g.iter().any(|y| x.start == y.start && x.end == y.end))
                .count(),
            gold_overlapped: g
                .iter()
                .filter(|y| f.iter().any(|x| overlaps(x, y)))
                .count(),
            found_overlapping: f
                .iter()
                .filter(|x| g.iter().any(|y| overlaps(x, y)))
                .count(),
        };
        out.counts.insert(cat, counts);
    }
    for g in gold
        .iter()
        .filter(|e| e.category == Category::Date && !e.value.is_empty())
    {
        let best = found
            .iter()
            .filter(|f| f.category == Category::Date && overlaps(f, g))
            .max_by_key(|f| f.end.min(g.end) - f.start.max(g.start));
        if let Some(f) = best {
            out.dates.compared += 1;
            out.dates.right += usize::from(f.value == g.value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(category: Category, start: usize, end: usize, value: &str) -> Entity {
        Entity {
            category,
            start,
            end,
            text: String::new(),
            value: value.into(),
        }
    }

    #[test]
    fn exact_and_overlap_are_counted_apart() {
        let gold = [
            e(Category::Person, 0, 5, ""),
            e(Category::Person, 10, 20, ""),
            e(Category::Place, 30, 35, ""),
            e(Category::Date, 40, 50, "when=1850-01-02"),
        ];
        let found = [
            e(Category::Person, 0, 5, ""),
            e(Category::Person, 12, 20, ""),
            e(Category::Place, 36, 40, ""),
            e(Category::Date, 40, 48, "when=1850-01"),
        ];
        let c = compare(&gold, &found);
        let person = c.counts[&Category::Person];
        assert_eq!((person.exact, person.gold_overlapped), (1, 2));
        assert!((person.exact().f1 - 0.5).abs() < 1e-9);
        assert!((person.overlap().f1 - 1.0).abs() < 1e-9);
        let place = c.counts[&Category::Place];
        assert_eq!((place.exact, place.found_overlapping), (0, 0));
        assert_eq!(
            c.dates,
            DateValues {
                compared: 1,
                right: 0
            }
        );
    }
}
