//! Facets given as RELAX NG `param`s: which apply to which type, their
//! values, and whether a value satisfies them.

use super::error::DatatypeError;
use super::regex::Pattern;
use super::types::Builtin;
use super::value::Value;

/// The facets applied to a built-in type.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    length: Option<usize>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    patterns: Vec<Pattern>,
}

/// The facets XML Schema defines; `enumeration` and `whiteSpace` exist but
/// may not be params.
const FACET_NAMES: &[&str] = &[
    "length",
    "minLength",
    "maxLength",
    "pattern",
    "enumeration",
    "whiteSpace",
    "maxInclusive",
    "maxExclusive",
    "minInclusive",
    "minExclusive",
    "totalDigits",
    "fractionDigits",
];

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
        Ok(facets)
    }

    fn add(&mut self, builtin: Builtin, name: &str, value: &str) -> Result<(), DatatypeError> {
        let type_name = || builtin.name().to_owned();
        if !FACET_NAMES.contains(&name) {
            return Err(DatatypeError::UnknownParam {
                param: name.to_owned(),
                type_name: type_name(),
            });
        }
        match name {
            "length" => self.length = Some(parse_count(builtin, name, value)?),
            "minLength" => self.min_length = Some(parse_count(builtin, name, value)?),
            "maxLength" => self.max_length = Some(parse_count(builtin, name, value)?),
            "pattern" => {
                let pattern = Pattern::new(value).map_err(|source| DatatypeError::BadPattern {
                    pattern: value.to_owned(),
                    source,
                })?;
                self.patterns.push(pattern);
            }
            _ => {
                return Err(DatatypeError::ParamNotAllowed {
                    param: name.to_owned(),
                    type_name: type_name(),
                    help: not_allowed_help(name),
                })
            }
        }
        Ok(())
    }

    fn check_lengths(&self, builtin: Builtin) -> Result<(), DatatypeError> {
        let conflict = |first: &str, second: &str, reason: &str| DatatypeError::ConflictingParams {
            first: first.to_owned(),
            second: second.to_owned(),
            type_name: builtin.name().to_owned(),
            reason: reason.to_owned(),
        };
        if let (Some(min), Some(max)) = (self.min_length, self.max_length) {
            if min > max {
                return Err(conflict(
                    "minLength",
                    "maxLength",
                    "the minimum is above the maximum",
                ));
            }
        }
        if self.length.is_some() && self.min_length.is_some() {
            return Err(conflict(
                "length",
                "minLength",
                "a fixed length leaves no room for a minimum",
            ));
        }
        if self.length.is_some() && self.max_length.is_some() {
            return Err(conflict(
                "length",
                "maxLength",
                "a fixed length leaves no room for a maximum",
            ));
        }
        Ok(())
    }

    /// Whether the normalized lexical form matches every `pattern`.
    pub fn matches_patterns(&self, normal: &str) -> bool {
        self.patterns.iter().all(|p| p.is_match(normal))
    }

    /// Whether `value` satisfies the value-based facets.
    pub fn admits(&self, value: &Value) -> bool {
        let Some(len) = value.length() else {
            return true;
        };
        self.length.is_none_or(|n| len == n)
            && self.min_length.is_none_or(|n| len >= n)
            && self.max_length.is_none_or(|n| len <= n)
    }

    /// A short human description of the type with these facets.
    pub fn describe(&self, builtin: Builtin) -> String {
        let mut out = format!("a value of type `{}`", builtin.name());
        if let Some(n) = self.length {
            out.push_str(&format!(" of length {n}"));
        }
        if let Some(n) = self.min_length {
            out.push_str(&format!(", at least {n} long"));
        }
        if let Some(n) = self.max_length {
            out.push_str(&format!(", at most {n} long"));
        }
        for p in &self.patterns {
            out.push_str(&format!(", matching `{}`", p.source()));
        }
        out
    }
}

/// A non-negative integer param value (the length facets).
fn parse_count(builtin: Builtin, name: &str, value: &str) -> Result<usize, DatatypeError> {
    let trimmed = super::lexical::collapse(value);
    let digits = trimmed.strip_prefix('+').unwrap_or(&trimmed);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Lengths beyond usize cannot be reached by any string: saturate.
        return Ok(digits.parse().unwrap_or(usize::MAX));
    }
    Err(DatatypeError::BadParamValue {
        param: name.to_owned(),
        value: value.to_owned(),
        type_name: builtin.name().to_owned(),
        reason: "expected a non-negative integer".to_owned(),
    })
}

fn not_allowed_help(name: &str) -> String {
    match name {
        "enumeration" => {
            "RELAX NG has no `enumeration` param: use a choice of `<value>`s".to_owned()
        }
        "whiteSpace" => {
            "RELAX NG has no `whiteSpace` param: each type's white-space handling is fixed"
                .to_owned()
        }
        _ => format!("`{name}` does not apply to this type"),
    }
}
