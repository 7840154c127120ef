//! Validation building blocks over untyped JSON. Params are checked as a `Json` tree (the
//! borrowed tree of crate::json, read straight from the text), not by deserializing into the typed structs, so that one call reports every problem at
//! once (a wrong type in one field does not hide the others) and no input can panic.
//!
//! The vendor modules compose these; rules shared by several vendors (daily windows, break
//! windows, date ranges, days of week, customer batches) live here once.

use serde_json::{Map, Value};

use crate::json::{Json, Object};

use crate::issue::{Issue, IssueCode, PathSeg, Severity};
use crate::params;
use crate::phone;
use crate::time::{Date, DateTime, TimeOfDay};

pub type Path = Vec<PathSeg>;

/// `path` with one more step.
pub fn at(path: &[PathSeg], seg: impl Into<PathSeg>) -> Path {
    // Sized once (`to_vec` then `push` allocated twice).
    let mut p = Vec::with_capacity(path.len() + 1);
    p.extend_from_slice(path);
    p.push(seg.into());
    p
}

/// Where a value sits: a parent path and up to two more steps, made into an owned `Path` only
/// when an issue is reported. Most values pass, and an owned path costs two allocations; those
/// were a large share of the time spent validating a small form.
#[derive(Clone, Copy)]
pub struct At<'a> {
    base: &'a [PathSeg],
    key: Option<&'a str>,
    index: Option<usize>,
}

impl<'a> At<'a> {
    /// The value at `path` itself (a bare list's place: `At::of(path).index(i)`).
    pub fn of(path: &'a [PathSeg]) -> Self {
        At { base: path, key: None, index: None }
    }

    /// Item `i` of the list here (a key's list: `o.at("ids").index(2)`).
    pub fn index(self, i: usize) -> Self {
        debug_assert!(self.index.is_none());
        At { index: Some(i), ..self }
    }

    pub fn path(self) -> Path {
        let mut p = Vec::with_capacity(self.base.len() + 2);
        p.extend_from_slice(self.base);
        if let Some(k) = self.key {
            p.push(k.into());
        }
        if let Some(i) = self.index {
            p.push(PathSeg::Index(i));
        }
        p
    }
}

/// One path buffer for all the items of the list `o[key]`, its last step rewritten per item
/// by `set_index` (not an allocation per item).
pub fn item_path(o: &Obj, key: &str) -> Path {
    let mut p = Vec::with_capacity(o.path.len() + 2);
    p.extend_from_slice(o.path);
    p.push(key.into());
    p.push(PathSeg::Index(0));
    p
}

pub fn set_index(path: &mut Path, i: usize) {
    if let Some(last) = path.last_mut() {
        *last = PathSeg::Index(i);
    }
}

/// `options.contains(&s)`, with the inlined key comparison: opt-level "z" leaves `&str`'s
/// `==` as calls down to `memcmp` for every option.
fn one_of(options: &[&str], s: &str) -> bool {
    options.iter().any(|o| crate::json::same(o, s))
}

/// Whether `s` holds U+FFFD, its UTF-8 bytes matched as a slice pattern: `contains('\u{FFFD}')`
/// links the two-way searcher, and `==` on each window is a `memcmp` call per byte at
/// opt-level "z" (most of the time a small form's validation took).
fn has_replacement_char(s: &str) -> bool {
    s.as_bytes().windows(3).any(|w| matches!(w, [0xEF, 0xBF, 0xBD]))
}

/// Whether a field must be present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Req {
    Required,
    Optional,
    /// Required because of another field's value; the text names the condition.
    RequiredWhen(&'static str),
}

/// An object being checked, and where it sits in the params.
#[derive(Clone, Copy)]
pub struct Obj<'v> {
    pub map: &'v Object<'v>,
    pub path: &'v [PathSeg],
}

impl<'v> Obj<'v> {
    /// The member, or None when it is missing or null (vendors treat null as absent).
    pub fn get(&self, key: &str) -> Option<&'v Json<'v>> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn path_of(&self, key: &str) -> Path {
        at(self.path, key)
    }

    /// `path_of(key)`, built only if an issue needs it.
    pub fn at<'k>(&self, key: &'k str) -> At<'k>
    where
        'v: 'k,
    {
        At { base: self.path, key: Some(key), index: None }
    }
}

/// Collects issues. Every check returns the parsed value when it is usable, so later rules
/// (e.g. "start before end") run only on values that passed their own checks.
#[derive(Default)]
pub struct Checker {
    issues: Vec<Issue>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    pub fn error(&mut self, code: IssueCode, path: Path, params: Map<String, Value>) {
        self.issues.push(Issue::new(code, path, params, Severity::Error));
    }

    pub fn warning(&mut self, code: IssueCode, path: Path, params: Map<String, Value>) {
        self.issues.push(Issue::new(code, path, params, Severity::Warning));
    }

    pub fn report(&mut self, severity: Severity, code: IssueCode, path: Path, params: Map<String, Value>) {
        self.issues.push(Issue::new(code, path, params, severity));
    }

    /// `value` as an object, or an `invalid_type` issue at `path`.
    pub fn root<'v>(&mut self, value: &'v Json<'v>, path: &'v [PathSeg]) -> Option<Obj<'v>> {
        match value {
            Json::Object(map) => Some(Obj { map, path }),
            _ => {
                self.error(IssueCode::InvalidType, path.to_vec(), params! {"expected": "object"});
                None
            }
        }
    }

    fn present<'v>(&mut self, o: &Obj<'v>, key: &str, req: Req) -> Option<&'v Json<'v>> {
        let v = o.get(key);
        if v.is_none() {
            match req {
                Req::Required => self.error(IssueCode::Required, o.path_of(key), params! {}),
                Req::RequiredWhen(when) => self.error(IssueCode::Required, o.path_of(key), params! {"when": when}),
                Req::Optional => {}
            }
        }
        v
    }

    fn wrong_type(&mut self, path: Path, expected: &str) {
        self.error(IssueCode::InvalidType, path, params! {"expected": expected});
    }

    /// A string; an empty one counts as missing when the field is required. One holding
    /// U+FFFD gets a warning: it is what a lone UTF-16 surrogate reads as (a name cut in the
    /// middle of an emoji: `JSON.stringify` writes the half as `"\ud83d"`), and the vendor
    /// would store the replacement character.
    pub fn str<'v>(&mut self, o: &Obj<'v>, key: &str, req: Req) -> Option<&'v str> {
        match self.present(o, key, req)? {
            // `trim().is_empty()`, stopping at the first non-space character (a phone's first).
            Json::String(s) if req != Req::Optional && s.chars().all(char::is_whitespace) => {
                let when = if let Req::RequiredWhen(w) = req { params! {"when": w} } else { params! {} };
                self.error(IssueCode::Required, o.path_of(key), when);
                None
            }
            Json::String(s) => {
                if has_replacement_char(s) {
                    self.warning(IssueCode::InvalidFormat, o.path_of(key), params! {"format": "whole_characters"});
                }
                Some(s)
            }
            _ => {
                self.wrong_type(o.path_of(key), "string");
                None
            }
        }
    }

    /// A string of at most `max` characters (Unicode scalar values).
    pub fn str_max<'v>(&mut self, o: &Obj<'v>, key: &str, req: Req, max: usize) -> Option<&'v str> {
        let s = self.str(o, key, req)?;
        if s.chars().count() > max {
            self.error(IssueCode::TooBig, o.path_of(key), params! {"maximum": max, "type": "string"});
            return None;
        }
        Some(s)
    }

    /// A whole number within `[min, max]` where given.
    pub fn int(&mut self, o: &Obj, key: &str, req: Req, min: Option<i64>, max: Option<i64>) -> Option<i64> {
        let v = self.present(o, key, req)?;
        self.int_value(v, o.at(key), min, max)
    }

    pub fn int_value(&mut self, v: &Json, at: At, min: Option<i64>, max: Option<i64>) -> Option<i64> {
        let Some(n) = v.as_i64() else {
            self.wrong_type(at.path(), "integer");
            return None;
        };
        if let Some(min) = min.filter(|m| n < *m) {
            self.error(IssueCode::TooSmall, at.path(), params! {"minimum": min, "type": "number"});
            return None;
        }
        if let Some(max) = max.filter(|m| n > *m) {
            self.error(IssueCode::TooBig, at.path(), params! {"maximum": max, "type": "number"});
            return None;
        }
        Some(n)
    }

    /// A vendor id: a positive whole number up to 2^63 − 1, or the same as a string of digits
    /// (the vendor pages send both, e.g. Tanyi's delete example `"robotCallJobId": "1"`; from JS,
    /// an id beyond 2^53 is exact only as a string). Sent as given.
    pub fn id(&mut self, o: &Obj, key: &str, req: Req) -> Option<i64> {
        let v = self.present(o, key, req)?;
        self.id_value(v, o.at(key))
    }

    pub fn id_value(&mut self, v: &Json, at: At) -> Option<i64> {
        let n = match v {
            Json::String(s) => id_text(s),
            Json::Number(_) => v.as_i64(),
            _ => None,
        };
        match n {
            Some(n) if n > 0 => Some(n),
            Some(_) => {
                self.error(IssueCode::TooSmall, at.path(), params! {"minimum": 1, "type": "number"});
                None
            }
            None => {
                self.wrong_type(at.path(), "id");
                None
            }
        }
    }

    /// A list of ids: an array of them, or where `joined` also one id, or a string of ids joined
    /// by `,` (`"3033729,3033719"`, how the vendors write a list sent as text), sent as given.
    pub fn id_list(&mut self, o: &Obj, key: &str, req: Req, min: Option<usize>, joined: bool) {
        match o.get(key) {
            Some(Json::String(s)) if joined => {
                // Each piece an id: digits, above 0, at most 2^63 − 1.
                if !s.split(',').all(|p| id_text(p).is_some_and(|n| n > 0)) {
                    self.error(IssueCode::InvalidFormat, o.path_of(key), params! {"format": "id,id,…"});
                }
            }
            Some(v @ Json::Number(_)) if joined => {
                self.id_value(v, o.at(key));
            }
            _ => {
                if let Some(items) = self.array(o, key, req, min, None) {
                    self.ids(items, o.at(key));
                }
            }
        }
    }

    /// Each of `items` an id; `list` is where the list sits.
    pub fn ids(&mut self, items: &[Json], list: At) {
        for (i, v) in items.iter().enumerate() {
            self.id_value(v, list.index(i));
        }
    }

    /// A non-empty string id (UUIDs and the like).
    pub fn str_id<'v>(&mut self, o: &Obj<'v>, key: &str, req: Req) -> Option<&'v str> {
        self.str(o, key, req)
    }

    pub fn bool(&mut self, o: &Obj, key: &str, req: Req) -> Option<bool> {
        match self.present(o, key, req)? {
            Json::Bool(b) => Some(*b),
            _ => {
                self.wrong_type(o.path_of(key), "boolean");
                None
            }
        }
    }

    /// A string that must be one of `options`.
    pub fn enum_str<'v>(&mut self, o: &Obj<'v>, key: &str, req: Req, options: &[&str]) -> Option<&'v str> {
        let s = self.str(o, key, req)?;
        self.enum_value(s, o.at(key), options)
    }

    pub fn enum_value<'a>(&mut self, s: &'a str, at: At, options: &[&str]) -> Option<&'a str> {
        if one_of(options, s) {
            Some(s)
        } else {
            self.error(IssueCode::InvalidEnum, at.path(), params! {"options": options});
            None
        }
    }

    /// A whole number that must be one of `options`.
    pub fn enum_int(&mut self, o: &Obj, key: &str, req: Req, options: &[i64]) -> Option<i64> {
        let n = self.int(o, key, req, None, None)?;
        if options.contains(&n) {
            Some(n)
        } else {
            self.error(IssueCode::InvalidEnum, o.path_of(key), params! {"options": options});
            None
        }
    }

    /// An array with `min..=max` items where given.
    pub fn array<'v>(&mut self, o: &Obj<'v>, key: &str, req: Req, min: Option<usize>, max: Option<usize>) -> Option<&'v [Json<'v>]> {
        let v = self.present(o, key, req)?;
        let Json::Array(items) = v else {
            self.wrong_type(o.path_of(key), "array");
            return None;
        };
        if let Some(min) = min.filter(|m| items.len() < *m) {
            self.error(IssueCode::TooSmall, o.path_of(key), params! {"minimum": min, "type": "array"});
        }
        if let Some(max) = max.filter(|m| items.len() > *m) {
            self.error(IssueCode::TooBig, o.path_of(key), params! {"maximum": max, "type": "array"});
        }
        Some(items)
    }

    /// A nested object.
    pub fn object<'v>(&mut self, o: &Obj<'v>, key: &str, req: Req) -> Option<&'v Object<'v>> {
        match self.present(o, key, req)? {
            Json::Object(m) => Some(m),
            _ => {
                self.wrong_type(o.path_of(key), "object");
                None
            }
        }
    }

    /// An object of string values (customer `properties`). `strict` allows only strings, as
    /// Tanyi's `Map<String,String>` says; otherwise numbers and booleans pass too.
    pub fn properties(&mut self, o: &Obj, key: &str, strict: bool) {
        let Some(map) = self.object(o, key, Req::Optional) else { return };
        let ok = |v: &Json| matches!(v, Json::String(_)) || (!strict && matches!(v, Json::Number(_) | Json::Bool(_)));
        // The common case first, without putting the members in order (see `Object`).
        if map.written().all(|(_, v)| ok(v)) {
            return;
        }
        for (k, v) in map.iter() {
            if !ok(v) {
                // Paths are built only for issues: this runs once per customer row.
                self.wrong_type(at(&o.path_of(key), k), "string");
            }
        }
    }

    /// `HH:mm` or `HH:mm:ss`.
    pub fn time(&mut self, o: &Obj, key: &str, req: Req) -> Option<TimeOfDay> {
        let s = self.str(o, key, req)?;
        let t = TimeOfDay::parse(s);
        if t.is_none() {
            self.error(IssueCode::InvalidFormat, o.path_of(key), params! {"format": "HH:mm[:ss]"});
        }
        t
    }

    /// `yyyy-MM-dd`.
    pub fn date(&mut self, o: &Obj, key: &str, req: Req) -> Option<Date> {
        let s = self.str(o, key, req)?;
        let d = Date::parse(s);
        if d.is_none() {
            self.error(IssueCode::InvalidFormat, o.path_of(key), params! {"format": "yyyy-MM-dd"});
        }
        d
    }

    /// `yyyy-MM-dd HH:mm:ss`.
    pub fn datetime(&mut self, o: &Obj, key: &str, req: Req) -> Option<DateTime> {
        let s = self.str(o, key, req)?;
        let d = DateTime::parse(s);
        if d.is_none() {
            self.error(IssueCode::InvalidFormat, o.path_of(key), params! {"format": "yyyy-MM-dd HH:mm:ss"});
        }
        d
    }

    /// `yyyy-MM-dd` or `yyyy-MM-dd HH:mm:ss` (a date counts as its midnight), for fields whose
    /// vendor page shows both forms.
    pub fn date_or_datetime(&mut self, o: &Obj, key: &str, req: Req) -> Option<DateTime> {
        let s = self.str(o, key, req)?;
        let d = DateTime::parse(s).or_else(|| Date::parse(s).map(|d| DateTime(d.0 * 86_400)));
        if d.is_none() {
            self.error(IssueCode::InvalidFormat, o.path_of(key), params! {"format": "yyyy-MM-dd [HH:mm:ss]"});
        }
        d
    }

    /// Warns about keys the vendor does not document: most often a typo that the vendor
    /// would silently ignore.
    pub fn unknown_keys(&mut self, o: &Obj, known: &[&str]) {
        // The common case first, without putting the keys in order (see `Object`).
        if o.map.written().all(|(k, _)| known.iter().any(|x| crate::json::same(x, k))) {
            return;
        }
        for k in o.map.keys() {
            if !known.iter().any(|x| crate::json::same(x, k)) {
                self.warning(IssueCode::UnrecognizedKey, o.path_of(k), params! {});
            }
        }
    }

    /// Refuses keys outside `known` (an error: for credentials, where a misspelt key would sign
    /// with nothing).
    pub fn refuse_unknown_keys(&mut self, o: &Obj, known: &[&str]) {
        for k in o.map.keys() {
            if !known.iter().any(|x| crate::json::same(x, k)) {
                self.error(IssueCode::UnrecognizedKey, o.path_of(k), params! {});
            }
        }
    }

    /// A daily dialling window. `allowed` is the vendor's permitted range, each end reported
    /// with its own severity (a warning where the vendor's enforcement is unverified). Returns
    /// the window when both ends parse and the start is before the end.
    pub fn daily_window(
        &mut self,
        o: &Obj,
        (start_key, end_key): (&str, &str),
        req: Req,
        allowed: Option<(TimeOfDay, TimeOfDay)>,
        (early, late): (Severity, Severity),
    ) -> Option<(TimeOfDay, TimeOfDay)> {
        let start = self.time(o, start_key, req);
        let end = self.time(o, end_key, req);
        if let Some((min, max)) = allowed {
            for (key, t, severity) in [(start_key, start, early), (end_key, end, late)] {
                if t.is_some_and(|t| t < min || t > max) {
                    self.report(severity, IssueCode::OutsideAllowedHours, o.path_of(key), params! {"min": min.to_string(), "max": max.to_string()});
                }
            }
        }
        let (start, end) = (start?, end?);
        if start >= end {
            self.error(IssueCode::RangeInverted, o.path_of(end_key), params! {"start": start_key, "end": end_key});
            return None;
        }
        Some((start, end))
    }

    /// A list of `{startKey, endKey}` break windows (`HH:mm`), each with its start before its
    /// end (an error), inside `daily` when known and not overlapping another (warnings: no vendor
    /// documents those two rules).
    pub fn break_windows(&mut self, o: &Obj, key: &str, max: Option<usize>, (start_key, end_key): (&str, &str), daily: Option<(TimeOfDay, TimeOfDay)>) {
        let Some(items) = self.array(o, key, Req::Optional, None, max) else { return };
        let mut path = item_path(o, key);
        let mut ok: Vec<(usize, TimeOfDay, TimeOfDay)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            set_index(&mut path, i);
            let Some(w) = self.root(item, &path) else { continue };
            let Some(win) = self.daily_window(&w, (start_key, end_key), Req::Required, None, (Severity::Error, Severity::Error)) else { continue };
            if let Some((ds, de)) = daily {
                if win.0 < ds || win.1 > de {
                    self.warning(IssueCode::OutsideDailyWindow, path.clone(), params! {"start": ds.to_string(), "end": de.to_string()});
                }
            }
            if let Some((j, _, _)) = ok.iter().find(|(_, s, e)| win.0 < *e && *s < win.1) {
                self.warning(IssueCode::OverlappingWindows, path.clone(), params! {"other": j});
            }
            ok.push((i, win.0, win.1));
        }
    }

    /// A list of `{startKey, endKey}` date ranges (`yyyy-MM-dd`), start on or before end.
    pub fn date_ranges(&mut self, o: &Obj, key: &str, max: Option<usize>, (start_key, end_key): (&str, &str)) {
        let Some(items) = self.array(o, key, Req::Optional, None, max) else { return };
        let mut path = item_path(o, key);
        for (i, item) in items.iter().enumerate() {
            set_index(&mut path, i);
            let Some(r) = self.root(item, &path) else { continue };
            let (s, e) = (self.date(&r, start_key, Req::Required), self.date(&r, end_key, Req::Required));
            if let (Some(s), Some(e)) = (s, e) {
                if s > e {
                    self.error(IssueCode::RangeInverted, r.path_of(end_key), params! {"start": start_key, "end": end_key});
                }
            }
        }
    }

    /// A list of distinct strings from `options` (days of week, redial conditions, …).
    pub fn enum_set(&mut self, o: &Obj, key: &str, req: Req, options: &[&str], min: Option<usize>) {
        let Some(items) = self.array(o, key, req, min, None) else { return };
        let mut seen: Vec<(&str, usize)> = Vec::new();
        for (i, v) in items.iter().enumerate() {
            let at = o.at(key).index(i);
            let Some(s) = v.as_str() else {
                self.wrong_type(at.path(), "string");
                continue;
            };
            if !one_of(options, s) {
                self.enum_value(s, at, options);
                continue;
            }
            match seen.iter().find(|(x, _)| crate::json::same(x, s)) {
                Some((_, first)) => self.error(IssueCode::DuplicateValue, at.path(), params! {"firstIndex": first, "index": i}),
                None => seen.push((s, i)),
            }
        }
    }

    /// A customer batch: an array of 1..=`max` objects, each with a phone under `phone_key`
    /// (plausible unless `any_phone`, at most `phone_max` chars), no phone twice (reported on
    /// the later row with the first row's index). `row` checks each row's other fields.
    pub fn customers(
        &mut self,
        o: &Obj,
        key: &str,
        rules: &CustomerRules,
        mut row: impl FnMut(&mut Checker, &Obj),
    ) {
        let Some(items) = self.array(o, key, Req::Required, Some(1), rules.max) else { return };
        let mut seen = FirstSeen::default();
        let mut path = item_path(o, key);
        for (i, item) in items.iter().enumerate() {
            set_index(&mut path, i);
            let Some(c) = self.root(item, &path) else { continue };
            if let Some(p) = self.phone(&c, rules.phone_key, rules) {
                let first = seen.first(p, i);
                if first != i {
                    self.report(rules.duplicates, IssueCode::DuplicateValue, c.path_of(rules.phone_key), params! {"firstIndex": first, "index": i});
                }
            }
            row(self, &c);
        }
    }

    /// One customer's phone, per `rules`.
    pub fn phone<'v>(&mut self, o: &Obj<'v>, key: &str, rules: &CustomerRules) -> Option<&'v str> {
        let p = self.str(o, key, Req::Required)?;
        if let Some(max) = rules.phone_max.filter(|m| p.chars().count() > *m) {
            self.error(IssueCode::TooBig, o.path_of(key), params! {"maximum": max, "type": "string"});
            return None;
        }
        if !rules.any_phone && !phone::is_plausible(p) {
            self.error(IssueCode::InvalidPhone, o.path_of(key), params! {});
            return None;
        }
        Some(p)
    }
}

pub use crate::phone::FirstSeen;

/// What a vendor allows in a customer batch.
pub struct CustomerRules {
    pub phone_key: &'static str,
    /// Customers per call.
    pub max: Option<usize>,
    /// Longest phone string (Itniotech: 32).
    pub phone_max: Option<usize>,
    /// True where the vendor accepts opaque ids in place of numbers (Itniotech's encrypted ids).
    pub any_phone: bool,
    /// A phone twice in one batch: an error, or a warning where the vendor drops duplicates itself.
    pub duplicates: Severity,
}

/// A string of ASCII digits as a number; None for anything else, or beyond 2^63 − 1.
pub fn id_text(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(v: Value, f: impl FnOnce(&mut Checker, &Obj)) -> Vec<(String, IssueCode, Severity)> {
        let mut c = Checker::new();
        let root: Path = vec![];
        let j = Json::from_value(&v);
        if let Some(o) = c.root(&j, &root) {
            f(&mut c, &o);
        }
        c.into_issues().into_iter().map(|i| (i.path_string(), i.code, i.severity)).collect()
    }

    #[test]
    fn required_type_and_empty() {
        let got = run(json!({"a": 1, "b": "", "c": null}), |c, o| {
            c.str(o, "a", Req::Required);
            c.str(o, "b", Req::Required);
            c.str(o, "c", Req::Required);
            c.str(o, "d", Req::Optional);
        });
        assert_eq!(got, vec![
            ("a".into(), IssueCode::InvalidType, Severity::Error),
            ("b".into(), IssueCode::Required, Severity::Error),
            ("c".into(), IssueCode::Required, Severity::Error),
        ]);
        assert_eq!(run(json!([]), |_, _| {}), vec![(String::new(), IssueCode::InvalidType, Severity::Error)]);
    }

    #[test]
    fn ids_accept_numbers_and_digit_strings() {
        // Up to 2^63 − 1 as a digit string: from JS an id beyond 2^53 is exact only as a string
        // (`1734567890123456789`, issue 12 item 17); 20 digits is beyond any Java long.
        let v = json!({"a": 1, "b": "1", "c": 0, "d": "x", "e": 1.5, "f": "99999999999999999999", "g": "1734567890123456789", "h": "9223372036854775807", "i": "9223372036854775808", "j": 1_734_567_890_123_456_789u64, "k": "", "l": "-1", "m": " 1"});
        let got = run(v, |c, o| {
            for k in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"] {
                c.id(o, k, Req::Optional);
            }
        });
        let codes: Vec<_> = got.iter().map(|(p, c, _)| (p.as_str(), *c)).collect();
        use IssueCode::*;
        assert_eq!(codes, vec![("c", TooSmall), ("d", InvalidType), ("e", InvalidType), ("f", InvalidType), ("i", InvalidType), ("k", InvalidType), ("l", InvalidType), ("m", InvalidType)]);
    }

    #[test]
    fn id_lists_as_arrays_or_joined_text() {
        // Tanyi documents `robotCallTaskIds` as `3033729,3033719` (src/vendors/tanyi/README.md, Endpoints).
        let v = json!({"a": "3033729,3033719", "b": "5", "c": 5, "d": [1, "2"], "e": "1,,2", "f": ",1", "g": "1,", "h": "1, 2", "i": "", "j": [0, "x"], "k": "1,2", "l": "1,0", "m": "1,9223372036854775808", "n": "1,9223372036854775807"});
        let got = run(v, |c, o| {
            for k in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "l", "m", "n"] {
                c.id_list(o, k, Req::Optional, None, true);
            }
            // Not joined: only a list.
            c.id_list(o, "k", Req::Optional, None, false);
            c.id_list(o, "z", Req::Required, Some(1), true);
        });
        use IssueCode::*;
        let codes: Vec<_> = got.iter().map(|(p, c, _)| (p.as_str(), *c)).collect();
        assert_eq!(codes, vec![("e", InvalidFormat), ("f", InvalidFormat), ("g", InvalidFormat), ("h", InvalidFormat), ("i", InvalidFormat), ("j[0]", TooSmall), ("j[1]", InvalidType), ("l", InvalidFormat), ("m", InvalidFormat), ("k", InvalidType), ("z", Required)]);
    }

    #[test]
    fn a_replacement_character_is_a_warning_on_its_field() {
        // What a lone surrogate reads as (crate::json): a name cut in the middle of an emoji.
        let j = Json::from_str(r#"{"name": "张\ud83d", "ok": "张😀"}"#).unwrap();
        let mut c = Checker::new();
        let root: Path = vec![];
        let o = c.root(&j, &root).unwrap();
        assert_eq!(c.str(&o, "name", Req::Required), Some("张\u{FFFD}"));
        assert!(c.str(&o, "ok", Req::Required).is_some());
        let got: Vec<_> = c.into_issues().into_iter().map(|i| (i.path_string(), i.code, i.severity)).collect();
        assert_eq!(got, vec![("name".into(), IssueCode::InvalidFormat, Severity::Warning)]);
    }

    #[test]
    fn daily_window_rules() {
        let w = (TimeOfDay::hm(9, 0), TimeOfDay::hm(20, 0));
        let got = run(json!({"s": "08:00", "e": "21:00"}), |c, o| {
            c.daily_window(o, ("s", "e"), Req::Required, Some(w), (Severity::Error, Severity::Error));
        });
        assert_eq!(got, vec![("s".into(), IssueCode::OutsideAllowedHours, Severity::Error), ("e".into(), IssueCode::OutsideAllowedHours, Severity::Error)]);
        let got = run(json!({"s": "12:00", "e": "10:00"}), |c, o| {
            c.daily_window(o, ("s", "e"), Req::Required, Some(w), (Severity::Warning, Severity::Warning));
        });
        assert_eq!(got, vec![("e".into(), IssueCode::RangeInverted, Severity::Error)]);
        assert!(run(json!({"s": "09:00", "e": "20:00"}), |c, o| {
            assert!(c.daily_window(o, ("s", "e"), Req::Required, Some(w), (Severity::Error, Severity::Error)).is_some());
        })
        .is_empty());
        // Each end with its own severity (Tanyi: a late end is a warning, an early start an error).
        let got = run(json!({"s": "08:00", "e": "21:00"}), |c, o| {
            c.daily_window(o, ("s", "e"), Req::Required, Some(w), (Severity::Error, Severity::Warning));
        });
        assert_eq!(got, vec![("s".into(), IssueCode::OutsideAllowedHours, Severity::Error), ("e".into(), IssueCode::OutsideAllowedHours, Severity::Warning)]);
        // `HH:mm:ss` read back from the vendor: 20:00:00 is inside, 20:00:01 is not.
        let got = run(json!({"s": "09:00:00", "e": "20:00:01"}), |c, o| {
            c.daily_window(o, ("s", "e"), Req::Required, Some(w), (Severity::Error, Severity::Error));
        });
        assert_eq!(got, vec![("e".into(), IssueCode::OutsideAllowedHours, Severity::Error)]);
    }

    #[test]
    fn break_windows_inside_and_apart() {
        let daily = Some((TimeOfDay::hm(9, 0), TimeOfDay::hm(20, 0)));
        let v = json!({"l": [
            {"startTime": "12:00", "endTime": "13:00"},
            {"startTime": "12:30", "endTime": "14:00"},
            {"startTime": "08:00", "endTime": "08:30"},
            {"startTime": "15:00", "endTime": "14:00"}
        ]});
        let got = run(v, |c, o| c.break_windows(o, "l", Some(3), ("startTime", "endTime"), daily));
        // No vendor documents the window and overlap rules: warnings. "At most three" and a
        // start before its end stay errors.
        assert_eq!(got, vec![
            ("l".into(), IssueCode::TooBig, Severity::Error),
            ("l[1]".into(), IssueCode::OverlappingWindows, Severity::Warning),
            ("l[2]".into(), IssueCode::OutsideDailyWindow, Severity::Warning),
            ("l[3].endTime".into(), IssueCode::RangeInverted, Severity::Error),
        ]);
        let w = |s: &str, e: &str| json!({"startTime": s, "endTime": e});
        let check = |l: Value| run(json!({"l": l}), |c, o| c.break_windows(o, "l", Some(3), ("startTime", "endTime"), daily));
        // Touching windows, in either order, and windows at the very ends of the day are fine.
        assert!(check(json!([w("12:00", "13:00"), w("13:00", "14:00")])).is_empty());
        assert!(check(json!([w("13:00", "14:00"), w("12:00", "13:00")])).is_empty());
        assert!(check(json!([w("09:00", "10:00"), w("19:00", "20:00")])).is_empty());
        // One minute past either end is outside; one minute of overlap, in either order, overlaps.
        let codes = |l: Value| check(l).into_iter().map(|(p, c, _)| (p, c)).collect::<Vec<_>>();
        assert_eq!(codes(json!([w("08:59", "10:00")])), vec![("l[0]".into(), IssueCode::OutsideDailyWindow)]);
        assert_eq!(codes(json!([w("19:00", "20:01")])), vec![("l[0]".into(), IssueCode::OutsideDailyWindow)]);
        assert_eq!(codes(json!([w("13:00", "14:00"), w("12:00", "13:01")])), vec![("l[1]".into(), IssueCode::OverlappingWindows)]);
        assert_eq!(codes(json!([w("12:00", "13:00"), w("12:59", "14:00")])), vec![("l[1]".into(), IssueCode::OverlappingWindows)]);
        assert_eq!(codes(json!([w("12:00", "13:00"), w("11:00", "14:00")])), vec![("l[1]".into(), IssueCode::OverlappingWindows)]);
        assert_eq!(check(json!([w("12:00", "13:00"), w("14:00", "15:00"), w("12:30", "12:45")]))[0].1, IssueCode::OverlappingWindows);
        // `HH:mm:ss`, as the vendors return it, compares with `HH:mm`.
        assert!(check(json!([w("12:00:00", "13:00:00"), w("13:00", "13:30:30")])).is_empty());
    }

    #[test]
    fn date_ranges_and_enum_sets() {
        let v = json!({"r": [{"startDate": "2022-02-05", "endDate": "2022-02-05"}, {"startDate": "2022-02-08", "endDate": "2022-02-07"}, {"startDate": "2022-2-8", "endDate": "2022-02-09"}],
                       "d": ["MONDAY", "MONDAY", "FUNDAY", 3]});
        let got = run(v, |c, o| {
            c.date_ranges(o, "r", Some(3), ("startDate", "endDate"));
            c.enum_set(o, "d", Req::Optional, &["MONDAY", "TUESDAY"], None);
        });
        assert_eq!(got, vec![
            ("r[1].endDate".into(), IssueCode::RangeInverted, Severity::Error),
            ("r[2].startDate".into(), IssueCode::InvalidFormat, Severity::Error),
            ("d[1]".into(), IssueCode::DuplicateValue, Severity::Error),
            ("d[2]".into(), IssueCode::InvalidEnum, Severity::Error),
            ("d[3]".into(), IssueCode::InvalidType, Severity::Error),
        ]);
    }

    #[test]
    fn customer_batches() {
        let rules = CustomerRules { phone_key: "phone", max: Some(3), phone_max: None, any_phone: false, duplicates: Severity::Error };
        let v = json!({"c": [{"phone": "13800138000"}, {"phone": "abc"}, {"name": "x"}, {"phone": "138 0013 8000"}]});
        let mut rows = 0;
        let got = run(v, |c, o| c.customers(o, "c", &rules, |_, _| rows += 1));
        assert_eq!(rows, 4);
        assert_eq!(got, vec![
            ("c".into(), IssueCode::TooBig, Severity::Error),
            ("c[1].phone".into(), IssueCode::InvalidPhone, Severity::Error),
            ("c[2].phone".into(), IssueCode::Required, Severity::Error),
            ("c[3].phone".into(), IssueCode::DuplicateValue, Severity::Error),
        ]);
        let got = run(json!({"c": []}), |c, o| c.customers(o, "c", &rules, |_, _| {}));
        assert_eq!(got, vec![("c".into(), IssueCode::TooSmall, Severity::Error)]);
        // Where the vendor drops duplicates itself (BYRobot), a duplicate is a warning.
        let lenient = CustomerRules { duplicates: Severity::Warning, ..rules };
        let got = run(json!({"c": [{"phone": "13800138000"}, {"phone": "13800138000"}]}), |c, o| c.customers(o, "c", &lenient, |_, _| {}));
        assert_eq!(got, vec![("c[1].phone".into(), IssueCode::DuplicateValue, Severity::Warning)]);
        let opaque = CustomerRules { phone_key: "phone", max: None, phone_max: Some(32), any_phone: true, duplicates: Severity::Error };
        let got = run(json!({"c": [{"phone": "a+b="}, {"phone": "ab"}, {"phone": " a+b= "}]}), |c, o| c.customers(o, "c", &opaque, |_, _| {}));
        assert_eq!(got, vec![("c[2].phone".into(), IssueCode::DuplicateValue, Severity::Error)]);
    }
}
