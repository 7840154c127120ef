//! A small borrowed JSON tree for validation. Parsing params straight from text into
//! `serde_json::Value` allocates a `String` for every key and string and a B-tree node for
//! every object; most of `validate`'s time went there, not into the rules. `Json` borrows
//! its strings from the text (only strings with escapes are copied) and keeps objects as
//! vectors of their members, as written.
//!
//! It reads what `serde_json::Value` reads the same way, so the rules see the same data:
//! - the same strict grammar and the same nesting limit (`from_str` fails exactly where
//!   `serde_json::from_str` fails; tests below compare both on many inputs), with one intended
//!   difference: a lone UTF-16 surrogate escape (`"\ud83d"`) reads as U+FFFD, where serde_json
//!   refuses the text. Java servers write them (a name cut in the middle of an emoji), and so
//!   does `JSON.stringify`, so refusing would fail a call the vendor applied or a form that is
//!   only one character off; the checks warn about U+FFFD in params (`check::Checker::str`);
//! - object members seen sorted by key with duplicate keys dropped, the last one winning,
//!   which is how serde_json's map (a `BTreeMap`) iterates (kept as written, see `Object`);
//! - numbers kept as serde_json keeps them: a whole number that fits `u64` or (negative)
//!   `i64` is an integer, anything else (`1.0`, `1e2`, `-0`, `1e400`…) a float read by
//!   serde_json itself, so `as_i64`/`as_u64`/`as_f64` answer exactly as `Value`'s do.
//!
//! Native callers keep passing `&Value`: `Json::from_value` borrows its strings.

use std::borrow::Cow;

use serde_json::{Map, Value};

/// A JSON value borrowing its strings from the text (or the `Value`) it was read from.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// A number, as serde_json stores it (without its `arbitrary_precision` feature).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// Zero or more.
    PosInt(u64),
    /// Below zero.
    NegInt(i64),
    Float(f64),
}

/// An object's members as written. `get` finds a key's last member, and `iter` and `keys`
/// give each key once, in key order, the last member winning: what serde_json's map (a
/// `BTreeMap`) holds for the same text. They are kept as written because JS writes keys in any
/// order, and sorting them while parsing was ~40% of the time spent parsing a task form; most
/// checks (`get`, `written`) need no order at all.
#[derive(Clone, Debug)]
pub struct Object<'a> {
    members: Vec<(Cow<'a, str>, Json<'a>)>,
}

/// Nesting depth at which serde_json stops (its recursion limit): 127 levels pass.
const MAX_DEPTH: usize = 128;

/// Where text stopped being JSON: the byte offset, and the line and column (1-based, in
/// bytes) that the message gives; `too_deep` when it is an array or object past the nesting
/// limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub too_deep: bool,
}

impl ParseError {
    fn at(offset: usize) -> Self {
        ParseError { offset, line: 0, column: 0, too_deep: false }
    }

    /// Counts the lines of `text` up to the offset.
    fn locate(self, text: &str) -> Self {
        let before = text.as_bytes().get(..self.offset).unwrap_or(text.as_bytes());
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        ParseError { line, column: before.len() - line_start + 1, ..self }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.too_deep { "JSON nested deeper than 127 levels" } else { "invalid JSON" };
        write!(f, "{what} at line {} column {}", self.line, self.column)
    }
}

/// A serde_json map of `entries`, inserted one at a time (a repeated key's last entry wins).
/// The crate's one way to build a map from entries: `collect` would use `BTreeMap`'s
/// `FromIterator`, which sorts first and kept std's stable sort in the .wasm (1.2 KiB
/// gzipped), and it is also how members are renamed or dropped (`remove` and its rebalancing
/// were another 1 KiB).
pub fn map_of(entries: impl IntoIterator<Item = (String, Value)>) -> Map<String, Value> {
    let mut map = Map::new();
    for (k, v) in entries {
        map.insert(k, v);
    }
    map
}

/// JSON text that serde_json wrote, with each integer beyond ±(2^53 − 1) written as its digits
/// in a string (`"1734567890123456789"`): `JSON.parse` would round it to the nearest double
/// (`1734567890123456800`), and an id read back and sent again would be another id. (A pass
/// over the text: walking a `Value` linked the map's iterators and the number printer.)
pub fn exact_in_js(text: String) -> String {
    let b = text.as_bytes();
    if !has_digit_run(b) {
        return text;
    }
    let mut out = String::new();
    let (mut i, mut copied, mut in_string) = (0, 0, false);
    while let Some(&c) = b.get(i) {
        i += 1;
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        in_string = c == b'"';
        if c != b'-' && !c.is_ascii_digit() {
            continue;
        }
        let start = i - 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let digits = b.get(start + usize::from(c == b'-')..i).unwrap_or_default();
        if matches!(b.get(i), Some(b'.' | b'e' | b'E')) {
            // A float: skipped whole.
            while b.get(i).is_some_and(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-')) {
                i += 1;
            }
        } else if digits.len() > 16 || digits.len() == 16 && digits > &b"9007199254740991"[..] {
            // serde_json writes no leading zeros: digit strings of one length compare as numbers.
            out.push_str(text.get(copied..start).unwrap_or_default());
            out.push('"');
            out.push_str(text.get(start..i).unwrap_or_default());
            out.push('"');
            copied = i;
        }
    }
    if copied == 0 {
        return text;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// Whether `b` has 16 ASCII digits in a row, as every integer beyond ±(2^53 − 1) is written:
/// most replies have none, and this finds that in a fraction of `exact_in_js`'s walk. Any 16
/// bytes in a row include one at a position 15, 31, 47, …, so only those are read, and around
/// a digit there, the run it is in.
fn has_digit_run(b: &[u8]) -> bool {
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 15;
    while i < b.len() {
        if digit(i) {
            let (mut start, mut end) = (i, i + 1);
            while start > 0 && digit(start - 1) {
                start -= 1;
            }
            while digit(end) {
                end += 1;
            }
            if end - start >= 16 {
                return true;
            }
        }
        i += 16;
    }
    false
}

/// The JSON text of a value (`serde_json::to_string`). The crate's one way to write a `Value`:
/// its `Display` (`to_string()`) is a second and third copy of serde_json's writer in the .wasm
/// (a compact and a pretty one).
pub fn to_text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The `f64` nearest to a JSON number's text (its grammar checked already; out of range is
/// infinite), correctly rounded: JavaScript's `parseFloat` in wasm, where `str::parse` would
/// bring its 10 KiB table of powers and serde_json its own tables and parser; std's natively.
#[cfg(target_arch = "wasm32")]
fn float(text: &str) -> f64 {
    js_sys::parse_float(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn float(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// Reads JSON text into a `serde_json::Value`: what `serde_json::from_str` gives for the same
/// text (tests compare both), read by this module's parser so that serde_json's deserializer,
/// a large part of its code, stays out of the .wasm.
pub fn parse_value(text: &str) -> Result<Value, ParseError> {
    Json::from_str(text).map(Json::into_value)
}

impl<'a> Json<'a> {
    /// Reads one JSON value, with optional whitespace around it, as serde_json::from_str.
    pub fn from_str(text: &'a str) -> Result<Json<'a>, ParseError> {
        // Room for a task form's members from the start (params are objects), not grown to it.
        let mut p = Parser { text, bytes: text.as_bytes(), pos: 0, items: Vec::new(), members: Vec::with_capacity(16) };
        let v = p.value(0).map_err(|e| e.locate(text))?;
        p.skip_ws();
        if p.pos != p.bytes.len() {
            return Err(p.error().locate(text));
        }
        Ok(v)
    }

    /// The same value as a `serde_json::Value`.
    pub fn into_value(self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(b),
            Json::Number(Number::PosInt(n)) => Value::from(n),
            Json::Number(Number::NegInt(n)) => Value::from(n),
            // Always finite: the parser rejects what serde_json rejects (`1e400`).
            Json::Number(Number::Float(f)) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
            Json::String(s) => Value::String(s.into_owned()),
            Json::Array(items) => Value::Array(items.into_iter().map(Json::into_value).collect()),
            // Inserted as written: a repeated key's last member wins, as in serde_json.
            Json::Object(o) => Value::Object(map_of(o.members.into_iter().map(|(k, v)| (k.into_owned(), v.into_value())))),
        }
    }

    /// The same tree over a `serde_json::Value`, borrowing its strings.
    pub fn from_value(v: &'a Value) -> Json<'a> {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Number::PosInt(u),
                (None, Some(i)) => Number::NegInt(i),
                // Without arbitrary_precision every other number is an f64.
                (None, None) => Number::Float(n.as_f64().unwrap_or(f64::NAN)),
            }),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => Json::Array(items.iter().map(Json::from_value).collect()),
            // serde_json's map iterates sorted, each key once: already an `Object`'s order.
            Value::Object(m) => {
                Json::Object(Object { members: m.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from_value(v))).collect() })
            }
        }
    }

    /// The member `key` of an object; None for a missing member or a non-object.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object()?.get(key)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An integer that fits `i64` (never a float, even `1.0`).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(Number::PosInt(n)) => i64::try_from(*n).ok(),
            Json::Number(Number::NegInt(n)) => Some(*n),
            _ => None,
        }
    }

    /// An integer that fits `u64` (never a float).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(Number::PosInt(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(Number::PosInt(n)) => Some(*n as f64),
            Json::Number(Number::NegInt(n)) => Some(*n as f64),
            Json::Number(Number::Float(f)) => Some(*f),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Json::String(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }
}

/// `a < b` for keys. Most keys differ at their first byte: no `memcmp` call then.
#[inline(always)]
fn less(a: &str, b: &str) -> bool {
    match a.as_bytes().first().cmp(&b.as_bytes().first()) {
        std::cmp::Ordering::Equal => a < b,
        o => o.is_lt(),
    }
}

impl<'a> Object<'a> {
    /// Whether the keys are strictly ascending: already each once, in key order. Asked only
    /// when an order is needed (asking while parsing cost every object a pass over its keys).
    fn sorted(&self) -> bool {
        self.members.windows(2).all(|w| less(key_str(&w[0].0), key_str(&w[1].0)))
    }

    /// A linear scan from the end (the last member of a key wins): params objects are small,
    /// and comparing lengths first rules most keys out without comparing bytes.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.members.iter().rev().find(|(k, _)| same(key_str(k), key)).map(|(_, v)| v)
    }

    /// The members as written, a repeated key each time: for checks whose outcome does not
    /// depend on order or repeats (e.g. "is every key known?" before reporting the unknown
    /// ones in order).
    pub fn written(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.members.iter().map(|(k, v)| (key_str(k), v))
    }

    /// Indices of the members `iter` gives: each key's last member, in key order. Built only
    /// for objects not written in key order.
    fn key_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = Vec::with_capacity(self.members.len());
        for (i, (k, _)) in self.members.iter().enumerate() {
            match order.binary_search_by(|&j| key_str(&self.members[j].0).cmp(key_str(k))) {
                Ok(at) => order[at] = i,
                Err(at) => order.insert(at, i),
            }
        }
        order
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The member `get` finds, moved out (`Null` left in its place): for a caller that keeps one
    /// member of an object it drops (a reply envelope's `data`). Called once or twice per reply,
    /// so plain `==` (a `memcmp` call), not `get`'s inlined comparison: that would be its code
    /// twice in the .wasm.
    pub fn take(&mut self, key: &str) -> Option<Json<'a>> {
        let (_, v) = self.members.iter_mut().rev().find(|(k, _)| k == key)?;
        Some(std::mem::replace(v, Json::Null))
    }

    /// Members in key order, each key once (its last member).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        let order = (!self.sorted()).then(|| self.key_order());
        let len = order.as_ref().map_or(self.members.len(), Vec::len);
        (0..len).filter_map(move |i| self.members.get(order.as_ref().map_or(Some(i), |o| o.get(i).copied())?)).map(|(k, v)| (key_str(k), v))
    }

    /// Keys in order, each once.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(k, _)| k)
    }

    /// The number of distinct keys.
    pub fn len(&self) -> usize {
        if self.sorted() {
            self.members.len()
        } else {
            self.key_order().len()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl Default for Object<'_> {
    fn default() -> Self {
        Object { members: Vec::new() }
    }
}

/// Equal when `serde_json::Value`s would be: the same keys with equal values, whatever the
/// order or repeats they were written in.
impl PartialEq for Object<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

/// `a == b` for keys: lengths, then first and last bytes, before comparing the rest (which
/// is a `memcmp` call). Equal-length keys mostly differ at one end.
#[inline(always)]
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.first() == b.first() && a.last() == b.last() && a == b
}

/// A key's text: `Cow`'s `Deref`, which opt-level "z" leaves as a call.
#[inline(always)]
fn key_str<'k>(k: &'k Cow<'_, str>) -> &'k str {
    match k {
        Cow::Borrowed(s) => s,
        Cow::Owned(s) => s,
    }
}

/// Whether any of the eight bytes of `w` is `"`, `\\` or a control character, by the bit trick
/// for "has a byte below n": `(w - n·0x01…01) & !w & 0x80…80` is nonzero exactly when some
/// byte is below n (n ≤ 0x80); a byte equal to c is a byte of `w ^ c·0x01…01` below 1.
#[inline(always)]
fn needs_attention(w: u64) -> bool {
    const ONES: u64 = u64::MAX / 255;
    let below = |w: u64, n: u64| w.wrapping_sub(n * ONES) & !w & (0x80 * ONES);
    below(w, 0x20) | below(w ^ (b'"' as u64 * ONES), 1) | below(w ^ (b'\\' as u64 * ONES), 1) != 0
}

/// Recursive descent over the bytes; every step checks bounds, so no input panics.
///
/// Arrays and objects are read onto the scratch stacks `items` and `members`, and moved off
/// them into a vector of their exact size when they close: one allocation per array or object,
/// where growing each vector as it filled took several (allocation was a fifth of the time of
/// validating a small form in wasm).
struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    items: Vec<Json<'a>>,
    members: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Parser<'a> {
    fn error(&self) -> ParseError {
        ParseError::at(self.pos)
    }

    // The release profile optimizes for size (opt-level "z"), which leaves these small
    // per-byte helpers as calls unless told otherwise.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Moves past bytes that need no attention inside a string (not `"`, `\\`, or a control
    /// character): eight at a time while none of them does (most of a key or a value), then
    /// one at a time, counted in a local (`self.pos += 1` stores to memory every step). Not
    /// inlined: the word test's constants at both calls cost 0.1 KiB gzipped.
    #[inline(never)]
    fn skip_plain(&mut self) {
        let mut i = self.pos;
        while let Some(word) = self.bytes.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            if needs_attention(u64::from_le_bytes(word)) {
                break;
            }
            i += 8;
        }
        while let Some(&b) = self.bytes.get(i) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            i += 1;
        }
        self.pos = i;
    }

    /// `text[a..b]` without the char-boundary checks, which opt-level "z" left as a call on
    /// every string. Each cut the parser makes is at the end of the text or next to an ASCII
    /// byte it has just read (a quote, a backslash, a control character, a digit, an escape's
    /// last character), so it is a char boundary; the tests check it on every slice.
    #[inline(always)]
    fn slice(&self, a: usize, b: usize) -> &'a str {
        #[cfg(test)]
        assert!(a <= b && self.text.is_char_boundary(a) && self.text.is_char_boundary(b));
        // SAFETY: `a <= b <= text.len()` and both are char boundaries (see above).
        unsafe { self.text.get_unchecked(a..b) }
    }

    /// Consumes `b` after optional whitespace, or fails.
    fn expect(&mut self, b: u8) -> Result<(), ParseError> {
        self.skip_ws();
        if self.peek() != Some(b) {
            return Err(self.error());
        }
        self.pos += 1;
        Ok(())
    }

    /// `depth` counts the arrays and objects around this value.
    fn value(&mut self, depth: usize) -> Result<Json<'a>, ParseError> {
        self.skip_ws();
        match self.peek() {
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') if depth + 1 < MAX_DEPTH => {
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Json::Array(Vec::new()));
                }
                let start = self.items.len();
                loop {
                    let item = self.value(depth + 1)?;
                    self.items.push(item);
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b']') => break,
                        _ => return Err(self.error()),
                    }
                }
                self.pos += 1;
                Ok(Json::Array(self.items.split_off(start)))
            }
            Some(b'{') if depth + 1 < MAX_DEPTH => {
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Json::Object(Object::default()));
                }
                let start = self.members.len();
                loop {
                    self.skip_ws();
                    if self.peek() != Some(b'"') {
                        return Err(self.error());
                    }
                    let key = self.string()?;
                    self.expect(b':')?;
                    let value = self.value(depth + 1)?;
                    self.members.push((key, value));
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => break,
                        _ => return Err(self.error()),
                    }
                }
                self.pos += 1;
                Ok(Json::Object(Object { members: self.members.split_off(start) }))
            }
            Some(b'[' | b'{') => Err(ParseError { too_deep: true, ..self.error() }),
            _ => Err(self.error()),
        }
    }

    fn literal(&mut self, word: &str, v: Json<'a>) -> Result<Json<'a>, ParseError> {
        if !self.bytes[self.pos..].starts_with(word.as_bytes()) {
            return Err(self.error());
        }
        self.pos += word.len();
        Ok(v)
    }

    /// Skips ASCII digits; returns how many.
    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<Json<'a>, ParseError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.digits() {
            0 => return Err(self.error()),
            n if n > 1 && self.bytes[int_start] == b'0' => return Err(ParseError::at(int_start + 1)),
            _ => {}
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error());
            }
            integer = false;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error());
            }
            integer = false;
        }
        let text = self.slice(start, self.pos);
        if integer {
            let digits = self.slice(int_start, self.pos);
            let n = digits.parse::<u64>().ok();
            // As serde_json: `-0` and integers out of range are floats.
            match (negative, n) {
                (false, Some(n)) => return Ok(Json::Number(Number::PosInt(n))),
                (true, Some(n)) if n > 0 && n <= 1 << 63 => return Ok(Json::Number(Number::NegInt((n as i64).wrapping_neg()))),
                _ => {}
            }
        }
        // A float out of range (`1e400`) is an error, as in serde_json.
        match float(text) {
            f if f.is_finite() => Ok(Json::Number(Number::Float(f))),
            _ => Err(ParseError::at(start)),
        }
    }

    /// A string at `"`: borrowed from the text unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.pos += 1;
        let start = self.pos;
        self.skip_plain();
        match self.peek() {
            Some(b'"') => {
                let s = self.slice(start, self.pos);
                self.pos += 1;
                return Ok(Cow::Borrowed(s));
            }
            Some(b'\\') => {}
            _ => return Err(self.error()),
        }
        // Has escapes: copy what came before, then decode the rest.
        let mut out = String::from(self.slice(start, self.pos));
        loop {
            let run = self.pos;
            self.skip_plain();
            out.push_str(self.slice(run, self.pos));
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(self.error()),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                _ => return Err(self.error()),
            }
        }
    }

    /// The four hex digits after `\u`, and a second `\uXXXX` for a surrogate pair. A lone
    /// surrogate is U+FFFD (serde_json refuses it: see the module's comment); what follows it is
    /// read on its own.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.peek() == Some(b'\\') && self.bytes.get(self.pos + 1) == Some(&b'u') {
            let after = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                return Ok(char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)).unwrap_or('\u{FFFD}'));
            }
            self.pos = after;
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = self.peek().and_then(|b| (b as char).to_digit(16)).ok_or(self.error())?;
            n = n * 16 + d;
            self.pos += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree serde_json's `Value` gives for the same text: what `from_str` must equal.
    fn via_serde(text: &str) -> Option<Value> {
        serde_json::from_str(text).ok()
    }

    /// `text` with each lone surrogate escape written `\ufffd`: what serde_json must read
    /// exactly as ours reads `text` (the one intended difference, in the module's comment).
    fn lone_surrogates_replaced(text: &str) -> String {
        let b = text.as_bytes();
        let hex = |at: usize| text.get(at..at + 4).filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit())).and_then(|h| u32::from_str_radix(h, 16).ok());
        let (mut out, mut i) = (String::new(), 0);
        while i < b.len() {
            if b[i] == b'\\' && b.get(i + 1) == Some(&b'u') {
                if let Some(first) = hex(i + 2) {
                    let low = b.get(i + 6) == Some(&b'\\') && b.get(i + 7) == Some(&b'u') && hex(i + 8).is_some_and(|s| (0xDC00..0xE000).contains(&s));
                    if (0xD800..0xDC00).contains(&first) && low {
                        out.push_str(&text[i..i + 12]);
                        i += 12;
                        continue;
                    }
                    if (0xD800..0xE000).contains(&first) {
                        out.push_str("\\ufffd");
                        i += 6;
                        continue;
                    }
                }
            }
            // Any other escape is copied whole, so `\\\\` is never read as the start of one.
            let n = if b[i] == b'\\' && b.get(i + 1).is_some_and(u8::is_ascii) { 2 } else { 1 };
            let end = (i + n..=b.len()).find(|&e| text.is_char_boundary(e)).unwrap_or(b.len());
            out.push_str(&text[i..end]);
            i = end;
        }
        out
    }

    /// `from_str` accepts exactly what serde_json accepts, and reads the same tree.
    fn same(text: &str) {
        let ours = Json::from_str(text);
        match (&ours, via_serde(&lone_surrogates_replaced(text))) {
            (Ok(j), Some(v)) => {
                assert_eq!(*j, Json::from_value(&v), "different trees for {text:?}");
                assert_eq!(parse_value(text).as_ref(), Ok(&v), "different values for {text:?}");
            }
            (Err(_), None) => assert!(parse_value(text).is_err()),
            (Ok(_), None) => panic!("accepted what serde_json rejects: {text:?}"),
            (Err(e), Some(_)) => panic!("rejected what serde_json accepts ({e:?}): {text:?}"),
        }
    }

    const CASES: &[&str] = &[
        "null", "true", "false", "nul", "tru", "falsey", "nulll", "", " ", "\t\n\r null \n", "\u{feff}null", "\u{a0}1",
        "0", "-0", "1", "-1", "01", "-01", "00", "1.", "1.0", "-1.0", ".5", "+1", "1e2", "1E2", "1e+2", "1e-2", "1e", "1e+",
        "-", "--1", "1.5e3", "0.1", "1e400", "-1e400", "1e-400", "18446744073709551615", "18446744073709551616",
        "-9223372036854775808", "-9223372036854775809", "9223372036854775807", "9223372036854775808", "123456789012345678901234567890",
        "0e99999999999999999999", "1.7976931348623157e308", "1.7976931348623159e308", "4.9e-324", "NaN", "Infinity", "0x10", "1 2",
        r#""""#, r#""a""#, r#""a"#, r#""\""#, r#""\\""#, r#""\/""#, r#""\b\f\n\r\t""#, r#""\a""#, r#""\u0041""#, r#""\u00e9x""#,
        r#""\u004""#, r#""\u004g""#, r#""\uD83D\uDE00""#, r#""\uD83D""#, r#""\uD83Dx""#, r#""\uD83D\u0041""#, r#""\uDE00""#,
        r#""\uD83D\uD83D""#, r#""\u0000""#, "\"\u{1}\"", "\"\u{7f}\"", "\"tab\there\"", "\"é中文😀\"", r#""a\"b""#, r#""\"#,
        "[]", "[", "]", "[1,]", "[,1]", "[1 2]", "[1,2]", " [ 1 , [ ] , { } ] ", "[1]]", "[[[]]]",
        "{}", "{", "}", r#"{"a"}"#, r#"{"a":}"#, r#"{"a":1,}"#, r#"{,"a":1}"#, r#"{"a":1 "b":2}"#, r#"{a:1}"#, r#"{'a':1}"#,
        r#"{"a":1}"#, r#"{"b":1,"a":2}"#, r#"{"a":1,"a":2}"#, r#"{"a":1,"b":3,"a":2}"#, r#"{"a":{"a":1,"a":[2]},"a":null}"#,
        r#"{"\u0061":1,"a":2}"#, r#"{"a":1,"\u0061":2}"#, r#"{"é":1,"z":2,"A":3,"":4}"#, r#"{1:2}"#, r#"{"a":1}}"#, r#"{"a" : 1 }"#,
        "[1,2,3]/", "// c\n1", "[true,false,null,\"x\",-2.5e-3,{\"k\":[]}]",
    ];

    #[test]
    fn fixed_cases_match_serde_json() {
        for text in CASES {
            same(text);
        }
    }

    /// Every ASCII character raw in a string, after a backslash, and as a whole document.
    #[test]
    fn every_ascii_character_matches_serde_json() {
        for c in (0u8..0x80).map(char::from) {
            same(&format!("\"{c}\""));
            same(&format!("\"\\{c}\""));
            same(&format!("{c}"));
            same(&format!("[1{c}2]"));
        }
    }

    #[test]
    fn lone_surrogates_read_as_the_replacement_character() {
        // A Java server's reply with a name cut mid-emoji, and `JSON.stringify("ab\ud83d")`.
        let s = |t: &str| Json::from_str(t).map(|j| j.as_str().map(str::to_string));
        assert_eq!(s(r#""ab\ud83d""#), Ok(Some("ab\u{FFFD}".into())));
        assert_eq!(s(r#""\ud83d\u0041""#), Ok(Some("\u{FFFD}A".into())));
        assert_eq!(s(r#""\ude00x""#), Ok(Some("\u{FFFD}x".into())));
        assert_eq!(s(r#""\ud83d\ud83d\ude00""#), Ok(Some("\u{FFFD}😀".into())));
        assert_eq!(s(r#""\ud83d\ude00""#), Ok(Some("😀".into())));
        assert!(Json::from_str(r#""\ud83d\u00zz""#).is_err());
        // What serde_json must agree with, once the lone halves are written as U+FFFD.
        assert_eq!(lone_surrogates_replaced(r#"["\uD83D","\\uD83D","\uD83D\uDE00","\uDE00é"]"#), r#"["\ufffd","\\uD83D","\uD83D\uDE00","\ufffdé"]"#);
    }

    #[test]
    fn nesting_limit_matches_serde_json() {
        for depth in [1, 100, 126, 127, 128, 129, 300] {
            for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
                let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
                same(&text);
                same(&format!("{}{}", open.repeat(depth), close.repeat(depth.saturating_sub(1))));
            }
        }
        assert!(Json::from_str(&format!("{}{}", "[".repeat(127), "]".repeat(127))).is_ok());
        let deep = Json::from_str(&format!("{}{}", "[".repeat(128), "]".repeat(128))).unwrap_err();
        assert_eq!(deep.to_string(), "JSON nested deeper than 127 levels at line 1 column 128");
        assert!(!Json::from_str("[1,]").unwrap_err().too_deep);
    }

    #[test]
    fn numbers_as_serde_json() {
        fn n(t: &str) -> Json<'_> {
            Json::from_str(t).unwrap()
        }
        assert_eq!(n("1").as_i64(), Some(1));
        assert_eq!(n("1.0").as_i64(), None);
        assert_eq!(n("1e2").as_i64(), None);
        assert_eq!(n("-0").as_i64(), None);
        assert_eq!(n("-0").as_f64(), Some(0.0));
        assert_eq!(n("18446744073709551615").as_i64(), None);
        assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
        assert_eq!(n("-9223372036854775808").as_i64(), Some(i64::MIN));
        assert_eq!(n("-1").as_u64(), None);
        for t in ["0", "-0", "1", "-1", "1.0", "1e2", "1.5", "-9223372036854775809", "18446744073709551616", "2.5e-3"] {
            let (j, v) = (n(t), via_serde(t).unwrap());
            assert_eq!((j.as_i64(), j.as_u64(), j.as_f64()), (v.as_i64(), v.as_u64(), v.as_f64()), "{t}");
        }
    }

    #[test]
    fn duplicates_last_wins_and_order_is_serde_json_s() {
        let j = Json::from_str(r#"{"b":1,"a":2,"b":3,"c":{"x":1,"x":"y"}}"#).unwrap();
        let o = j.as_object().unwrap();
        assert_eq!(o.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(j.get("b").and_then(Json::as_i64), Some(3));
        assert_eq!(j.get("c").and_then(|c| c.get("x")).and_then(Json::as_str), Some("y"));
        assert!(o.contains_key("a") && !o.contains_key("d"));
        // Kept as written; seen in key order, each key once.
        assert_eq!(o.written().map(|(k, _)| k).collect::<Vec<_>>(), ["b", "a", "b", "c"]);
        assert_eq!(o.iter().map(|(k, v)| (k, v.as_i64())).collect::<Vec<_>>(), [("a", Some(2)), ("b", Some(3)), ("c", None)]);
        assert_eq!(o.len(), 3);
        assert_eq!(j, Json::from_str(r#"{"a":2,"c":{"x":"y"},"b":3}"#).unwrap());
        assert_ne!(j, Json::from_str(r#"{"a":2,"c":{"x":"y"},"b":1}"#).unwrap());
    }

    #[test]
    fn take_moves_out_the_member_get_finds() {
        // The last of a repeated key, as `get` (and serde_json's map) has it; escaped keys too.
        let Json::Object(mut o) = Json::from_str(r#"{"data":1,"code":200,"d\u0061ta":{"id":[7]}}"#).unwrap() else { panic!() };
        assert_eq!(o.take("data").map(Json::into_value), Some(serde_json::json!({"id": [7]})));
        assert_eq!(o.get("data"), Some(&Json::Null));
        assert_eq!(o.take("missing"), None);
        assert_eq!(o.get("code").and_then(Json::as_i64), Some(200));
    }

    #[test]
    fn errors_say_where() {
        let e = Json::from_str("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!((e.offset, e.line, e.column), (18, 3, 7));
        assert_eq!(e.to_string(), "invalid JSON at line 3 column 7");
        assert_eq!(Json::from_str("").unwrap_err().to_string(), "invalid JSON at line 1 column 1");
        assert_eq!(Json::from_str("[1,]").unwrap_err().to_string(), "invalid JSON at line 1 column 4");
    }

    /// The tree `exact_in_js` must give, by walking it: integers beyond ±(2^53 − 1) as strings.
    fn big_as_strings(v: &mut Value) {
        match v {
            Value::Number(n) if n.as_u64().map(|u| u > (1 << 53) - 1).or(n.as_i64().map(|i| i.unsigned_abs() > (1 << 53) - 1)) == Some(true) => *v = Value::String(n.to_string()),
            Value::Array(a) => a.iter_mut().for_each(big_as_strings),
            Value::Object(m) => m.values_mut().for_each(big_as_strings),
            _ => {}
        }
    }

    /// Issue 12 item 17: `{"robotCallJobId":1734567890123456789}` reached JS as
    /// 1734567890123456800 (`JSON.parse` reads doubles).
    #[test]
    fn big_integers_cross_to_js_as_strings() {
        let t = |s: &str| exact_in_js(s.to_string());
        assert_eq!(t(r#"{"robotCallJobId":1734567890123456789}"#), r#"{"robotCallJobId":"1734567890123456789"}"#);
        assert_eq!(
            t(r#"{"b":9007199254740991,"c":9007199254740992,"d":-9007199254740992,"e":-9007199254740991,"f":1.5e300,"g":"12345678901234567890","h":[18446744073709551615,-9223372036854775808],"i":0.12345678901234567,"j":"\"9007199254740993\\","k":12345678901234567e3}"#),
            r#"{"b":9007199254740991,"c":"9007199254740992","d":"-9007199254740992","e":-9007199254740991,"f":1.5e300,"g":"12345678901234567890","h":["18446744073709551615","-9223372036854775808"],"i":0.12345678901234567,"j":"\"9007199254740993\\","k":12345678901234567e3}"#
        );
        assert_eq!(t("1734567890123456789"), r#""1734567890123456789""#);
        assert_eq!(t("[]"), "[]");
        // On what serde_json writes, it is the tree walk: every random document agrees.
        let mut r = Rng(0x5eed_2_53);
        for _ in 0..20_000 {
            let mut text = String::new();
            random_doc(&mut r, 4, &mut text);
            let Ok(mut v) = serde_json::from_str::<Value>(&text) else { continue };
            if r.below(2) == 0 {
                v = Value::Array(vec![v, Value::from(u64::MAX - r.next() % 1000), Value::from(-(r.next() as i64 >> 2))]);
            }
            let got: Value = serde_json::from_str(&exact_in_js(to_text(&v))).unwrap();
            big_as_strings(&mut v);
            assert_eq!(got, v);
        }
    }

    #[test]
    fn every_byte_that_needs_attention_is_found_in_a_word() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = *b"abcd\xe6\xb5\x8b\x7f";
                word[at] = b;
                let expected = b == b'"' || b == b'\\' || b < 0x20;
                assert_eq!(needs_attention(u64::from_le_bytes(word)), expected, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn digit_runs_are_found_at_every_offset() {
        for at in 0..40 {
            for after in [0, 1, 17] {
                let around = |digits: &str| format!("{}{digits}{}", "x".repeat(at), "x1".repeat(after));
                assert!(!has_digit_run(around("123456789012345").as_bytes()), "{at} {after}");
                assert!(has_digit_run(around("1234567890123456").as_bytes()), "{at} {after}");
            }
        }
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let j = Json::from_str(r#"{"name":"客户","esc":"a\nb"}"#).unwrap();
        assert!(matches!(j.get("name"), Some(Json::String(Cow::Borrowed("客户")))));
        assert!(matches!(j.get("esc"), Some(Json::String(Cow::Owned(s))) if s == "a\nb"));
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const PIECES: &[&str] = &[
        "{", "}", "[", "]", ",", ":", " ", "\n", "\"", "\\", "\"a\"", "\"b\"", "\"k\"", "0", "1", "-", ".", "e", "+", "7", "12",
        "-3.5e2", "true", "false", "null", "\\u", "00e9", "D83D", "DE00", "\\n", "x", "é", "😀", "\u{1}", "1e999", "9999999999999999999999",
    ];

    /// Random texts built from JSON-ish pieces (mostly invalid), and random valid documents
    /// with small edits: both parsers must agree on every one.
    #[test]
    fn random_texts_match_serde_json() {
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        let mut accepted = 0;
        for _ in 0..100_000 {
            let n = 1 + r.below(12);
            let text: String = (0..n).map(|_| PIECES[r.below(PIECES.len())]).collect();
            same(&text);
            accepted += via_serde(&text).is_some() as usize;
        }
        for _ in 0..20_000 {
            let mut text = String::new();
            random_doc(&mut r, 4, &mut text);
            same(&text);
            // One piece inserted at a random char boundary.
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let at = cuts[r.below(cuts.len())];
            let mut edited = text.clone();
            edited.insert_str(at, PIECES[r.below(PIECES.len())]);
            same(&edited);
            // And truncated.
            same(&text[..cuts[r.below(cuts.len())]]);
        }
        // Both outcomes must come up often, or the comparison proves little.
        assert!((1_000..90_000).contains(&accepted), "{accepted} of the random texts parse");
    }

    fn random_doc(r: &mut Rng, depth: u32, out: &mut String) {
        let ws = [" ", "", "", "\n"];
        out.push_str(ws[r.below(ws.len())]);
        match if depth == 0 { r.below(4) } else { r.below(6) } {
            0 => out.push_str(["null", "true", "false"][r.below(3)]),
            1 => out.push_str(["0", "-0", "12", "-7", "1.5", "2e3", "-1E-2", "18446744073709551616", "-9223372036854775809"][r.below(9)]),
            2 | 3 => {
                let s = ["", "a", "b", "k", "é", "a\\\"b", "\\u00e9", "\\uD83D\\uDE00", "\\n\\t", "客户"];
                out.push('"');
                out.push_str(s[r.below(s.len())]);
                out.push('"');
            }
            4 => {
                out.push('[');
                for i in 0..r.below(4) {
                    if i > 0 {
                        out.push(',');
                    }
                    random_doc(r, depth - 1, out);
                }
                out.push(']');
            }
            _ => {
                out.push('{');
                for i in 0..r.below(5) {
                    if i > 0 {
                        out.push(',');
                    }
                    let keys = ["a", "b", "k", "", "\\u0061", "é"];
                    out.push('"');
                    out.push_str(keys[r.below(keys.len())]);
                    out.push_str("\":");
                    random_doc(r, depth - 1, out);
                }
                out.push('}');
            }
        }
        out.push_str(ws[r.below(ws.len())]);
    }
}
