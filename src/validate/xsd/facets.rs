//! Facets given as RELAX NG `param`s: which apply to which type, their
//! values, and whether a value satisfies them.
//!
//! As in Jing, each param restricts the type built so far: params apply in
//! document order and all of them hold, so a facet may repeat (`pattern`
//! given twice means both patterns must match) and contradictory params
//! simply leave no value. A range bound must itself be a value of the type
//! restricted by the params before it. Digits are counted as Jing counts
//! them, on the lexical form. `enumeration` and `whiteSpace` are
//! facets but never params (the RELAX NG guidelines replace them with
//! `<value>` choices and fixed white space); a param that does not apply to
//! the type, or a value that is not one the facet takes, is an error.

use super::error::DatatypeError;
use super::regex::Pattern;
use super::types::{Builtin, Family};
use super::value::{Value, ValueKind};
use super::EmptyContext;
use std::cmp::Ordering;

/// A range bound: the value, its text in the schema, and whether it is inclusive.
#[derive(Debug, Clone)]
struct Bound {
    value: Value,
    text: String,
    inclusive: bool,
}

/// Bounds are equal when their values are, however they were written.
impl PartialEq for Bound {
    fn eq(&self, other: &Bound) -> bool {
        self.value == other.value && self.inclusive == other.inclusive
    }
}

impl Eq for Bound {}

impl std::hash::Hash for Bound {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
        self.inclusive.hash(state);
    }
}

/// One param, as a restriction of the type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Facet {
    Length(usize),
    MinLength(usize),
    MaxLength(usize),
    Pattern(Pattern),
    Min(Bound),
    Max(Bound),
    TotalDigits(usize),
    FractionDigits(usize),
}

/// The facets applied to a built-in type, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Facets {
    facets: Vec<Facet>,
}

/// Whether `facet` applies to `family`; None when it is no facet at all.
fn applies(facet: &str, family: Family) -> Option<bool> {
    let ordered = matches!(
        family,
        Family::Decimal | Family::Float | Family::Duration | Family::Date
    );
    let has_length = matches!(family, Family::String | Family::List | Family::Binary);
    Some(match facet {
        "length" | "minLength" | "maxLength" => has_length,
        "pattern" => true,
        "enumeration" | "whiteSpace" => false,
        "minInclusive" | "minExclusive" | "maxInclusive" | "maxExclusive" => ordered,
        "totalDigits" | "fractionDigits" => family == Family::Decimal,
        _ => return None,
    })
}

impl Facets {
    /// The facets of `params` (in document order) applied to `builtin`.
    pub fn new(builtin: Builtin, params: &[(String, String)]) -> Result<Facets, DatatypeError> {
        let mut facets = Facets::default();
        for (name, value) in params {
            let facet = facets.facet(builtin, name, value)?;
            facets.facets.push(facet);
        }
        Ok(facets)
    }

    fn facet(&self, builtin: Builtin, name: &str, value: &str) -> Result<Facet, DatatypeError> {
        match applies(name, builtin.family()) {
            None => {
                return Err(DatatypeError::UnknownParam {
                    param: name.to_owned(),
                    type_name: builtin.name().to_owned(),
                })
            }
            Some(false) => {
                return Err(DatatypeError::ParamNotAllowed {
                    param: name.to_owned(),
                    type_name: builtin.name().to_owned(),
                    help: not_allowed_help(name),
                })
            }
            Some(true) => {}
        }
        let count = |positive| parse_count(builtin, name, value, positive);
        Ok(match name {
            "length" => Facet::Length(count(false)?),
            "minLength" => Facet::MinLength(count(false)?),
            "maxLength" => Facet::MaxLength(count(false)?),
            "totalDigits" => Facet::TotalDigits(count(true)?),
            "fractionDigits" => Facet::FractionDigits(count(false)?),
            "pattern" => {
                Facet::Pattern(
                    Pattern::new(value).map_err(|source| DatatypeError::BadPattern {
                        pattern: value.to_owned(),
                        source,
                    })?,
                )
            }
            _ => {
                let bound = self.bound(builtin, name, value)?;
                if name.starts_with("min") {
                    Facet::Min(bound)
                } else {
                    Facet::Max(bound)
                }
            }
        })
    }

    /// A range bound: a value of the type as restricted so far.
    fn bound(&self, builtin: Builtin, name: &str, text: &str) -> Result<Bound, DatatypeError> {
        let normal = builtin.normalize(text);
        let value = builtin
            .parse(&normal, &EmptyContext)
            .filter(|v| self.matches_patterns(&normal) && self.admits(v, &normal))
            .ok_or_else(|| DatatypeError::BadParamValue {
                param: name.to_owned(),
                value: text.to_owned(),
                type_name: builtin.name().to_owned(),
                reason: format!(
                    "expected a value of type `{}` allowed by the params before it",
                    builtin.name()
                ),
            })?;
        Ok(Bound {
            value,
            text: normal.into_owned(),
            inclusive: name.ends_with("Inclusive"),
        })
    }

    /// Whether the normalized lexical form matches every `pattern`.
    pub fn matches_patterns(&self, normal: &str) -> bool {
        self.facets.iter().all(|f| match f {
            Facet::Pattern(p) => p.is_match(normal),
            _ => true,
        })
    }

    /// Whether `value`, read from the normalized lexical form `normal`,
    /// satisfies the other facets.
    pub fn admits(&self, value: &Value, normal: &str) -> bool {
        let length = value.length();
        let digits = match value.kind() {
            ValueKind::Decimal(_) => lexical_digits(normal),
            _ => None,
        };
        self.facets.iter().all(|facet| match facet {
            Facet::Length(n) => length.is_none_or(|len| len == *n),
            Facet::MinLength(n) => length.is_none_or(|len| len >= *n),
            Facet::MaxLength(n) => length.is_none_or(|len| len <= *n),
            Facet::Pattern(_) => true,
            Facet::Min(b) => matches!(
                (value.partial_cmp(&b.value), b.inclusive),
                (Some(Ordering::Greater), _) | (Some(Ordering::Equal), true)
            ),
            Facet::Max(b) => matches!(
                (value.partial_cmp(&b.value), b.inclusive),
                (Some(Ordering::Less), _) | (Some(Ordering::Equal), true)
            ),
            Facet::TotalDigits(n) => digits.is_none_or(|(total, _)| total <= *n),
            Facet::FractionDigits(n) => digits.is_none_or(|(_, fraction)| fraction <= *n),
        })
    }

    /// A short human description of the type with these facets, such as
    /// "an integer from 1 to 12".
    pub fn describe(&self, builtin: Builtin) -> String {
        let mut parts = vec![noun(builtin)];
        let unit = match builtin.family() {
            Family::List => "items",
            Family::Binary => "bytes",
            _ => "characters",
        };
        let mut rest = self.facets.iter().peekable();
        while let Some(facet) = rest.next() {
            let part = match facet {
                Facet::Min(min) if min.inclusive => match rest.peek() {
                    Some(Facet::Max(max)) if max.inclusive => {
                        let part = format!("from {} to {}", min.text, max.text);
                        rest.next();
                        part
                    }
                    _ => format!("at least {}", min.text),
                },
                Facet::Min(b) => format!("above {}", b.text),
                Facet::Max(b) if b.inclusive => format!("at most {}", b.text),
                Facet::Max(b) => format!("below {}", b.text),
                Facet::Length(n) => format!("of exactly {n} {unit}"),
                Facet::MinLength(n) => format!("of at least {n} {unit}"),
                Facet::MaxLength(n) => format!("of at most {n} {unit}"),
                Facet::TotalDigits(n) => format!("with at most {n} digits"),
                Facet::FractionDigits(n) => format!("with at most {n} digits after the point"),
                Facet::Pattern(p) => format!("matching `{}`", p.source()),
            };
            parts.push(part);
        }
        parts.join(" ")
    }
}

/// `(totalDigits, fractionDigits)` of a decimal as Jing counts them: on the
/// lexical form, so leading zeros do not count but trailing zeros after the
/// point do (`1.50` has 3 digits, 2 after the point; `0.012` has 2 digits).
fn lexical_digits(normal: &str) -> Option<(usize, usize)> {
    let unsigned = normal.strip_prefix(['+', '-']).unwrap_or(normal);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let significant = int
        .chars()
        .chain(frac.chars())
        .skip_while(|&c| c == '0')
        .count();
    Some((significant.max(1), frac.len()))
}

/// "an integer", "a date", ... for descriptions.
fn noun(builtin: Builtin) -> String {
    let name = builtin.name();
    let plain = match name {
        "integer" => "an integer",
        "decimal" => "a decimal number",
        "boolean" => "`true` or `false`",
        "date" => "a date (YYYY-MM-DD)",
        "dateTime" => "a date and time (YYYY-MM-DDThh:mm:ss)",
        "anyURI" => "a URI",
        "string" => "any text",
        _ if builtin.integer_bounds().is_some() => return format!("an integer of type `{name}`"),
        _ => return format!("a value of type `{name}`"),
    };
    plain.to_owned()
}

/// A non-negative (or, with `positive`, positive) integer param value.
fn parse_count(
    builtin: Builtin,
    name: &str,
    value: &str,
    positive: bool,
) -> Result<usize, DatatypeError> {
    // As Jing: an optional `+`, digits, and white space around them.
    let number =
        super::decimal::Decimal::parse_integer(value.trim_matches(super::lexical::is_xml_space));
    if let Some(number) = number.filter(|d| !d.is_negative()) {
        // Counts beyond usize cannot be reached by any value: saturate.
        let n = number
            .to_i128()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(usize::MAX);
        if !(positive && n == 0) {
            return Ok(n);
        }
    }
    let kind = if positive {
        "a positive"
    } else {
        "a non-negative"
    };
    Err(DatatypeError::BadParamValue {
        param: name.to_owned(),
        value: value.to_owned(),
        type_name: builtin.name().to_owned(),
        reason: format!("expected {kind} integer"),
    })
}

fn not_allowed_help(name: &str) -> String {
    match name {
        "enumeration" => "RELAX NG has no `enumeration` param: use a choice of `<value>`s".to_owned(),
        "whiteSpace" => "RELAX NG has no `whiteSpace` param: each type's white-space handling is fixed".to_owned(),
        _ => format!("`{name}` does not apply to this type: length facets apply to strings, URIs, lists and binary data, range facets to numbers, dates and durations, digit facets to decimals"),
    }
}

#[cfg(test)]
mod tests;
