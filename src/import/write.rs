//! Writing JSON text straight from the borrowed tree or from strings: the planner builds each
//! chunk's body as text, never as a `serde_json::Value` (a map and strings per row).

use serde::Serialize;

use crate::json::{Json, Number, Object};

/// Text being written.
pub type Out = String;

/// `v` as JSON, appended (strings escaped, numbers as serde_json prints them).
pub fn ser<T: Serialize + ?Sized>(out: &mut Out, v: &T) {
    // Safety: serde_json writes only whole UTF-8 text (JSON), and nothing on error here (these
    // types always serialize), so `out` stays valid UTF-8.
    let _ = serde_json::to_writer(unsafe { out.as_mut_vec() }, v);
}

pub fn write_str(out: &mut Out, s: &str) {
    ser(out, s);
}

fn write_number(out: &mut Out, n: &Number) {
    match n {
        Number::PosInt(u) => ser(out, u),
        Number::NegInt(i) => ser(out, i),
        Number::Float(f) => ser(out, f),
    }
}

pub fn write_json(out: &mut Out, v: &Json) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => write_number(out, n),
        Json::String(s) => write_str(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        Json::Object(o) => write_object(out, o, write_json),
    }
}

/// `{…}` with each member's key written as is and its value by `value`.
fn write_object(out: &mut Out, o: &Object, value: fn(&mut Out, &Json)) {
    out.push('{');
    // As written: a repeated key stays repeated, and the reader keeps the last, as serde_json.
    for (i, (k, v)) in o.written().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, k);
        out.push(':');
        value(out, v);
    }
    out.push('}');
}

/// A customer row in the vendor's shape. A unified row (`{name?, phone, properties?}`, where
/// the vendor's phone member is another name or also `phone`) has `phone` renamed to
/// `phone_key` and the scalars in `properties` written as strings (`12` → `"12"`, `true` →
/// `"true"`), as the vendors take script variables; a row in the vendor's own shape, or
/// anything else, is written as it came (the vendor's rules judge it).
pub fn write_row(out: &mut Out, row: &Json, phone_key: &str) {
    let Json::Object(o) = row else { return write_json(out, row) };
    let unified = o.contains_key("phone") && (phone_key == "phone" || !o.contains_key(phone_key));
    if !unified {
        return write_json(out, row);
    }
    out.push('{');
    for (i, (k, v)) in o.written().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, if k == "phone" { phone_key } else { k });
        out.push(':');
        match v {
            Json::Object(p) if k == "properties" => write_object(out, p, |out, v| match v {
                Json::Number(n) => {
                    out.push('"');
                    write_number(out, n);
                    out.push('"');
                }
                Json::Bool(b) => out.push_str(if *b { "\"true\"" } else { "\"false\"" }),
                v => write_json(out, v),
            }),
            v => write_json(out, v),
        }
    }
    out.push('}');
}
