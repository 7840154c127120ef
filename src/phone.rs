//! Phone-number sanity checks. No vendor documents a format, so waihu only rejects what
//! cannot be a dialable number: it keeps every number the vendor pages use as an example
//! (11-digit mobiles, `11111111111`, short service numbers like `1008`, landlines with a
//! dash). The rule's severity can be lowered per call (see `ValidateOptions::severity`).

/// Digits a number may have, after an optional leading `+` and ignoring `-` and spaces.
pub const MIN_DIGITS: usize = 3;
pub const MAX_DIGITS: usize = 20;

/// True when `s` is `+`? then digits, with `-` or spaces between them, 3–20 digits in all.
pub fn is_plausible(s: &str) -> bool {
    if all_digits(s) {
        return true;
    }
    let t = s.trim();
    let body = t.strip_prefix('+').unwrap_or(t);
    if body.starts_with(['-', ' ']) || body.ends_with(['-', ' ']) {
        return false;
    }
    let mut digits = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            '-' | ' ' => {}
            _ => return false,
        }
    }
    (MIN_DIGITS..=MAX_DIGITS).contains(&digits)
}

/// A bare number of 3–20 ASCII digits: plausible, and its key needs no trimming.
fn all_digits(s: &str) -> bool {
    (MIN_DIGITS..=MAX_DIGITS).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// The form used to find duplicates: digits only (and a leading `+`), so `138 0013 8000`
/// and `13800138000` are the same customer.
pub fn normalize(s: &str) -> String {
    let t = s.trim();
    let mut out = String::with_capacity(t.len());
    if t.starts_with('+') {
        out.push('+');
    }
    out.extend(t.chars().filter(|c| c.is_ascii_alphanumeric()));
    out
}

/// The same number as `normalize`, as a number instead of a String, for plausible phones
/// (digits, `+`, `-`, spaces; at most 20 digits): the digits' value, their count (so leading
/// zeros count) and the `+`. Duplicate checks over millions of rows use it to avoid allocating.
pub fn key(s: &str) -> Option<u128> {
    if all_digits(s) && s.len() < 20 {
        // The common case, without trimming: the digits' value (fits u64 below 20 digits, no
        // 128-bit multiplication) and their count.
        let value = s.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
        return Some(u128::from(value) | (s.len() as u128) << 70);
    }
    let t = s.trim();
    let plus = t.starts_with('+');
    let (mut value, mut digits) = (0u128, 0u128);
    for b in t.bytes() {
        match b {
            b'0'..=b'9' if digits < 38 => {
                value = value * 10 + u128::from(b - b'0');
                digits += 1;
            }
            b'+' | b'-' | b' ' => {}
            _ => return None,
        }
    }
    // 10^20 < 2^67: value, digit count and sign fit apart.
    (digits <= 20).then_some(value | digits << 70 | u128::from(plus) << 80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_vendor_pages_examples() {
        for n in ["11111111111", "13998987676", "13333333333", "15555555555", "18011122333", "17751279857", "1008", "13530525008", "17361984317", "1523654789", "+8613800138000", "0571-88888888"] {
            assert!(is_plausible(n), "{n}");
        }
    }

    #[test]
    fn rejects_what_cannot_be_dialled() {
        for n in ["", "12", "abc", "138001380001380013800138", "1380013800x", "-1380013", "+", "１３８"] {
            assert!(!is_plausible(n), "{n}");
        }
    }

    #[test]
    fn keys_match_normalized_equality() {
        let same = [("138-0013 8000", "13800138000"), ("+86 138", "+86138")];
        for (a, b) in same {
            assert_eq!(key(a), key(b));
        }
        for (a, b) in [("0138", "138"), ("+138", "138"), ("13800138000", "13800138001")] {
            assert_ne!(key(a), key(b), "{a} {b}");
        }
        assert_eq!(key("abc"), None);
        assert_eq!(key("123456789012345678901"), None);
    }

    #[test]
    fn normalizes_for_duplicates() {
        assert_eq!(normalize(" 138-0013 8000 "), "13800138000");
        assert_eq!(normalize("+86 138"), "+86138");
    }
}
