//! Exact decimal arithmetic for float literals: a literal is rounded once, straight from its
//! decimal digits, into the target dtype (never decimal → f64 → f16, which can round twice), and
//! an integer dtype gets its exact integer part and how the fraction compares with one half.

use std::cmp::Ordering;

/// A decimal literal's magnitude: `digits × 10^exponent`, with no leading or trailing zero
/// digits (zero has no digits).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// Each in `0..=9`, most significant first.
    digits: Vec<u8>,
    exponent: i64,
}

/// How the part of a value below its integer part compares with one half.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fraction {
    Zero,
    BelowHalf,
    Half,
    AboveHalf,
}

/// Exponents beyond this are clamped: any such value is zero or infinite in every dtype, and the
/// clamp keeps the arithmetic below bounded.
const EXPONENT_LIMIT: i64 = 1_000_000;

impl Decimal {
    /// Parses the base-10 text of an unsigned float literal: `1.5`, `2.`, `1e-3`, `6.02E+23`.
    pub(crate) fn parse(text: &str) -> Option<Decimal> {
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], parse_exponent(&text[at + 1..])?),
            None => (text, 0),
        };
        let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        let mut digits = Vec::with_capacity(int_part.len() + frac_part.len());
        for c in int_part.chars().chain(frac_part.chars()) {
            match c {
                '0'..='9' => digits.push(c as u8 - b'0'),
                '_' => {}
                _ => return None,
            }
        }
        let frac_digits = frac_part.chars().filter(|&c| c != '_').count() as i64;
        let mut decimal = Decimal {
            digits,
            exponent: exponent - frac_digits,
        };
        decimal.normalize();
        Some(decimal)
    }

    fn normalize(&mut self) {
        let leading = self.digits.iter().take_while(|&&d| d == 0).count();
        self.digits.drain(..leading);
        while self.digits.last() == Some(&0) {
            self.digits.pop();
            self.exponent += 1;
        }
        if self.digits.is_empty() {
            self.exponent = 0;
        }
        self.exponent = self.exponent.clamp(-EXPONENT_LIMIT, EXPONENT_LIMIT);
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The integer part (`None` if it exceeds `u128`) and how the fraction compares with one
    /// half.
    pub(crate) fn integer_part(&self) -> (Option<u128>, Fraction) {
        let len = self.digits.len() as i64;
        let integer_digits = len + self.exponent;
        if integer_digits > 40 {
            return (None, Fraction::Zero);
        }
        let split = integer_digits.clamp(0, len) as usize;
        let mut integer: u128 = 0;
        for &d in &self.digits[..split] {
            match integer
                .checked_mul(10)
                .and_then(|n| n.checked_add(u128::from(d)))
            {
                Some(next) => integer = next,
                None => return (None, Fraction::Zero),
            }
        }
        for _ in 0..self.exponent.max(0) {
            match integer.checked_mul(10) {
                Some(scaled) => integer = scaled,
                None => return (None, Fraction::Zero),
            }
        }
        let fraction = &self.digits[split..];
        let fraction = if fraction.is_empty() {
            Fraction::Zero
        } else if integer_digits < 0 {
            // A zero digit comes first: below a half.
            Fraction::BelowHalf
        } else {
            match fraction[0].cmp(&5) {
                Ordering::Less => Fraction::BelowHalf,
                Ordering::Equal if fraction.len() == 1 => Fraction::Half,
                Ordering::Equal | Ordering::Greater => Fraction::AboveHalf,
            }
        };
        (Some(integer), fraction)
    }

    /// Compares the decimal with a positive finite `x`, exactly.
    pub(crate) fn cmp_f64(&self, x: f64) -> Ordering {
        if self.is_zero() {
            return if x == 0.0 {
                Ordering::Equal
            } else {
                Ordering::Less
            };
        }
        let bits = x.to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i64;
        let fraction = bits & ((1 << 52) - 1);
        let (mantissa, binary_exponent) = if biased == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1 << 52), biased - 1075)
        };
        // digits × 10^e10 against mantissa × 2^e2, both scaled to integers.
        let mut left = BigUint::from_digits(&self.digits);
        let mut right = BigUint::from_u64(mantissa);
        if self.exponent >= 0 {
            left.mul_pow10(self.exponent as u64);
        } else {
            right.mul_pow10(self.exponent.unsigned_abs());
        }
        if binary_exponent >= 0 {
            right.shl(binary_exponent as u64);
        } else {
            left.shl(binary_exponent.unsigned_abs());
        }
        left.cmp(&right)
    }
}

fn parse_exponent(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let mut value: i64 = 0;
    let mut any = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => {
                any = true;
                value = (value * 10 + i64::from(c as u8 - b'0')).min(EXPONENT_LIMIT * 10);
            }
            '_' => {}
            _ => return None,
        }
    }
    any.then_some(if negative { -value } else { value })
}

/// A little-endian unsigned big integer: just what exact comparison needs.
#[derive(Debug, PartialEq, Eq)]
struct BigUint {
    limbs: Vec<u32>,
}

impl BigUint {
    fn from_u64(value: u64) -> BigUint {
        let mut n = BigUint {
            limbs: vec![value as u32, (value >> 32) as u32],
        };
        n.trim();
        n
    }

    fn from_digits(digits: &[u8]) -> BigUint {
        let mut n = BigUint { limbs: Vec::new() };
        for chunk in digits.chunks(9) {
            let mut value = 0u32;
            for &d in chunk {
                value = value * 10 + u32::from(d);
            }
            n.mul_add_small(10u32.pow(chunk.len() as u32), value);
        }
        n
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    fn mul_add_small(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.limbs {
            let wide = u64::from(*limb) * u64::from(factor) + carry;
            *limb = wide as u32;
            carry = wide >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
        self.trim();
    }

    fn mul_pow10(&mut self, mut power: u64) {
        while power >= 9 {
            self.mul_add_small(1_000_000_000, 0);
            power -= 9;
        }
        self.mul_add_small(10u32.pow(power as u32), 0);
    }

    fn shl(&mut self, bits: u64) {
        if self.limbs.is_empty() {
            return;
        }
        let words = (bits / 32) as usize;
        let shift = (bits % 32) as u32;
        if shift != 0 {
            let mut carry = 0u32;
            for limb in &mut self.limbs {
                let next = *limb >> (32 - shift);
                *limb = (*limb << shift) | carry;
                carry = next;
            }
            if carry != 0 {
                self.limbs.push(carry);
            }
        }
        self.limbs.splice(0..0, std::iter::repeat_n(0, words));
    }
}

impl Ord for BigUint {
    fn cmp(&self, other: &Self) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

impl PartialOrd for BigUint {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    #[test]
    fn parses_and_normalizes() {
        assert_eq!(dec("1.50").digits, [1, 5]);
        assert_eq!(dec("1.50").exponent, -1);
        assert_eq!(dec("001_000").exponent, 3);
        assert_eq!(dec("2.").digits, [2]);
        assert_eq!(dec("1e-3").exponent, -3);
        assert_eq!(dec("6.02E+23").exponent, 21);
        assert!(dec("0.000").is_zero());
        assert!(Decimal::parse("1e").is_none());
        assert!(Decimal::parse(".").is_none());
        assert!(Decimal::parse("1x").is_none());
        assert_eq!(dec("1e999999999999999999999").exponent, EXPONENT_LIMIT);
    }

    #[test]
    fn integer_parts_and_fractions() {
        assert_eq!(dec("2.0").integer_part(), (Some(2), Fraction::Zero));
        assert_eq!(dec("2.5").integer_part(), (Some(2), Fraction::Half));
        assert_eq!(
            dec("2.50001").integer_part(),
            (Some(2), Fraction::AboveHalf)
        );
        assert_eq!(dec("2.4999").integer_part(), (Some(2), Fraction::BelowHalf));
        assert_eq!(dec("0.5").integer_part(), (Some(0), Fraction::Half));
        assert_eq!(dec("0.05").integer_part(), (Some(0), Fraction::BelowHalf));
        assert_eq!(dec("1e3").integer_part(), (Some(1000), Fraction::Zero));
        assert_eq!(dec("1e40").integer_part().0, None);
        assert_eq!(dec("1e-400").integer_part(), (Some(0), Fraction::BelowHalf));
        assert_eq!(
            dec("340282366920938463463374607431768211455").integer_part(),
            (Some(u128::MAX), Fraction::Zero)
        );
        assert_eq!(
            dec("340282366920938463463374607431768211456")
                .integer_part()
                .0,
            None
        );
    }

    #[test]
    fn compares_exactly_with_binary_values() {
        let mid = 1.0 + 2f64.powi(-11);
        assert_eq!(dec("1.00048828125").cmp_f64(mid), Ordering::Equal);
        assert_eq!(
            dec("1.00048828125000000000000000001").cmp_f64(mid),
            Ordering::Greater
        );
        assert_eq!(
            dec("1.00048828124999999999999999999").cmp_f64(mid),
            Ordering::Less
        );
        assert_eq!(dec("0.1").cmp_f64(0.1), Ordering::Less); // 0.1f64 is slightly above 1/10
        assert_eq!(dec("65520").cmp_f64(65520.0), Ordering::Equal);
        assert_eq!(dec("0").cmp_f64(1.0), Ordering::Less);
        let tiny = 2f64.powi(-25);
        assert_eq!(dec("2.98023223876953125e-8").cmp_f64(tiny), Ordering::Equal);
    }
}
