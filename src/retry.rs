//! When the transport may send a request again: a pure policy, so it is tested natively.
//!
//! A request that may have reached the vendor is never repeated unless it is idempotent (a
//! read): a repeated `startTask` could dial real phones twice. Replies that say the request
//! was refused before it was applied (429, 503) are safe to repeat for any method.

/// What happened to one attempt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// An HTTP reply arrived. `retry_after_ms` is the parsed `Retry-After`, if any.
    Status { status: u16, retry_after_ms: Option<f64> },
    /// `fetch` failed (connection refused, reset, DNS…). fetch cannot tell whether the
    /// request left the machine, so this counts as "may have been applied".
    NetworkError,
    /// Our timeout fired while waiting: the vendor may have applied the request.
    Timeout,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    pub max_retries: u32,
    /// First backoff step; doubles each retry.
    pub base_delay_ms: f64,
    /// No single wait is longer than this (also caps `Retry-After`).
    pub max_delay_ms: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { max_retries: 2, base_delay_ms: 200.0, max_delay_ms: 10_000.0 }
    }
}

/// Whether a reply proves the vendor did not apply the request.
pub fn refused_before_applying(status: u16) -> bool {
    matches!(status, 429 | 503)
}

/// The wait before attempt `attempt + 1` (attempt counts from 0), or None to stop.
/// `jitter` is a number in [0, 1) supplied by the caller (keeps this function pure).
pub fn next_delay(policy: &Policy, attempt: u32, idempotent: bool, outcome: Outcome, jitter: f64) -> Option<f64> {
    if attempt >= policy.max_retries {
        return None;
    }
    let retry_after = match outcome {
        Outcome::Status { status, retry_after_ms } if refused_before_applying(status) => retry_after_ms,
        Outcome::Status { status, .. } if idempotent && matches!(status, 500 | 502 | 504) => None,
        Outcome::NetworkError | Outcome::Timeout if idempotent => None,
        _ => return None,
    };
    // Exponential backoff with "equal jitter": half fixed, half random.
    let step = policy.base_delay_ms * f64::from(1u32 << attempt.min(16));
    let backoff = step / 2.0 + step / 2.0 * jitter.clamp(0.0, 1.0);
    let wait = retry_after.map_or(backoff, |ra| ra.max(0.0));
    Some(wait.min(policy.max_delay_ms))
}

/// `Retry-After` as milliseconds: delta-seconds only (an HTTP date would need a clock; the
/// backoff is used instead).
pub fn parse_retry_after(value: &str) -> Option<f64> {
    let secs = parse_decimal(value.trim())?;
    (secs.is_finite() && secs >= 0.0).then_some(secs * 1000.0)
}

/// A decimal number in `str::parse::<f64>`'s syntax (`[+-]digits[.digits][e[+-]digits]`, a
/// side of the point may be empty); None for anything else, including `inf` and `NaN`, which
/// `parse_retry_after` would refuse anyway.
///
/// Not `str::parse::<f64>`: that links core's correctly rounded parser, with its 10 KiB table
/// of powers of five, into the .wasm for this one header. The result is the same (exact)
/// whenever the significant digits are below 2^53 and the power of ten within ±22, which
/// covers any plausible Retry-After; beyond that it may differ in the last bit.
fn parse_decimal(s: &str) -> Option<f64> {
    const POW10: [f64; 23] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (number, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let mut exp10: i64 = match exponent {
        None => 0,
        Some(e) => {
            let (sign, e) = match e.as_bytes().first() {
                Some(b'-') => (-1, &e[1..]),
                Some(b'+') => (1, &e[1..]),
                _ => (1, e),
            };
            if e.is_empty() || !digits(e) {
                return None;
            }
            // Saturates: any exponent past ±100 000 gives 0 or infinity all the same.
            sign * e.bytes().fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(100_000))
        }
    };
    // Up to 19 significant digits in the mantissa; further ones only move the point.
    let mut mantissa: u64 = 0;
    for (i, b) in int.bytes().chain(frac.bytes()).enumerate() {
        let in_frac = i >= int.len();
        if mantissa < 1_000_000_000_000_000_000 {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            exp10 -= i64::from(in_frac);
        } else {
            exp10 += i64::from(!in_frac);
        }
    }
    let m = mantissa as f64;
    let value = if mantissa == 0 {
        0.0
    } else if mantissa < 1 << 53 && (-22..=22).contains(&exp10) {
        // Both operands exact: one correctly rounded operation, as `parse` gives.
        if exp10 >= 0 { m * POW10[exp10 as usize] } else { m / POW10[(-exp10) as usize] }
    } else {
        m * 10f64.powi(exp10.clamp(-400, 400) as i32)
    };
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: Policy = Policy { max_retries: 2, base_delay_ms: 100.0, max_delay_ms: 5_000.0 };

    #[test]
    fn writes_are_never_repeated_after_they_may_have_arrived() {
        for o in [Outcome::NetworkError, Outcome::Timeout, Outcome::Status { status: 500, retry_after_ms: None }, Outcome::Status { status: 502, retry_after_ms: None }] {
            assert_eq!(next_delay(&P, 0, false, o, 0.5), None, "{o:?}");
        }
    }

    #[test]
    fn refusals_are_repeated_for_any_method_honouring_retry_after() {
        let o = Outcome::Status { status: 429, retry_after_ms: Some(1000.0) };
        assert_eq!(next_delay(&P, 0, false, o, 0.9), Some(1000.0));
        let o = Outcome::Status { status: 503, retry_after_ms: None };
        assert_eq!(next_delay(&P, 1, false, o, 0.0), Some(100.0));
        assert_eq!(next_delay(&P, 0, false, Outcome::Status { status: 429, retry_after_ms: Some(1e9) }, 0.0), Some(5000.0));
    }

    #[test]
    fn reads_retry_server_and_network_trouble_with_backoff() {
        assert_eq!(next_delay(&P, 0, true, Outcome::NetworkError, 0.0), Some(50.0));
        assert_eq!(next_delay(&P, 1, true, Outcome::Timeout, 1.0), Some(200.0));
        assert_eq!(next_delay(&P, 2, true, Outcome::Timeout, 1.0), None);
        assert_eq!(next_delay(&P, 0, true, Outcome::Status { status: 404, retry_after_ms: None }, 0.0), None);
        assert_eq!(next_delay(&P, 0, true, Outcome::Status { status: 200, retry_after_ms: None }, 0.0), None);
    }

    #[test]
    fn decimals_parse_as_str_parse_does() {
        let same = [
            "0", "2", "007", "120", "1.5", "0.25", ".5", "5.", "+3", "-0", "-2", "1e3", "1E3", "2.5e-3", "1.e2", "12345678901234",
            "9007199254740991", "0.1", "0.3", "123.456", "1e22", "1e-22", "4.9e-5", "00000000000000000000000001", "3e0",
        ];
        for s in same {
            assert_eq!(parse_decimal(s).map(f64::to_bits), s.parse::<f64>().ok().map(f64::to_bits), "{s}");
        }
        for s in ["", ".", "e5", "1e", "1e+", "--1", "+-1", "1.2.3", "0x10", "1_000", " 1", "inf", "NaN", "infinity", "1,5", "١"] {
            assert_eq!(parse_decimal(s), None, "{s}");
        }
        // Past the exact range: still the right magnitude.
        for s in ["1e300", "123456789012345678901234567890", "1e-300"] {
            let (a, b) = (parse_decimal(s).unwrap(), s.parse::<f64>().unwrap());
            assert!((a - b).abs() <= b.abs() * 1e-14, "{s}: {a} vs {b}");
        }
        assert_eq!(parse_decimal("1e400"), Some(f64::INFINITY));
        // Every integer and one-decimal value up to a day, as Retry-After sends them.
        for n in 0..86_400u32 {
            let s = n.to_string();
            assert_eq!(parse_decimal(&s), s.parse().ok());
            let s = format!("{n}.{}", n % 10);
            assert_eq!(parse_decimal(&s), s.parse().ok());
        }
    }

    #[test]
    fn retry_after_parsing() {
        assert_eq!(parse_retry_after(" 2 "), Some(2000.0));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }
}
