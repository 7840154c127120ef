//! Times of day, dates and datetimes in the vendors' formats, and the HTTP date.
//! All pure: the clock is always a value passed in (epoch milliseconds).

use std::fmt;

/// A time of day `HH:mm` or `HH:mm:ss`, as seconds since midnight: both forms compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeOfDay(pub u32);

impl TimeOfDay {
    pub const fn hm(h: u32, m: u32) -> Self {
        TimeOfDay(h * 3600 + m * 60)
    }

    /// Parses exactly `HH:mm` or `HH:mm:ss` (two digits each, 00:00–23:59:59). The vendors take
    /// `HH:mm` and answer with `HH:mm:ss` (`"workingStartTime": "09:00:00"`, Java's `LocalTime`),
    /// and a time read back is sent again in an update.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        let secs = match b.len() {
            5 => 0,
            8 if b[5] == b':' => digits(&b[6..8]).filter(|s| *s < 60)?,
            _ => return None,
        };
        if b[2] != b':' {
            return None;
        }
        let h = digits(&b[0..2])?;
        let m = digits(&b[3..5])?;
        (h < 24 && m < 60).then(|| TimeOfDay(h * 3600 + m * 60 + secs))
    }
}

/// `HH:mm`, or `HH:mm:ss` when the seconds are not zero.
impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        write!(f, "{h:02}:{m:02}")?;
        if s > 0 {
            write!(f, ":{s:02}")?;
        }
        Ok(())
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')))
}

/// A calendar date `yyyy-MM-dd`, stored as days since 1970-01-01 so it compares and subtracts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub i64);

impl Date {
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = digits(&b[0..4])? as i64;
        let m = digits(&b[5..7])?;
        let d = digits(&b[8..10])?;
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date(days_from_civil(y, m, d)))
    }
}

/// A local wall-clock datetime `yyyy-MM-dd HH:mm:ss`, as seconds since 1970-01-01 00:00:00
/// of the same (unspecified) zone: good for ordering two datetimes of one vendor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime(pub i64);

impl DateTime {
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 19 || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let date = Date::parse(s.get(0..10)?)?;
        let h = digits(&b[11..13])? as i64;
        let mi = digits(&b[14..16])? as i64;
        let se = digits(&b[17..19])? as i64;
        if h > 23 || mi > 59 || se > 59 {
            return None;
        }
        Some(DateTime(date.0 * 86_400 + h * 3600 + mi * 60 + se))
    }

    pub fn date(self) -> Date {
        Date(self.0.div_euclid(86_400))
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// An HTTP-date (RFC 9110 §5.6.7) as epoch milliseconds, in any of its three forms:
/// IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` and
/// asctime `Sun Nov  6 08:49:37 1994`. The weekday is not checked against the date.
pub fn parse_http_date(s: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = |m: &str| MONTHS.iter().position(|x| *x == m).map(|i| i as u32 + 1);
    let words: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
    let (y, m, d, hms) = match words.as_slice() {
        // IMF-fixdate.
        [_, d, mon, y, hms, "GMT"] if d.len() == 2 && y.len() == 4 => (digits(y.as_bytes())? as i64, month(mon)?, digits(d.as_bytes())?, *hms),
        // RFC 850, whose two-digit year is 20yy: RFC 9110 takes the century that puts the date
        // no more than 50 years ahead, and a Retry-After date is near now.
        [_, dmy, hms, "GMT"] => {
            let mut parts = dmy.split('-');
            let (d, mon, y) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || d.len() != 2 || y.len() != 2 {
                return None;
            }
            (2000 + digits(y.as_bytes())? as i64, month(mon)?, digits(d.as_bytes())?, *hms)
        }
        // asctime.
        [_, mon, d, hms, y] if y.len() == 4 && (1..=2).contains(&d.len()) => (digits(y.as_bytes())? as i64, month(mon)?, digits(d.as_bytes())?, *hms),
        _ => return None,
    };
    let t = hms.as_bytes();
    if t.len() != 8 || t[2] != b':' || t[5] != b':' {
        return None;
    }
    let (h, mi, se) = (digits(&t[0..2])?, digits(&t[3..5])?, digits(&t[6..8])?);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let secs = days_from_civil(y, m, d) * 86_400 + i64::from(h * 3600 + mi * 60 + se.min(59));
    Some(secs * 1000)
}

/// RFC 1123 date in GMT with English names, e.g. `Thu, 13 Dec 2018 01:27:17 GMT`.
/// Always UTC: BYRobot signs this string, and a local-time rendering would not verify.
pub fn rfc1123(epoch_ms: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let secs = epoch_ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[days.rem_euclid(7) as usize],
        d,
        MONTHS[(m - 1) as usize],
        y,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// UTC+8. Vendor times without a zone are China time (a choice each vendor README records).
pub const CHINA_OFFSET_SECS: i64 = 8 * 3600;

/// ISO 8601 as China wall-clock seconds since 1970-01-01 00:00 (comparable with `DateTime`):
/// `yyyy-MM-dd`, optionally followed by `THH:mm[:ss[.fff]]` (a space may stand for the `T`)
/// and an offset (`Z`, `±HH:mm`, `±HHmm`, `±HH`). A time with an offset is converted to China
/// time; one without is China time already.
pub fn parse_iso(s: &str) -> Option<i64> {
    let mut secs = Date::parse(s.get(..10)?)?.0 * 86_400;
    let mut rest = s.get(10..)?.as_bytes();
    if rest.is_empty() {
        return Some(secs);
    }
    let (h, m) = match rest {
        [b'T' | b' ', h1, h2, b':', m1, m2, tail @ ..] => {
            rest = tail;
            (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?)
        }
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    secs += i64::from(h) * 3600 + i64::from(m) * 60;
    if let [b':', s1, s2, tail @ ..] = rest {
        let sec = digits(&[*s1, *s2])?;
        if sec > 59 {
            return None;
        }
        secs += i64::from(sec);
        rest = tail;
        if let [b'.', tail @ ..] = rest {
            let n = tail.iter().take_while(|b| b.is_ascii_digit()).count();
            rest = tail.get(n..)?;
        }
    }
    let offset = match rest {
        [] => return Some(secs),
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, tail @ ..] => {
            let m = match tail {
                [] => 0,
                [b':', m1, m2] | [m1, m2] => digits(&[*m1, *m2])?,
                _ => return None,
            };
            let off = i64::from(digits(&[*h1, *h2])?) * 3600 + i64::from(m) * 60;
            if *sign == b'-' { -off } else { off }
        }
        _ => return None,
    };
    Some(secs - offset + CHINA_OFFSET_SECS)
}

/// China wall-clock seconds as `yyyy-MM-dd` (`sep` 0), `yyyy-MM-dd HH:mm:ss` (`sep` b' ') or
/// ISO 8601 with the offset, `yyyy-MM-ddTHH:mm:ss+08:00` (`sep` b'T').
pub fn format_china(secs: i64, sep: u8) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    let mut out = String::with_capacity(25);
    let mut push = |n: i64, width: usize, after: &str| {
        let text = n.clamp(0, 9999).to_string();
        for _ in text.len()..width {
            out.push('0');
        }
        out.push_str(&text);
        out.push_str(after);
    };
    push(y, 4, "-");
    push(i64::from(m), 2, "-");
    if sep == 0 {
        push(i64::from(d), 2, "");
        return out;
    }
    push(i64::from(d), 2, if sep == b'T' { "T" } else { " " });
    push(t / 3600, 2, ":");
    push(t % 3600 / 60, 2, ":");
    push(t % 60, 2, if sep == b'T' { "+08:00" } else { "" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(TimeOfDay::parse("09:00"), Some(TimeOfDay(32_400)));
        assert_eq!(TimeOfDay::parse("23:59").map(|t| t.to_string()).as_deref(), Some("23:59"));
        // The vendors answer `HH:mm:ss` (Tanyi's getJobDetail `"dailyStartTime": "15:08:31"`,
        // BYRobot's `"workingStartTime": "09:00:00"`, src/vendors/*/README.md): the same instant
        // as `HH:mm` when the seconds are zero, and ordered with it.
        assert_eq!(TimeOfDay::parse("09:00:00"), TimeOfDay::parse("09:00"));
        assert_eq!(TimeOfDay::parse("15:08:31"), Some(TimeOfDay(15 * 3600 + 8 * 60 + 31)));
        assert!(TimeOfDay::parse("15:08:31") > TimeOfDay::parse("15:08") && TimeOfDay::parse("15:08:31") < TimeOfDay::parse("15:09"));
        assert_eq!(TimeOfDay::parse("23:59:59").map(|t| t.to_string()).as_deref(), Some("23:59:59"));
        assert_eq!(TimeOfDay::hm(9, 5).to_string(), "09:05");
        for bad in ["9:00", "24:00", "12:60", "12-00", "", "12:0a", "١٢:٠٠", "12:00:60", "12:00:5", "12:00-00", "12:00:0a", "12:00:00:00", "24:00:00", "12:60:00", "12-00:00"] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_and_datetimes() {
        assert_eq!(Date::parse("1970-01-01"), Some(Date(0)));
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2022-13-01").is_none());
        assert!(Date::parse("2022-1-01").is_none());
        let a = DateTime::parse("2022-09-16 08:00:00").unwrap();
        let b = DateTime::parse("2023-02-07 10:00:00").unwrap();
        assert!(a < b);
        assert_eq!(a.date(), Date::parse("2022-09-16").unwrap());
        assert!(DateTime::parse("2022-09-16T08:00:00").is_none());
        assert!(DateTime::parse("2022-09-16 24:00:00").is_none());
    }

    #[test]
    fn china_iso_times() {
        let iso = |t: DateTime| format_china(t.0, b'T');
        assert_eq!(iso(DateTime::parse("2018-10-12 18:46:55").unwrap()), "2018-10-12T18:46:55+08:00");
        // Epoch seconds read as China time: 1 704 067 199 is 2023-12-31 23:59:59 UTC.
        assert_eq!(iso(DateTime(1_704_067_199 + 8 * 3600)), "2024-01-01T07:59:59+08:00");
        assert_eq!(iso(DateTime(0)), "1970-01-01T00:00:00+08:00");
        assert_eq!(iso(DateTime(253_402_300_799)), "9999-12-31T23:59:59+08:00");
    }

    #[test]
    fn every_month_has_its_length() {
        // An inactive date on 30 April must pass (Itniotech's inactiveDateList).
        for (m, last) in [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30), (10, 31), (11, 30), (12, 31)] {
            assert!(Date::parse(&format!("2022-{m:02}-{last:02}")).is_some(), "2022-{m}-{last}");
            assert!(Date::parse(&format!("2022-{m:02}-{:02}", last + 1)).is_none(), "2022-{m}-{}", last + 1);
            assert!(Date::parse(&format!("2022-{m:02}-00")).is_none());
        }
        // Gregorian leap years: every 4th, not every 100th, every 400th.
        for (y, leap) in [(1900, false), (2000, true), (2022, false), (2024, true), (2100, false), (2400, true)] {
            assert_eq!(Date::parse(&format!("{y}-02-29")).is_some(), leap, "{y}");
        }
    }

    #[test]
    fn dates_count_days_from_1970() {
        // Days since 1970-01-01, as Python's `date.toordinal() - date(1970, 1, 1).toordinal()`.
        for (d, days) in [("2022-01-31", 19_023), ("2022-02-28", 19_051), ("2022-03-01", 19_052), ("2022-04-30", 19_112), ("2022-05-01", 19_113), ("2022-12-31", 19_357), ("2000-02-29", 11_016), ("2024-02-29", 19_782), ("1969-12-31", -1), ("2100-03-01", 47_541)] {
            assert_eq!(Date::parse(d), Some(Date(days)), "{d}");
        }
        // Months of one year in order.
        let months: Vec<Date> = (1..=12).map(|m| Date::parse(&format!("2022-{m:02}-15")).unwrap()).collect();
        assert!(months.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn datetimes_count_seconds_and_order_within_a_day() {
        assert_eq!(DateTime::parse("1970-01-01 01:02:03"), Some(DateTime(3723)));
        assert_eq!(DateTime::parse("1970-01-02 00:00:00"), Some(DateTime(86_400)));
        assert_eq!(DateTime::parse("2022-03-01 23:59:59"), Some(DateTime(19_052 * 86_400 + 86_399)));
        // A same-day start after its end must compare as later.
        let same_day = ["2022-09-16 00:00:00", "2022-09-16 00:00:01", "2022-09-16 00:00:59", "2022-09-16 00:01:00", "2022-09-16 00:59:59", "2022-09-16 01:00:00", "2022-09-16 09:30:00", "2022-09-16 23:59:59"];
        let parsed: Vec<DateTime> = same_day.iter().map(|s| DateTime::parse(s).unwrap()).collect();
        assert!(parsed.windows(2).all(|w| w[0] < w[1]), "{parsed:?}");
        // One separator wrong, or one field out of range, is enough to fail.
        for bad in ["2022x09-16", "2022-09x16", "2022-09-16x08:00:00", "2022-09-16 08x00:00", "2022-09-16 08:00x00", "2022-09-16 24:00:00", "2022-09-16 08:60:00", "2022-09-16 08:00:60", "2022-09-16 08:00:0", "2022-02-30 08:00:00"] {
            assert_eq!(DateTime::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2022x09-16").is_none() && Date::parse("2022-09x16").is_none());
    }

    #[test]
    fn rfc1123_names_every_day_as_the_http_date_reads_it() {
        // BYRobot signs this string (src/vendors/byrobot/README.md, Auth): every day from 1969 to
        // 2101, 24–28 February included, must print the date that reads back as the same instant.
        for day in -400..47_600i64 {
            let ms = day * 86_400_000 + 45_296_000; // 12:34:56
            let text = rfc1123(ms);
            assert_eq!(parse_http_date(&text), Some(ms), "{text}");
        }
        assert_eq!(rfc1123(1_708_732_800_000), "Sat, 24 Feb 2024 00:00:00 GMT");
        assert_eq!(rfc1123(1_709_078_400_000), "Wed, 28 Feb 2024 00:00:00 GMT");
    }

    #[test]
    fn rfc1123_is_gmt() {
        // BYRobot's documented example datetime (src/vendors/byrobot/README.md, Auth).
        assert_eq!(rfc1123(1_544_664_437_000), "Thu, 13 Dec 2018 01:27:17 GMT");
        // 23:30 UTC is already the next day in UTC+8: the GMT date must not move.
        assert_eq!(rfc1123(1_704_065_400_000), "Sun, 31 Dec 2023 23:30:00 GMT");
        assert_eq!(rfc1123(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(rfc1123(951_782_400_000), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn iso_in_china_time() {
        let at = |s: &str| parse_iso(s).map(|t| format_china(t, b'T'));
        assert_eq!(at("2024-05-01").as_deref(), Some("2024-05-01T00:00:00+08:00"));
        assert_eq!(at("2024-05-01T09:30").as_deref(), Some("2024-05-01T09:30:00+08:00"));
        assert_eq!(at("2024-05-01 09:30:15").as_deref(), Some("2024-05-01T09:30:15+08:00"));
        assert_eq!(at("2024-05-01T01:00:00Z").as_deref(), Some("2024-05-01T09:00:00+08:00"));
        assert_eq!(at("2024-04-30T20:00:00.123-05:00").as_deref(), Some("2024-05-01T09:00:00+08:00"));
        assert_eq!(at("2024-05-01T09:00:00+0800").as_deref(), Some("2024-05-01T09:00:00+08:00"));
        assert_eq!(at("2024-05-01T09:00:00+09").as_deref(), Some("2024-05-01T08:00:00+08:00"));
        for bad in ["2024-5-01", "2024-05-01T9:00", "2024-05-01T24:00", "2024-05-01T09:00+", "2024-05-01X", "2024-05-01T09:00:00+08:0"] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
        let t = parse_iso("2024-02-29T23:59:59+08:00").unwrap();
        assert_eq!(format_china(t, b' '), "2024-02-29 23:59:59");
        assert_eq!(format_china(t, 0), "2024-02-29");
        assert_eq!(DateTime::parse("2024-02-29 23:59:59").map(|d| d.0), Some(t));
    }
}
