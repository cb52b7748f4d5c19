//! The evaluation report: totals over letters, as a plain table or JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::compare::{Counts, DateValues, Prf, SCORED};
use super::{Category, LetterEval};

/// The evaluation of a set of letters.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Each letter's evaluation, in the order given.
    pub letters: Vec<LetterEval>,
    /// Counts per category over all letters.
    pub counts: BTreeMap<Category, Counts>,
    /// Date values over all letters.
    pub dates: DateValues,
}

/// The names-only micro average (person, place, org).
const NAMES: [Category; 3] = [Category::Person, Category::Place, Category::Org];

impl Report {
    /// Sums the letters' comparisons.
    #[must_use]
    pub fn new(letters: Vec<LetterEval>) -> Self {
        let (counts, dates) = super::totals(&letters);
        Self {
            letters,
            counts,
            dates,
        }
    }

    /// The counts of one category (zero when it never occurred).
    #[must_use]
    pub fn category(&self, cat: Category) -> Counts {
        self.counts.get(&cat).copied().unwrap_or_default()
    }

    /// The counts of person, place and org together (the micro average).
    #[must_use]
    pub fn names(&self) -> Counts {
        let mut sum = Counts::default();
        for cat in NAMES {
            sum.add(&self.category(cat));
        }
        sum
    }

    /// The share of compared dates whose value is right (0 when none).
    #[must_use]
    pub fn date_value_accuracy(&self) -> f64 {
        if self.dates.compared == 0 {
            0.0
        } else {
            self.dates.right as f64 / self.dates.compared as f64
        }
    }

    /// The plain table.
    #[must_use]
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} letters\n\n{:<14} {:>5} {:>5}   {:>5} {:>5} {:>5}   {:>5} {:>5} {:>5}",
            self.letters.len(),
            "category",
            "gold",
            "found",
            "P",
            "R",
            "F1",
            "P~",
            "R~",
            "F1~"
        );
        let rows = SCORED
            .iter()
            .map(|c| (c.label(), self.category(*c)))
            .chain([("micro (names)", self.names())]);
        for (label, c) in rows {
            let (e, o) = (c.exact(), c.overlap());
            let _ = writeln!(
                out,
                "{label:<14} {:>5} {:>5}   {:>5.3} {:>5.3} {:>5.3}   {:>5.3} {:>5.3} {:>5.3}",
                c.gold, c.found, e.precision, e.recall, e.f1, o.precision, o.recall, o.f1
            );
        }
        let _ = writeln!(
            out,
            "\nP R F1: exact span; P~ R~ F1~: overlap.\ndate values right: {} of {} ({:.3})",
            self.dates.right,
            self.dates.compared,
            self.date_value_accuracy()
        );
        out
    }

    /// Every gold and found entity, one per line, tab-separated: the file,
    /// `gold` or `found`, the category, how it matched (`exact`, `overlap`,
    /// `none`), the text and the date value.
    #[must_use]
    pub fn details(&self) -> String {
        let mut out = String::new();
        for l in &self.letters {
            let name = l
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            for (side, mine, other) in [
                ("gold", &l.gold.entities, &l.found),
                ("found", &l.found, &l.gold.entities),
            ] {
                for e in mine.iter().filter(|e| e.category != Category::Other) {
                    let same = other.iter().filter(|o| o.category == e.category);
                    let how = if same.clone().any(|o| o.start == e.start && o.end == e.end) {
                        "exact"
                    } else if same.clone().any(|o| o.start < e.end && e.start < o.end) {
                        "overlap"
                    } else {
                        "none"
                    };
                    let _ = writeln!(
                        out,
                        "{name}\t{side}\t{}\t{how}\t{}\t{}",
                        e.category.label(),
                        e.text.replace(['\n', '\t'], " "),
                        e.value
                    );
                }
            }
        }
        out
    }

    /// The report as JSON.
    #[must_use]
    pub fn json(&self) -> String {
        let mut categories = serde_json::Map::new();
        let rows = SCORED
            .iter()
            .map(|c| (c.label(), self.category(*c)))
            .chain([("micro", self.names())]);
        for (label, c) in rows {
            categories.insert(label.to_owned(), category_json(&c));
        }
        let letters: Vec<serde_json::Value> = self
            .letters
            .iter()
            .map(|l| {
                let mut per = serde_json::Map::new();
                for (cat, c) in &l.comparison.counts {
                    per.insert(cat.label().to_owned(), serde_json::json!(c));
                }
                serde_json::json!({ "path": l.path.display().to_string(), "counts": per })
            })
            .collect();
        let value = serde_json::json!({
            "letters": self.letters.len(),
            "categories": categories,
            "dates": {
                "compared": self.dates.compared,
                "value_right": self.dates.right,
                "accuracy": self.date_value_accuracy(),
            },
            "per_letter": letters,
        });
        let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
        s.push('\n');
        s
    }
}

fn category_json(c: &Counts) -> serde_json::Value {
    let prf =
        |p: Prf| serde_json::json!({"precision": p.precision, "recall": p.recall, "f1": p.f1});
    serde_json::json!({
        "counts": c,
        "exact": prf(c.exact()),
        "overlap": prf(c.overlap()),
    })
}
