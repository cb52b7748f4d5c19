//! Facets given as RELAX NG `param`s: which apply to which type, their
//! values, and whether a value satisfies them.
//!
//! `enumeration` and `whiteSpace` are facets but never params (the RELAX NG
//! guidelines replace them with `<value>` choices and fixed white space).
//! `pattern` may repeat, and then every pattern must match; any other param
//! given twice is an error, as is a param that does not apply to the type,
//! a value outside the type, or two params that contradict each other.

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

/// The facets applied to a built-in type.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    length: Option<usize>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    patterns: Vec<Pattern>,
    min: Option<Bound>,
    max: Option<Bound>,
    total_digits: Option<usize>,
    fraction_digits: Option<usize>,
}

/// Every facet XML Schema defines, and whether it applies to a family.
fn applies(facet: &str, family: Family) -> Option<bool> {
    let ordered = matches!(
        family,
        Family::Decimal | Family::Float | Family::Duration | Family::Date
    );
    let has_length = matches!(
        family,
        Family::String | Family::List | Family::Binary | Family::QName
    );
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
        let mut seen: Vec<&str> = Vec::new();
        for (name, value) in params {
            if name != "pattern" && seen.contains(&name.as_str()) {
                return Err(DatatypeError::DuplicateParam {
                    param: name.clone(),
                    type_name: builtin.name().to_owned(),
                });
            }
            seen.push(name);
            facets.add(builtin, name, value)?;
        }
        facets.check_lengths(builtin)?;
        facets.check_ranges(builtin)?;
        facets.check_digits(builtin)?;
        Ok(facets)
    }

    fn add(&mut self, builtin: Builtin, name: &str, value: &str) -> Result<(), DatatypeError> {
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
        match name {
            "length" => self.length = Some(parse_count(builtin, name, value, false)?),
            "minLength" => self.min_length = Some(parse_count(builtin, name, value, false)?),
            "maxLength" => self.max_length = Some(parse_count(builtin, name, value, false)?),
            "totalDigits" => self.total_digits = Some(parse_count(builtin, name, value, true)?),
            "fractionDigits" => {
                self.fraction_digits = Some(parse_count(builtin, name, value, false)?)
            }
            "pattern" => {
                let pattern = Pattern::new(value).map_err(|source| DatatypeError::BadPattern {
                    pattern: value.to_owned(),
                    source,
                })?;
                self.patterns.push(pattern);
            }
            _ => self.add_bound(builtin, name, value)?,
        }
        Ok(())
    }

    fn add_bound(&mut self, builtin: Builtin, name: &str, text: &str) -> Result<(), DatatypeError> {
        let normal = builtin.normalize(text);
        let value =
            builtin
                .parse(&normal, &EmptyContext)
                .ok_or_else(|| DatatypeError::BadParamValue {
                    param: name.to_owned(),
                    value: text.to_owned(),
                    type_name: builtin.name().to_owned(),
                    reason: format!("expected a value of type `{}`", builtin.name()),
                })?;
        let bound = Bound {
            value,
            text: normal,
            inclusive: name.ends_with("Inclusive"),
        };
        let slot = if name.starts_with("min") {
            &mut self.min
        } else {
            &mut self.max
        };
        if let Some(other) = slot {
            let (first, second) = if other.inclusive {
                (name.replace("Exclusive", "Inclusive"), name.to_owned())
            } else {
                (name.replace("Inclusive", "Exclusive"), name.to_owned())
            };
            return Err(conflict(
                builtin,
                &first,
                &second,
                "a type has one lower and one upper bound",
            ));
        }
        *slot = Some(bound);
        Ok(())
    }

    fn check_lengths(&self, builtin: Builtin) -> Result<(), DatatypeError> {
        if let (Some(min), Some(max)) = (self.min_length, self.max_length) {
            if min > max {
                return Err(conflict(
                    builtin,
                    "minLength",
                    "maxLength",
                    "the minimum is above the maximum",
                ));
            }
        }
        if self.length.is_some() && self.min_length.is_some() {
            return Err(conflict(
                builtin,
                "length",
                "minLength",
                "a fixed length leaves no room for a minimum",
            ));
        }
        if self.length.is_some() && self.max_length.is_some() {
            return Err(conflict(
                builtin,
                "length",
                "maxLength",
                "a fixed length leaves no room for a maximum",
            ));
        }
        Ok(())
    }

    fn check_ranges(&self, builtin: Builtin) -> Result<(), DatatypeError> {
        let (Some(min), Some(max)) = (&self.min, &self.max) else {
            return Ok(());
        };
        let empty = match min.value.partial_cmp(&max.value) {
            Some(Ordering::Greater) => true,
            Some(Ordering::Equal) => !(min.inclusive && max.inclusive),
            _ => false,
        };
        if empty {
            let name = |b: &Bound, side: &str| {
                format!(
                    "{side}{}",
                    if b.inclusive {
                        "Inclusive"
                    } else {
                        "Exclusive"
                    }
                )
            };
            return Err(conflict(
                builtin,
                &name(min, "min"),
                &name(max, "max"),
                "no value lies between them",
            ));
        }
        Ok(())
    }

    fn check_digits(&self, builtin: Builtin) -> Result<(), DatatypeError> {
        if let (Some(total), Some(fraction)) = (self.total_digits, self.fraction_digits) {
            if fraction > total {
                return Err(conflict(
                    builtin,
                    "fractionDigits",
                    "totalDigits",
                    "there are more fraction digits than digits",
                ));
            }
        }
        if builtin.integer_bounds().is_some() && self.fraction_digits.is_some_and(|f| f != 0) {
            return Err(DatatypeError::BadParamValue {
                param: "fractionDigits".to_owned(),
                value: self.fraction_digits.unwrap_or_default().to_string(),
                type_name: builtin.name().to_owned(),
                reason: "integer types have no fraction digits: expected 0".to_owned(),
            });
        }
        Ok(())
    }

    /// Whether the normalized lexical form matches every `pattern`.
    pub fn matches_patterns(&self, normal: &str) -> bool {
        self.patterns.iter().all(|p| p.is_match(normal))
    }

    /// Whether `value` satisfies the value-based facets.
    pub fn admits(&self, value: &Value) -> bool {
        self.admits_length(value) && self.admits_range(value) && self.admits_digits(value)
    }

    fn admits_length(&self, value: &Value) -> bool {
        let Some(len) = value.length() else {
            return true;
        };
        self.length.is_none_or(|n| len == n)
            && self.min_length.is_none_or(|n| len >= n)
            && self.max_length.is_none_or(|n| len <= n)
    }

    fn admits_range(&self, value: &Value) -> bool {
        let above_min = self.min.as_ref().is_none_or(|b| {
            matches!(
                (value.partial_cmp(&b.value), b.inclusive),
                (Some(Ordering::Greater), _) | (Some(Ordering::Equal), true)
            )
        });
        let below_max = self.max.as_ref().is_none_or(|b| {
            matches!(
                (value.partial_cmp(&b.value), b.inclusive),
                (Some(Ordering::Less), _) | (Some(Ordering::Equal), true)
            )
        });
        above_min && below_max
    }

    fn admits_digits(&self, value: &Value) -> bool {
        let ValueKind::Decimal(d) = value.kind() else {
            return true;
        };
        self.total_digits.is_none_or(|t| d.total_digits() <= t)
            && self
                .fraction_digits
                .is_none_or(|f| d.fraction_digits() <= f)
    }

    /// A short human description of the type with these facets, such as
    /// "an integer from 1 to 12".
    pub fn describe(&self, builtin: Builtin) -> String {
        let mut parts = vec![noun(builtin)];
        match (&self.min, &self.max) {
            (Some(min), Some(max)) if min.inclusive && max.inclusive => {
                parts.push(format!("from {} to {}", min.text, max.text));
            }
            (min, max) => {
                if let Some(b) = min {
                    let word = if b.inclusive { "at least" } else { "above" };
                    parts.push(format!("{word} {}", b.text));
                }
                if let Some(b) = max {
                    let word = if b.inclusive { "at most" } else { "below" };
                    parts.push(format!("{word} {}", b.text));
                }
            }
        }
        let unit = if builtin.family() == Family::List {
            "items"
        } else {
            "characters"
        };
        let unit = if builtin.family() == Family::Binary {
            "bytes"
        } else {
            unit
        };
        if let Some(n) = self.length {
            parts.push(format!("of exactly {n} {unit}"));
        }
        if let Some(n) = self.min_length {
            parts.push(format!("of at least {n} {unit}"));
        }
        if let Some(n) = self.max_length {
            parts.push(format!("of at most {n} {unit}"));
        }
        if let Some(n) = self.total_digits {
            parts.push(format!("with at most {n} digits"));
        }
        if let Some(n) = self.fraction_digits {
            parts.push(format!("with at most {n} digits after the point"));
        }
        for p in &self.patterns {
            parts.push(format!("matching `{}`", p.source()));
        }
        parts.join(" ")
    }
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

fn conflict(builtin: Builtin, first: &str, second: &str, reason: &str) -> DatatypeError {
    DatatypeError::ConflictingParams {
        first: first.to_owned(),
        second: second.to_owned(),
        type_name: builtin.name().to_owned(),
        reason: reason.to_owned(),
    }
}

/// A non-negative (or, with `positive`, positive) integer param value.
fn parse_count(
    builtin: Builtin,
    name: &str,
    value: &str,
    positive: bool,
) -> Result<usize, DatatypeError> {
    let trimmed = super::lexical::collapse(value);
    let digits = trimmed.strip_prefix('+').unwrap_or(&trimmed);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Counts beyond usize cannot be reached by any value: saturate.
        let n = digits.parse().unwrap_or(usize::MAX);
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
        _ => format!("`{name}` does not apply to this type: length facets apply to strings, lists and binary data, range facets to numbers, dates and durations, digit facets to decimals"),
    }
}

#[cfg(test)]
mod tests;
