//! Exact decimal numbers of any size: the value space of `decimal` and its
//! integer subtypes, and the arithmetic that dates and durations need.

use std::cmp::Ordering;

/// A decimal `±digits × 10^-scale`, normalized: no leading zeros in
/// `digits`, no trailing zeros in the fraction, and zero is never negative.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    negative: bool,
    /// The magnitude's decimal digits (0..=9), most significant first.
    digits: Vec<u8>,
    /// How many of `digits` are after the decimal point.
    scale: usize,
}

impl Decimal {
    /// Zero.
    pub fn zero() -> Decimal {
        Decimal {
            negative: false,
            digits: Vec::new(),
            scale: 0,
        }
    }

    /// The decimal equal to `n`.
    pub fn from_i128(n: i128) -> Decimal {
        let digits = n
            .unsigned_abs()
            .to_string()
            .bytes()
            .map(|b| b - b'0')
            .collect();
        Decimal::normalized(n < 0, digits, 0)
    }

    /// Parses `(+|-)?([0-9]+(.[0-9]*)?|.[0-9]+)`: the lexical space of
    /// `decimal` (already white-space collapsed).
    pub fn parse(s: &str) -> Option<Decimal> {
        let (negative, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let digits = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        Some(Decimal::normalized(negative, digits, frac.len()))
    }

    /// Parses an integer: `(+|-)?[0-9]+`.
    pub fn parse_integer(s: &str) -> Option<Decimal> {
        let body = s.strip_prefix(['+', '-']).unwrap_or(s);
        if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Decimal::parse(s)
    }

    fn normalized(negative: bool, mut digits: Vec<u8>, mut scale: usize) -> Decimal {
        while scale > 0 && digits.last() == Some(&0) {
            digits.pop();
            scale -= 1;
        }
        let leading = digits.iter().take_while(|&&d| d == 0).count();
        let leading = leading.min(digits.len() - scale.min(digits.len()));
        digits.drain(..leading);
        if digits.len() < scale {
            // Keep `digits.len() >= scale` so the integer part is explicit.
            let pad = scale - digits.len();
            digits.splice(0..0, std::iter::repeat_n(0, pad));
        }
        let is_zero = digits.iter().all(|&d| d == 0);
        if is_zero {
            return Decimal::zero();
        }
        Decimal {
            negative,
            digits,
            scale,
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// Whether the value has no fractional part.
    pub fn is_integer(&self) -> bool {
        self.scale == 0
    }

    /// The value as an `i128`, when it is an integer that fits.
    pub fn to_i128(&self) -> Option<i128> {
        if !self.is_integer() || self.digits.len() > 38 {
            return None;
        }
        let magnitude = self
            .digits
            .iter()
            .fold(0i128, |acc, &d| acc * 10 + i128::from(d));
        Some(if self.negative { -magnitude } else { magnitude })
    }

    /// The magnitude's digits padded to `scale` fraction digits.
    fn scaled(&self, scale: usize) -> Vec<u8> {
        let mut digits = self.digits.clone();
        digits.resize(digits.len() + (scale - self.scale), 0);
        digits
    }

    /// `self + other`, exactly.
    pub fn add(&self, other: &Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.scaled(scale), other.scaled(scale));
        if self.negative == other.negative {
            return Decimal::normalized(self.negative, add_magnitudes(&a, &b), scale);
        }
        match compare_magnitudes(&a, &b) {
            Ordering::Equal => Decimal::zero(),
            Ordering::Greater => Decimal::normalized(self.negative, sub_magnitudes(&a, &b), scale),
            Ordering::Less => Decimal::normalized(other.negative, sub_magnitudes(&b, &a), scale),
        }
    }

    /// `self × factor`, exactly.
    pub fn mul_small(&self, factor: u32) -> Decimal {
        let mut out = Vec::with_capacity(self.digits.len() + 10);
        let mut carry = 0u64;
        for &d in self.digits.iter().rev() {
            let product = u64::from(d) * u64::from(factor) + carry;
            out.push((product % 10) as u8);
            carry = product / 10;
        }
        while carry > 0 {
            out.push((carry % 10) as u8);
            carry /= 10;
        }
        out.reverse();
        Decimal::normalized(self.negative, out, self.scale)
    }

    /// Compares the magnitudes without copying: integer parts by length,
    /// then digits, with missing fraction digits read as zeros.
    fn compare_magnitude(&self, other: &Decimal) -> Ordering {
        let int_len = |d: &Decimal| d.digits.len() - d.scale;
        let by_length = int_len(self).cmp(&int_len(other));
        if by_length != Ordering::Equal {
            return by_length;
        }
        let len = self.digits.len().max(other.digits.len());
        let digit = |d: &Decimal, i: usize| d.digits.get(i).copied().unwrap_or(0);
        (0..len)
            .map(|i| digit(self, i).cmp(&digit(other, i)))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    }

    /// `-self`.
    pub fn negate(&self) -> Decimal {
        let mut out = self.clone();
        out.negative = !out.is_zero() && !self.negative;
        out
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => return Ordering::Greater,
            (true, false) => return Ordering::Less,
            _ => {}
        }
        let magnitude = self.compare_magnitude(other);
        if self.negative {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_zero() {
            return f.write_str("0");
        }
        let text: String = self.digits.iter().map(|d| char::from(b'0' + d)).collect();
        let (int, frac) = text.split_at(text.len() - self.scale);
        let int = if int.is_empty() { "0" } else { int };
        let sign = if self.negative { "-" } else { "" };
        if frac.is_empty() {
            write!(f, "{sign}{int}")
        } else {
            write!(f, "{sign}{int}.{frac}")
        }
    }
}

fn strip_leading(d: &[u8]) -> &[u8] {
    let zeros = d.iter().take_while(|&&x| x == 0).count();
    &d[zeros..]
}

fn compare_magnitudes(a: &[u8], b: &[u8]) -> Ordering {
    let (a, b) = (strip_leading(a), strip_leading(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn add_magnitudes(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
    let (mut i, mut j, mut carry) = (a.len(), b.len(), 0u8);
    while i > 0 || j > 0 || carry > 0 {
        let x = if i > 0 { a[i - 1] } else { 0 };
        let y = if j > 0 { b[j - 1] } else { 0 };
        let sum = x + y + carry;
        out.push(sum % 10);
        carry = sum / 10;
        i = i.saturating_sub(1);
        j = j.saturating_sub(1);
    }
    out.reverse();
    out
}

/// `a - b` for magnitudes with `a >= b`.
fn sub_magnitudes(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(a.len());
    let (mut j, mut borrow) = (b.len(), 0i8);
    for i in (0..a.len()).rev() {
        let y = if j > 0 { b[j - 1] as i8 } else { 0 };
        j = j.saturating_sub(1);
        let mut d = a[i] as i8 - y - borrow;
        borrow = i8::from(d < 0);
        if d < 0 {
            d += 10;
        }
        out.push(d as u8);
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::Decimal;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).expect("a decimal")
    }

    #[test]
    fn equal_values_have_one_form() {
        assert_eq!(d("+010.50"), d("10.5"));
        assert_eq!(d("-0.0"), d("0"));
        assert_eq!(d(".5"), d("0.5"));
        assert_eq!(d("1."), d("1"));
        assert_eq!(d("0.050").to_string(), "0.05");
    }

    #[test]
    fn rejects_what_is_not_a_decimal() {
        for bad in ["", ".", "+", "1.2.", "--1", "1e5", " 1", "1 .2"] {
            assert!(Decimal::parse(bad).is_none(), "{bad:?}");
        }
        assert!(Decimal::parse_integer("1.0").is_none());
    }

    #[test]
    fn order_agrees_with_floats_on_short_numbers() {
        let forms = [
            "0", "-0.0", "0.05", "0.5", "0.50", "-0.05", "1", "-1", "1.05", "10", "9.99", "-10.5",
            "100", "99.999", "0.001", "-0.001", "12.3", "12.30", "123",
        ];
        for a in forms {
            for b in forms {
                let (x, y): (f64, f64) = (a.parse().expect("a"), b.parse().expect("b"));
                assert_eq!(Some(d(a).cmp(&d(b))), x.partial_cmp(&y), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn order_and_arithmetic() {
        assert!(d("-2") < d("-1.5"));
        assert!(d("0.09") < d("0.1"));
        assert!(d("99") < d("100"));
        assert_eq!(d("1.25").add(&d("-3")), d("-1.75"));
        assert_eq!(d("-1.25").add(&d("1.25")), Decimal::zero());
        assert_eq!(d("999.9").add(&d("0.1")), d("1000"));
        assert_eq!(Decimal::from_i128(-42), d("-42"));
        assert_eq!(d("-1.5").mul_small(86_400), d("-129600"));
        assert_eq!(d("7").mul_small(0), Decimal::zero());
    }
}
