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

/// `Retry-After` (RFC 9110 §10.2.3) as milliseconds from `now_ms`: `delay-seconds`
/// (`1*DIGIT`) or an HTTP-date (a date in the past is no wait). None for anything else.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // Saturates: a wait longer than a day is capped by the policy anyway.
        let secs = v.bytes().fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0')).min(1 << 40));
        return Some(secs as f64 * 1000.0);
    }
    let at = crate::time::parse_http_date(v)? as f64;
    Some((at - now_ms).max(0.0))
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

    /// RFC 9110 §15.6: 500, 502 and 504 say the server or a gateway failed; a read may be sent
    /// again (issue 12 item 23: nothing asserted it), with the same backoff as a network error.
    #[test]
    fn reads_retry_after_500_502_and_504_only() {
        for status in [500, 502, 504] {
            let o = Outcome::Status { status, retry_after_ms: None };
            assert_eq!(next_delay(&P, 0, true, o, 0.0), Some(50.0), "{status}");
            assert_eq!(next_delay(&P, 1, true, o, 1.0), Some(200.0), "{status}");
            assert_eq!(next_delay(&P, 2, true, o, 0.0), None, "{status}: retries are bounded");
            // A Retry-After on them is not a refusal: the backoff applies.
            assert_eq!(next_delay(&P, 0, true, Outcome::Status { status, retry_after_ms: Some(4000.0) }, 0.0), Some(50.0), "{status}");
        }
        for status in [400, 401, 403, 408, 412, 501, 505, 599] {
            assert_eq!(next_delay(&P, 0, true, Outcome::Status { status, retry_after_ms: None }, 0.0), None, "{status}");
        }
    }

    #[test]
    fn retry_after_parsing() {
        // RFC 9110 §10.2.3: delay-seconds or an HTTP-date.
        assert_eq!(parse_retry_after(" 2 ", 0.0), Some(2000.0));
        assert_eq!(parse_retry_after("0", 0.0), Some(0.0));
        let now = 1_445_412_470_000.0; // Wed, 21 Oct 2015 07:27:50 GMT
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(10_000.0));
        assert_eq!(parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", now), Some(10_000.0));
        assert_eq!(parse_retry_after("Wed Oct 21 07:28:00 2015", now), Some(10_000.0));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now), Some(0.0));
        for bad in ["-1", "1.5", "1e3", "", "soon", "Wed, 32 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 UTC"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
        assert_eq!(parse_retry_after("99999999999999999999999", 0.0), Some((1u64 << 40) as f64 * 1000.0));
    }
}
