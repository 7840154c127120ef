//! Validation issues, shaped like zod's (`{ code, path, message, params, severity }`), with one
//! list of stable snake_case codes and their English and Chinese messages.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Every issue code waihu reports. The wire names are stable: forms key on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// A required field is missing or null (`params.when` names the condition, if any).
    Required,
    /// The value has the wrong JSON type (`params.expected`).
    InvalidType,
    /// A key the vendor does not document (a likely typo). A warning.
    UnrecognizedKey,
    /// Not one of the documented values (`params.options`).
    InvalidEnum,
    /// A field the vendor fixes to one value has another (`params.expected`).
    InvalidLiteral,
    /// A string not in the documented format (`params.format`, e.g. `HH:mm`).
    InvalidFormat,
    /// Cannot be a dialable phone number.
    InvalidPhone,
    /// Below a minimum (`params.minimum`, `params.type`: number, array or string).
    TooSmall,
    /// Above a maximum (`params.maximum`, `params.type`).
    TooBig,
    /// A daily time outside the vendor's dialling hours (`params.min`, `params.max`).
    OutsideAllowedHours,
    /// A start that is not before its end (`params.start`, `params.end`: the two fields).
    RangeInverted,
    /// A break window not inside the daily window (`params.start`, `params.end`).
    OutsideDailyWindow,
    /// Two windows overlap (`params.other`: the index of the other one).
    OverlappingWindows,
    /// The same value twice (`params.firstIndex`: where it first appeared).
    DuplicateValue,
    /// An id that the vendor's create-options meta does not list (`params.list`).
    UnknownReference,
    /// More concurrency than the chosen line has left (`params.maximum`).
    ExceedsCapacity,
    /// An id that exists but may not be used (`params.reason`).
    UnusableReference,
    /// A field of the unified task spec that the vendor cannot express (`params.vendor`;
    /// `params.reason`: `no_field`, `too_many` with `params.maximum`, `no_value`, `date_only`,
    /// or `vendor_option` with `params.option`). An error where dropping it would change what
    /// gets dialled, a warning where it is harmless.
    UnsupportedField,
}

impl IssueCode {
    /// In declaration order, so `code as usize` is the code's index here.
    pub const ALL: [IssueCode; 18] = [
        IssueCode::Required,
        IssueCode::InvalidType,
        IssueCode::UnrecognizedKey,
        IssueCode::InvalidEnum,
        IssueCode::InvalidLiteral,
        IssueCode::InvalidFormat,
        IssueCode::InvalidPhone,
        IssueCode::TooSmall,
        IssueCode::TooBig,
        IssueCode::OutsideAllowedHours,
        IssueCode::RangeInverted,
        IssueCode::OutsideDailyWindow,
        IssueCode::OverlappingWindows,
        IssueCode::DuplicateValue,
        IssueCode::UnknownReference,
        IssueCode::ExceedsCapacity,
        IssueCode::UnusableReference,
        IssueCode::UnsupportedField,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::InvalidType => "invalid_type",
            IssueCode::UnrecognizedKey => "unrecognized_key",
            IssueCode::InvalidEnum => "invalid_enum",
            IssueCode::InvalidLiteral => "invalid_literal",
            IssueCode::InvalidFormat => "invalid_format",
            IssueCode::InvalidPhone => "invalid_phone",
            IssueCode::TooSmall => "too_small",
            IssueCode::TooBig => "too_big",
            IssueCode::OutsideAllowedHours => "outside_allowed_hours",
            IssueCode::RangeInverted => "range_inverted",
            IssueCode::OutsideDailyWindow => "outside_daily_window",
            IssueCode::OverlappingWindows => "overlapping_windows",
            IssueCode::DuplicateValue => "duplicate_value",
            IssueCode::UnknownReference => "unknown_reference",
            IssueCode::ExceedsCapacity => "exceeds_capacity",
            IssueCode::UnusableReference => "unusable_reference",
            IssueCode::UnsupportedField => "unsupported_field",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops `buildRequest`.
    Error,
    /// Shown to the user; does not stop `buildRequest` (e.g. a documented rule whose
    /// enforcement by the vendor is unverified).
    Warning,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Locale {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

/// One step of a path into the params: an object key or an array index (as in zod).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl From<&str> for PathSeg {
    fn from(s: &str) -> Self {
        PathSeg::Key(s.to_string())
    }
}

impl From<usize> for PathSeg {
    fn from(i: usize) -> Self {
        PathSeg::Index(i)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    pub code: IssueCode,
    pub path: Vec<PathSeg>,
    pub message: String,
    pub params: Map<String, Value>,
    pub severity: Severity,
}

impl Issue {
    pub fn new(code: IssueCode, path: Vec<PathSeg>, params: Map<String, Value>, severity: Severity) -> Self {
        Issue { code, path, message: String::new(), params, severity }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `a.b[2].c`, for messages and test assertions.
    pub fn path_string(&self) -> String {
        path_to_string(&self.path)
    }

    /// Fills `message` in the locale from the code and params.
    pub fn localize(&mut self, locale: Locale) {
        self.message = message(self.code, &self.params, locale);
    }
}

pub fn path_to_string(path: &[PathSeg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            PathSeg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Param values that are words, not data: each a stable machine value (what `params` holds)
/// with its English and Chinese text, so that a zh-CN message is Chinese throughout. The
/// conditions of `required` (`params.when`), the formats of `invalid_format` that are phrases
/// (`params.format`) and the JSON types of `invalid_type` (`params.expected`). Values not here
/// (field names, enum values, numbers, `HH:mm`) appear as they are in both locales.
pub const TEXTS: &[(&str, &str, &str)] = &[
    ("mode=AUTO", "mode is AUTO", "mode 为 AUTO"),
    ("taskType=1", "taskType is 1", "taskType 为 1"),
    ("redial=true", "redial is true", "redial 为 true"),
    ("repeatCall=true", "repeatCall is true", "repeatCall 为 true"),
    ("phoneType!=MOBILE", "phoneType is not MOBILE", "phoneType 不为 MOBILE"),
    ("redialCondition|redialInterval|redialTimes", "any of redialCondition, redialInterval, redialTimes is set", "已设置 redialCondition、redialInterval 或 redialTimes"),
    ("breakStartTime|breakEndTime", "breakStartTime or breakEndTime is set", "已设置 breakStartTime 或 breakEndTime"),
    ("no_default_base_url", "the vendor documents no base URL", "厂商未公开默认 URL"),
    ("http(s)://host[:port][/prefix]", "http(s)://host[:port][/prefix], without user info, query or fragment", "http(s)://host[:port][/prefix]，不含用户信息、查询参数或片段"),
    ("header_name", "an HTTP header name", "HTTP 头名称"),
    ("header_value", "a header value (no control characters)", "HTTP 头的值（不含控制字符）"),
    ("path_segment", "one path segment (not . or ..)", "单个路径段（不能为 . 或 ..）"),
    ("whole_characters", "text without U+FFFD (a cut character)", "不含 U+FFFD（被截断的字符）的文本"),
    ("object", "object", "对象"),
    ("array", "array", "数组"),
    ("string", "string", "字符串"),
    ("integer", "integer", "整数"),
    ("boolean", "boolean", "布尔值"),
    ("id", "id", "ID"),
];

fn param(params: &Map<String, Value>, key: &str, zh: bool) -> String {
    match params.get(key) {
        Some(Value::String(s)) => match TEXTS.iter().find(|t| t.0 == s) {
            Some(&(_, en, cn)) => (if zh { cn } else { en }).to_string(),
            None => s.clone(),
        },
        Some(Value::Array(items)) => {
            // Not `Vec<String>::join`: that links a kilobyte of generic code.
            let mut out = String::new();
            for (n, v) in items.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                match v.as_str() {
                    Some(s) => out.push_str(s),
                    None => out.push_str(&crate::json::to_text(v)),
                }
            }
            out
        }
        Some(v) => crate::json::to_text(v),
        None => String::new(),
    }
}

/// The message for a code, in a locale, with the params a form needs filled in.
pub fn message(code: IssueCode, params: &Map<String, Value>, locale: Locale) -> String {
    let zh = locale == Locale::ZhCn;
    let template = template(code, zh, params);
    // Renders `{key}` from the params: one loop rather than a `format!` per message (which
    // cost ~1 KiB of .wasm).
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // (`split_once` rather than slicing by index: no slicing panic path, ~1.5 KiB of .wasm.)
    while let Some((text, after)) = rest.split_once('{') {
        out.push_str(text);
        let (key, after) = after.split_once('}').unwrap_or((after, ""));
        out.push_str(&param(params, key, zh));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The message template for a code: `{key}` stands for `params.key`.
fn template(code: IssueCode, zh: bool, params: &Map<String, Value>) -> &'static str {
    let kind = param(params, "type", false);
    let (en, cn) = match code {
        IssueCode::Required if params.contains_key("when") => ("Required when {when}", "当 {when} 时必填"),
        IssueCode::Required => ("Required", "必填"),
        IssueCode::InvalidType => ("Expected {expected}", "类型错误，应为{expected}"),
        IssueCode::UnrecognizedKey => ("Not a field the vendor documents (a typo?)", "厂商文档中没有这个字段（是否拼写错误？）"),
        IssueCode::InvalidEnum => ("Invalid value; expected one of: {options}", "取值无效，可选：{options}"),
        IssueCode::InvalidLiteral => ("Must be {expected}", "该字段只能为 {expected}"),
        IssueCode::InvalidFormat => ("Invalid format; expected {format}", "格式错误，应为 {format}"),
        IssueCode::InvalidPhone => ("Not a valid phone number", "不是有效的电话号码"),
        IssueCode::TooSmall => match kind.as_str() {
            "array" => ("Must have at least {minimum} item(s)", "至少需要 {minimum} 项"),
            "string" => ("Must be at least {minimum} character(s)", "至少需要 {minimum} 个字符"),
            _ => ("Must be at least {minimum}", "不能小于 {minimum}"),
        },
        IssueCode::TooBig => match kind.as_str() {
            "array" => ("Must have at most {maximum} item(s)", "最多 {maximum} 项"),
            "string" => ("Must be at most {maximum} character(s)", "最多 {maximum} 个字符"),
            _ => ("Must be at most {maximum}", "不能大于 {maximum}"),
        },
        IssueCode::OutsideAllowedHours => ("Outside {min}-{max}, the dialling hours the vendor documents", "不在厂商文档规定的拨打时段 {min}-{max} 内"),
        IssueCode::RangeInverted => ("{start} must be before {end}", "{start} 必须早于 {end}"),
        IssueCode::OutsideDailyWindow => ("Must lie within the daily window {start}-{end}", "需在每日拨打时段 {start}-{end} 之内"),
        IssueCode::OverlappingWindows => ("Overlaps window {other}", "与第 {other} 个时段重叠"),
        IssueCode::DuplicateValue => ("Duplicate of item {firstIndex}", "与第 {firstIndex} 项重复"),
        IssueCode::UnknownReference => ("No such id in {list}", "在 {list} 中找不到该 ID"),
        IssueCode::ExceedsCapacity => ("Exceeds the line's remaining concurrency of {maximum}", "超过线路剩余并发 {maximum}"),
        IssueCode::UnusableReference => ("Cannot be used: {reason}", "不可使用：{reason}"),
        IssueCode::UnsupportedField => match param(params, "reason", false).as_str() {
            "too_many" => ("{vendor} takes at most {maximum}", "{vendor} 最多支持 {maximum} 项"),
            "no_value" => ("{vendor} cannot express this value", "{vendor} 不支持该取值"),
            "date_only" => ("{vendor} takes a date without a time of day", "{vendor} 只支持日期，不支持具体时刻"),
            "vendor_option" => ("{vendor} sets this only through vendorOptions.{vendor}.{option}", "{vendor} 只能通过 vendorOptions.{vendor}.{option} 设置"),
            _ => ("{vendor} has no field for this", "{vendor} 没有对应的字段"),
        },
    };
    if zh { cn } else { en }
}

/// `{k: v, …}` for issue params.
///
/// Expands to calls of the two small functions below rather than `json!` per value: `json!`
/// serializes through serde, one generic instance (with its own error path) per call site
/// and value type, which cost kilobytes of wasm for ~60 issue sites.
#[macro_export]
macro_rules! params {
    () => { ::serde_json::Map::new() };
    ($($k:literal : $v:expr),+ $(,)?) => {{
        let mut m = ::serde_json::Map::new();
        $( $crate::issue::put_param(&mut m, $k, $crate::issue::ParamValue::into_param($v)); )+
        m
    }};
}

/// Not inlined: one copy serves every issue site.
#[doc(hidden)]
#[inline(never)]
pub fn put_param(m: &mut Map<String, Value>, key: &str, value: Value) {
    m.insert(key.to_string(), value);
}

/// The value types issue params hold, converted as `json!` would.
#[doc(hidden)]
pub trait ParamValue {
    fn into_param(self) -> Value;
}

impl ParamValue for &str {
    fn into_param(self) -> Value {
        Value::String(self.to_string())
    }
}

impl ParamValue for String {
    fn into_param(self) -> Value {
        Value::String(self)
    }
}

impl ParamValue for usize {
    fn into_param(self) -> Value {
        Value::from(self as u64)
    }
}

impl ParamValue for &usize {
    fn into_param(self) -> Value {
        (*self).into_param()
    }
}

impl ParamValue for i64 {
    fn into_param(self) -> Value {
        Value::from(self)
    }
}

/// Integer literals (`"minimum": 1`).
impl ParamValue for i32 {
    fn into_param(self) -> Value {
        Value::from(i64::from(self))
    }
}

impl ParamValue for &[&str] {
    fn into_param(self) -> Value {
        Value::Array(self.iter().map(|s| Value::String(s.to_string())).collect())
    }
}

impl ParamValue for &[i64] {
    fn into_param(self) -> Value {
        Value::Array(self.iter().map(|n| Value::from(*n)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_both_messages_and_a_stable_name() {
        for code in IssueCode::ALL {
            let p = params! {"minimum": 1, "maximum": 2, "type": "array", "min": "09:00", "max": "20:00"};
            assert!(!message(code, &p, Locale::En).is_empty());
            assert!(!message(code, &p, Locale::ZhCn).is_empty());
            assert_eq!(serde_json::to_value(code).unwrap(), Value::String(code.as_str().into()));
        }
    }

    #[test]
    fn all_is_in_declaration_order() {
        // SeverityOverrides indexes by `code as usize`.
        for (i, code) in IssueCode::ALL.into_iter().enumerate() {
            assert_eq!(code as usize, i);
        }
    }

    #[test]
    fn messages_fill_params() {
        let p = params! {"min": "09:00", "max": "20:00"};
        // Says what the vendor documents: a warning where its enforcement is unverified.
        assert_eq!(message(IssueCode::OutsideAllowedHours, &p, Locale::En), "Outside 09:00-20:00, the dialling hours the vendor documents");
        assert_eq!(message(IssueCode::OutsideAllowedHours, &p, Locale::ZhCn), "不在厂商文档规定的拨打时段 09:00-20:00 内");
        let p = params! {"when": "mode=AUTO"};
        assert_eq!(message(IssueCode::Required, &p, Locale::En), "Required when mode is AUTO");
        assert_eq!(message(IssueCode::Required, &p, Locale::ZhCn), "当 mode 为 AUTO 时必填");
        let p = params! {"maximum": 100, "type": "array"};
        assert_eq!(message(IssueCode::TooBig, &p, Locale::En), "Must have at most 100 item(s)");
    }

    /// The ASCII words (letters only) of `s`.
    fn ascii_words(s: &str) -> Vec<&str> {
        s.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).collect()
    }

    /// zh-CN messages are Chinese throughout (issue 12 item 10: `startDateTime: 当 mode is AUTO
    /// 时必填` mixed two languages): for every code and every worded param value, in both
    /// locales, the only ASCII words in a zh-CN message are the field names and values that the
    /// machine value itself names (`mode`, `AUTO` of `mode=AUTO`) and a few acronyms; English
    /// messages hold no Chinese.
    #[test]
    fn zh_messages_are_chinese_for_every_code_and_worded_value() {
        const ACRONYMS: &[&str] = &["HTTP", "URL", "ID", "U", "FFFD"];
        for code in IssueCode::ALL {
            for kind in ["array", "string", "number"] {
                for &(value, _, _) in TEXTS {
                    let p = params! {"when": value, "format": value, "expected": value, "reason": value, "list": value, "type": kind, "minimum": 1, "maximum": 2, "min": "09:00", "max": "20:00", "start": "09:00", "end": "20:00", "other": 1, "firstIndex": 0, "options": &["A", "B"][..]};
                    let (en, zh) = (message(code, &p, Locale::En), message(code, &p, Locale::ZhCn));
                    assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{code:?} en: {en}");
                    assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{code:?} zh: {zh}");
                    for w in ascii_words(&zh) {
                        let named = ascii_words(value).iter().any(|v| v.eq_ignore_ascii_case(w)) || ["A", "B"].contains(&w);
                        assert!(named || ACRONYMS.contains(&w), "{code:?} with {value:?}: English word {w:?} in zh-CN: {zh}");
                    }
                }
            }
        }
    }

    /// Every worded value the code passes (`Req::RequiredWhen`, `"when"`, `"expected"`,
    /// `wrong_type` and `"format"` phrases) has its two texts: a new condition cannot be
    /// English-only. (Formats written as patterns, `HH:mm[:ss]`, read the same in any locale.)
    #[test]
    fn every_worded_value_in_the_source_has_both_texts() {
        let is_phrase = |v: &str| v.split(' ').any(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()));
        let mut missing = Vec::new();
        let mut seen = 0;
        let mut files = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if p.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let file = std::fs::read_to_string(&p).unwrap();
            // The code, without its tests.
            let text = &file[..file.find("#[cfg(test)]").unwrap_or(file.len())];
            // The value is the string literal that follows the marker (for `wrong_type(`, the
            // call's last argument).
            for marker in ["RequiredWhen(\"", "\"when\": \"", "\"expected\": \"", "\"format\": \"", "wrong_type("] {
                for (i, _) in text.match_indices(marker) {
                    let rest = &text[i + marker.len()..];
                    let rest = if marker == "wrong_type(" {
                        let call = &rest[..rest.find(");").unwrap_or(0)];
                        match call.rfind(", \"") {
                            Some(q) => &call[q + 3..],
                            None => continue,
                        }
                    } else {
                        rest
                    };
                    let value = &rest[..rest.find('"').unwrap()];
                    seen += 1;
                    let worded = marker != "\"format\": \"" || is_phrase(value) || value.contains('_');
                    if worded && !TEXTS.iter().any(|t| t.0 == value) {
                        missing.push(format!("{}: {value}", p.display()));
                    }
                }
            }
        }
        assert!(seen > 30, "the markers found only {seen} values");
        assert!(missing.is_empty(), "worded values without texts: {missing:?}");
    }

    #[test]
    fn path_strings() {
        let i = Issue::new(IssueCode::Required, vec!["customerPersons".into(), 3.into(), "phoneNumber".into()], Map::new(), Severity::Error);
        assert_eq!(i.path_string(), "customerPersons[3].phoneNumber");
        assert_eq!(serde_json::to_value(&i.path).unwrap(), serde_json::json!(["customerPersons", 3, "phoneNumber"]));
    }
}
