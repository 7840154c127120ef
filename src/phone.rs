//! Phone-number sanity checks. No vendor documents a format, so waihu only rejects what
//! cannot be a dialable number: it keeps every number the vendor pages use as an example
//! (11-digit mobiles, `11111111111`, short service numbers like `1008`, landlines with a
//! dash). The rule's severity can be lowered per call (see `ValidateOptions::severity`).

/// Digits a number may have, after an optional leading `+` and ignoring `-` and spaces.
pub const MIN_DIGITS: usize = 3;
pub const MAX_DIGITS: usize = 20;

/// True when `s` is `+`? then digits, with `-` or spaces between them, 3–20 digits in all.
pub fn is_plausible(s: &str) -> bool {
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
    fn normalizes_for_duplicates() {
        assert_eq!(normalize(" 138-0013 8000 "), "13800138000");
        assert_eq!(normalize("+86 138"), "+86138");
    }
}
