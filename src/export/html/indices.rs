//! The index pages: the letters in date order, and one page each for the
//! persons, places and organisations, each entry listing the letters that
//! mention it.

use std::collections::BTreeMap;

use super::letter::{date_html, name_html};
use super::page::{escape, escape_attr, page, push_text, url_segment};
use crate::export::model::{Entry, Kind, LetterView, NameRef, Register};

/// The letters in date order (undated letters last), then by file name.
pub fn sort_letters(letters: &mut [LetterView]) {
    letters.sort_by(|a, b| {
        let key = |v: &LetterView| (v.when.is_none(), v.when.clone(), v.stem.clone());
        key(a).cmp(&key(b))
    });
}

/// The letters index: date, from, to, place and a link to each letter.
#[must_use]
pub fn letters_index(letters: &[LetterView], site_title: &str) -> String {
    let mut main = String::from("<h1>");
    push_text(&mut main, site_title);
    main.push_str("</h1>\n");
    main.push_str(&format!(
        "<p class=\"summary\">{} {}, in order of date.</p>\n",
        letters.len(),
        if letters.len() == 1 {
            "letter"
        } else {
            "letters"
        }
    ));
    main.push_str("<table class=\"letters\">\n<thead>\n<tr><th scope=\"col\">Date</th><th scope=\"col\">From</th><th scope=\"col\">To</th><th scope=\"col\">Place</th><th scope=\"col\">Letter</th></tr>\n</thead>\n<tbody>\n");
    for view in letters {
        let names = |list: &[NameRef]| list.iter().map(name_html).collect::<Vec<_>>().join(", ");
        main.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{}.html\">{}</a></td></tr>\n",
            view.date.as_deref().map_or(String::new(), |d| date_html(view.when.as_deref(), d)),
            names(&view.from),
            names(&view.to),
            names(&view.place),
            url_segment(&view.stem),
            escape(&view.title),
        ));
    }
    main.push_str("</tbody>\n</table>\n");
    page(site_title, site_title, &main)
}

/// One line of an entity index.
struct Line<'a> {
    id: &'a str,
    label: String,
    entry: Option<&'a Entry>,
    letters: Vec<&'a LetterView>,
}

/// The index page of `kind`: every register entry of that kind, and every
/// entry the letters mention that the register lacks.
#[must_use]
pub fn entity_index(
    kind: Kind,
    register: &Register,
    letters: &[LetterView],
    site_title: &str,
) -> String {
    let mut lines: BTreeMap<&str, Line<'_>> = BTreeMap::new();
    for entry in register.entries.values().filter(|e| e.kind == kind) {
        let label = entry
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| entry.id.clone());
        lines.insert(
            &entry.id,
            Line {
                id: &entry.id,
                label,
                entry: Some(entry),
                letters: Vec::new(),
            },
        );
    }
    for view in letters {
        for (id, (k, text)) in &view.mentions {
            if *k != kind {
                continue;
            }
            let line = lines.entry(id).or_insert_with(|| Line {
                id,
                label: text.clone(),
                entry: None,
                letters: Vec::new(),
            });
            line.letters.push(view);
        }
    }
    let mut lines: Vec<Line<'_>> = lines.into_values().collect();
    lines.sort_by(|a, b| (a.label.to_lowercase(), a.id).cmp(&(b.label.to_lowercase(), b.id)));
    let mut main = format!("<h1>{}</h1>\n", kind.heading());
    if lines.is_empty() {
        main.push_str("<p class=\"summary\">None.</p>\n");
    }
    for line in &lines {
        main.push_str(&entry_html(line));
    }
    page(site_title, kind.heading(), &main)
}

fn entry_html(line: &Line<'_>) -> String {
    let mut out = format!(
        "<section class=\"entry\" id=\"{}\">\n<h2>{}</h2>\n",
        escape_attr(line.id),
        escape(&line.label)
    );
    match line.entry {
        Some(entry) => {
            if entry.names.len() > 1 {
                out.push_str(&format!(
                    "<p class=\"also\">Also: {}</p>\n",
                    escape(&entry.names[1..].join("; "))
                ));
            }
            if let Some(note) = &entry.note {
                out.push_str(&format!("<p class=\"desc\">{}</p>\n", escape(note)));
            }
            if !entry.idnos.is_empty() {
                let ids: Vec<String> = entry.idnos.iter().map(|(t, v)| authority(t, v)).collect();
                out.push_str(&format!("<p class=\"authority\">{}</p>\n", ids.join(" · ")));
            }
        }
        None => out.push_str("<p class=\"missing\">Not in the register.</p>\n"),
    }
    if line.letters.is_empty() {
        out.push_str("<p class=\"mentions\">Mentioned in no letter.</p>\n");
    } else {
        out.push_str("<p class=\"mentions\">Mentioned in:</p>\n<ul>\n");
        for view in &line.letters {
            out.push_str(&format!(
                "<li><a href=\"{}.html\">{}</a>",
                url_segment(&view.stem),
                escape(&view.title)
            ));
            if let Some(date) = &view.date {
                out.push_str(&format!(" ({})", date_html(view.when.as_deref(), date)));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// An authority identifier, linked when its type is a well-known authority.
fn authority(kind: &str, value: &str) -> String {
    let safe = value.chars().all(|c| c.is_ascii_alphanumeric());
    let url = match kind.to_lowercase().as_str() {
        "geonames" if safe => Some(format!("https://www.geonames.org/{value}")),
        "wikidata" if safe => Some(format!("https://www.wikidata.org/wiki/{value}")),
        "viaf" if safe => Some(format!("https://viaf.org/viaf/{value}")),
        "gnd" if safe => Some(format!("https://d-nb.info/gnd/{value}")),
        _ if value.starts_with("https://") && !value.contains(char::is_whitespace) => {
            Some(value.to_owned())
        }
        _ => None,
    };
    match url {
        Some(url) => format!(
            "{}: <a href=\"{}\">{}</a>",
            escape(kind),
            escape_attr(&url),
            escape(value)
        ),
        None => format!("{}: {}", escape(kind), escape(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(stem: &str, when: Option<&str>) -> LetterView {
        LetterView {
            stem: stem.into(),
            title: stem.into(),
            when: when.map(str::to_owned),
            date: None,
            from: Vec::new(),
            to: Vec::new(),
            place: Vec::new(),
            mentions: BTreeMap::new(),
        }
    }

    #[test]
    fn letters_in_date_order_undated_last() {
        let mut letters = vec![
            view("c", None),
            view("b", Some("1771-03-02")),
            view("a", Some("1771-03-02")),
            view("d", Some("1770")),
        ];
        sort_letters(&mut letters);
        let order: Vec<&str> = letters.iter().map(|v| v.stem.as_str()).collect();
        assert_eq!(order, ["d", "a", "b", "c"]);
    }

    #[test]
    fn authorities_link_only_known_schemes() {
        assert!(
            authority("GeoNames", "2656173").contains("href=\"https://www.geonames.org/2656173\"")
        );
        assert!(!authority("GeoNames", "1 OR x").contains("href"));
        assert!(!authority("local", "javascript:alert(1)").contains("href"));
    }
}
