//! Phone numbers: the plausibility rule, and the one normaliser every duplicate check uses.
//!
//! No vendor documents a format, so waihu only rejects what cannot be a dialable number: it
//! keeps every number the vendor pages use as an example (11-digit mobiles, `11111111111`,
//! short service numbers like `1008`, landlines with a dash). The rule's severity can be
//! lowered per call (see `ValidateOptions::severity`).
//!
//! Duplicates are found on a number's key, never on its text: `13300000002`,
//! `+86 133 0000 0002`, `8613300000002` and `008613300000002` are one customer, and
//! `0571-88888888`, `(0571) 8888 8888` and `+86 571 8888 8888` one landline. What is sent stays
//! as written.

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

/// A bare number of 3–20 ASCII digits.
fn all_digits(s: &str) -> bool {
    (MIN_DIGITS..=MAX_DIGITS).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Digits a key holds: `10^n + value` stays below 2^61 up to 18 digits.
const KEY_DIGITS: usize = 18;
/// Set in keys of numbers written with a `+` that is not China's (`+1 415 …` is not `1415…`).
const PLUS: u64 = 1 << 62;
/// Set in keys of text that is not a number (hashed): never equal to a number's key.
const TEXT: u64 = 1 << 63;

/// The number `s` stands for, as a number: equal for two phones exactly when they are one
/// number. Spaces, dashes, dots and brackets are ignored; China's country code (`+86`, `0086`,
/// or a bare `86` before a complete national number) is dropped, and the trunk `0` of a
/// landline written internationally is put back. None for text that is no number (letters,
/// other signs), or for more than 18 digits.
pub fn key(s: &str) -> Option<u64> {
    let mut d = [0u8; KEY_DIGITS + 4];
    let (mut n, mut plus) = (0, false);
    for b in s.trim().bytes() {
        match b {
            b'0'..=b'9' => {
                *d.get_mut(n)? = b - b'0';
                n += 1;
            }
            b'+' if n == 0 && !plus => plus = true,
            b' ' | b'-' | b'.' | b'(' | b')' => {}
            _ => return None,
        }
    }
    let at = |i: usize| d.get(i).copied().unwrap_or(10);
    // Where the national number starts after China's country code. A bare `86` is one only
    // before 9–11 digits that do not start with 0: no national number (a mobile starts with 1,
    // a landline with its trunk 0, a local number has 7 or 8 digits) looks like that.
    let cc = match (plus, at(0), at(1)) {
        (true, 8, 6) => 2,
        (false, 0, 0) if at(2) == 8 && at(3) == 6 => 4,
        (false, 8, 6) if (11..=13).contains(&n) && at(2) != 0 => 2,
        _ => 0,
    };
    // A landline's area code written without its trunk 0 gets it back; a mobile (11 digits
    // from 1) or a number written with its 0 (`+86 (0)571 …`) stays.
    let trunk = usize::from(cc > 0 && n > cc && at(cc) != 0 && !(at(cc) == 1 && n - cc == 11));
    let digits = d.get(cc..n)?;
    let count = digits.len() + trunk;
    if count == 0 || count > KEY_DIGITS {
        return None;
    }
    let value = digits.iter().fold(0u64, |v, &x| v * 10 + u64::from(x));
    Some((10u64.pow(count as u32) + value) | if plus && cc == 0 { PLUS } else { 0 })
}

/// The duplicate key of any phone field: the number's `key`, or for text that is no number
/// (Itniotech's encrypted ids) a 63-bit hash of the trimmed text. Two different texts share a
/// hash with a chance of about n²/2^64 among n rows (3·10⁻⁸ for a million).
pub fn dedup_key(s: &str) -> u64 {
    key(s).unwrap_or_else(|| {
        // FNV-1a, then a final mix so that short texts spread over all the bits.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in s.trim().bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= h >> 29;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        (h ^ h >> 32) | TEXT
    })
}

/// The first row each phone was seen on, for the duplicate checks: of one call's batch in
/// validation, and of a whole import in the planner. Keys are numbers (`dedup_key`) in an
/// open-addressing table at most half full: 12 bytes a slot, at most four slots a row (and the
/// old table beside the new one while it doubles), so a million rows take tens of megabytes,
/// not hundreds. (Written here, not a `HashMap`: this is the crate's only
/// map, and hashbrown's code was 2 KiB of the .wasm.)
#[derive(Default)]
pub struct FirstSeen {
    /// A power of two of slots; 0 marks a free one (no key is 0).
    keys: Vec<u64>,
    rows: Vec<u32>,
    len: usize,
}

impl FirstSeen {
    /// The row `phone` was first seen on (`row` itself the first time).
    pub fn first(&mut self, phone: &str, row: usize) -> usize {
        if (self.len + 1) * 2 > self.keys.len() {
            self.resize((self.keys.len() * 2).max(16));
        }
        let key = dedup_key(phone);
        let slot = self.slot(key);
        if self.keys.get(slot) == Some(&key) {
            return self.rows.get(slot).map_or(row, |&r| r as usize);
        }
        self.put(slot, key, u32::try_from(row).unwrap_or(u32::MAX));
        self.len += 1;
        row
    }

    /// The slot holding `key`, or the free one where it goes (linear probing from its hash).
    fn slot(&self, key: u64) -> usize {
        let mask = self.keys.len().wrapping_sub(1);
        let mut i = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask;
        while let Some(&k) = self.keys.get(i) {
            if k == key || k == 0 {
                break;
            }
            i = (i + 1) & mask;
        }
        i
    }

    fn put(&mut self, slot: usize, key: u64, row: u32) {
        if let (Some(k), Some(r)) = (self.keys.get_mut(slot), self.rows.get_mut(slot)) {
            (*k, *r) = (key, row);
        }
    }

    fn resize(&mut self, slots: usize) {
        let keys = std::mem::replace(&mut self.keys, vec![0; slots]);
        let rows = std::mem::replace(&mut self.rows, vec![0; slots]);
        for (i, &key) in keys.iter().enumerate() {
            if key != 0 {
                let slot = self.slot(key);
                self.put(slot, key, rows.get(i).copied().unwrap_or_default());
            }
        }
    }
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

    /// Issue 12 item 16: one person, four spellings; and China's landlines with area codes.
    #[test]
    fn one_key_per_number_across_spellings() {
        let groups: &[&[&str]] = &[
            &["13300000002", "+86 13300000002", "8613300000002", "008613300000002", "+86-133-0000-0002", "(+86) 133 0000 0002", " 133 0000 0002 ", "133.0000.0002"],
            &["0571-88888888", "(0571) 8888 8888", "+86 571 8888 8888", "+86 (0)571 88888888", "0086 571 88888888", "86 571 8888 8888", "057188888888"],
            &["010-12345678", "+86 10 1234 5678", "861012345678", "00861012345678"],
            &["+1 415 555 0100", "+14155550100"],
            &["1008"],
            &["14155550100"],
            &["0138"],
            &["138"],
            &["+138"],
            &["86123456"],
            &["13300000003"],
        ];
        for (i, g) in groups.iter().enumerate() {
            let k = key(g[0]).unwrap_or_else(|| panic!("{} has a key", g[0]));
            for s in g.iter() {
                assert_eq!(key(s), Some(k), "{s} is {}", g[0]);
            }
            for other in &groups[i + 1..] {
                assert_ne!(key(other[0]), Some(k), "{} is not {}", other[0], g[0]);
            }
        }
    }

    #[test]
    fn text_and_long_numbers_have_no_number_key() {
        for s in ["abc", "a+b=", "1380013800x", "1234567890123456789", "", "+", "1+2"] {
            assert_eq!(key(s), None, "{s}");
        }
        // Texts are compared trimmed, exactly otherwise, and never equal a number.
        assert_eq!(dedup_key(" a+b= "), dedup_key("a+b="));
        assert_ne!(dedup_key("a+b="), dedup_key("a+b"));
        assert_ne!(dedup_key("1234567890123456789"), dedup_key("1234567890123456788"));
        assert_eq!(dedup_key("1234567890123456789") & TEXT, TEXT);
        assert_eq!(dedup_key("+86 133 0000 0002") & TEXT, 0);
    }

    #[test]
    fn first_seen_rows() {
        let mut s = FirstSeen::default();
        assert_eq!(s.first("13300000002", 0), 0);
        assert_eq!(s.first("abc", 1), 1);
        assert_eq!(s.first("+86 133 0000 0002", 2), 0);
        assert_eq!(s.first(" abc", 3), 1);
        // Through many resizes: every key keeps its first row.
        let mut s = FirstSeen::default();
        for i in 0..10_000 {
            assert_eq!(s.first(&format!("139{i:08}"), i), i);
        }
        for i in 0..10_000 {
            assert_eq!(s.first(&format!("+86 139{i:08}"), 20_000 + i), i);
        }
        assert_eq!(s.len, 10_000);
        assert!(s.keys.len() >= 20_000 && s.keys.len().is_power_of_two());
    }
}
