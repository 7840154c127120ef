//! waihu's one CSV reader (RFC 4180), for customer lists: fields quoted or not, `""` for a quote
//! inside quotes, quoted commas and line breaks, CRLF, LF or CR line ends, a leading BOM. Text
//! arrives in pieces of any size (a streamed upload); a record may span pieces. It is lenient
//! where RFC 4180 is strict and a spreadsheet is not: a quote inside an unquoted field, or text
//! after a closing quote, is kept as written, and a quote left open ends with the text.
//!
//! The first record that is not blank is the header: it names the phone column (`phone`,
//! `手机`, …), the name column, and the customers' properties (every other named column).

use crate::import::write::{write_str, Out};

/// Splits text into records. Keeps only the record being read.
#[derive(Default)]
pub struct CsvReader {
    /// The record's fields so far: the first `n` are complete, `fields[n]` is being read.
    fields: Vec<String>,
    n: usize,
    /// Something (a quote or a character) was read into the current field.
    begun: bool,
    quoted: bool,
    /// A quote just closed a quoted part: `"` next is an escaped quote.
    closed: bool,
    /// A CR ended the last record: a LF next belongs to it.
    after_cr: bool,
    /// Text was read, so a BOM can no longer come.
    started: bool,
}

impl CsvReader {
    /// Reads `text` on from where the last piece stopped, calling `record` with each record it
    /// completes.
    pub fn feed(&mut self, text: &str, record: &mut dyn FnMut(&[String])) {
        let text = match (self.started, text.strip_prefix('\u{feff}')) {
            (false, Some(rest)) => rest,
            _ => text,
        };
        self.started |= !text.is_empty();
        let bytes = text.as_bytes();
        // Plain text is copied in runs, from `run` to the next special byte.
        let mut run = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if std::mem::take(&mut self.after_cr) && b == b'\n' {
                run = i + 1;
                continue;
            }
            if self.quoted {
                if b == b'"' {
                    self.push(text.get(run..i));
                    self.quoted = false;
                    self.closed = true;
                    run = i + 1;
                }
                continue;
            }
            if std::mem::take(&mut self.closed) && b == b'"' {
                // `""` inside quotes: one quote, and the quoted part goes on.
                self.push(Some("\""));
                self.quoted = true;
                run = i + 1;
                continue;
            }
            match b {
                b',' | b'\n' | b'\r' => {
                    self.push(text.get(run..i));
                    self.n += 1;
                    self.begun = false;
                    if b != b',' {
                        self.end_record(record);
                        self.after_cr = b == b'\r';
                    }
                    run = i + 1;
                }
                b'"' if !self.begun => {
                    self.begun = true;
                    self.quoted = true;
                    run = i + 1;
                }
                _ => self.begun = true,
            }
        }
        self.push(text.get(run..));
    }

    /// Ends the text: a last record without a line break is complete now.
    pub fn finish(&mut self, record: &mut dyn FnMut(&[String])) {
        if self.begun || self.n > 0 || self.fields.first().is_some_and(|f| !f.is_empty()) {
            self.n += 1;
            self.end_record(record);
        }
        *self = CsvReader::default();
    }

    fn push(&mut self, s: Option<&str>) {
        let s = s.unwrap_or_default();
        if self.fields.len() <= self.n {
            self.fields.resize_with(self.n + 1, String::new);
        }
        if let Some(f) = self.fields.get_mut(self.n) {
            f.push_str(s);
        }
        self.begun |= !s.is_empty();
    }

    /// Hands out the `n` complete fields (unless all are blank: a blank line is no record) and
    /// clears them for the next record, keeping their buffers.
    fn end_record(&mut self, record: &mut dyn FnMut(&[String])) {
        let fields = self.fields.get_mut(..self.n).unwrap_or_default();
        if fields.iter().any(|f| !f.trim().is_empty()) {
            record(fields);
        }
        fields.iter_mut().for_each(String::clear);
        self.n = 0;
        self.begun = false;
        self.quoted = false;
        self.closed = false;
    }
}

/// Header names of the phone and name columns, compared in ASCII lower case without spaces,
/// `_` or `-`.
const PHONE: &[&str] = &["phone", "phonenumber", "mobile", "tel", "电话", "手机", "手机号", "电话号码"];
const NAME: &[&str] = &["name", "姓名", "客户姓名", "customername"];

/// Whether header `h` is one of `names`.
fn named(h: &str, names: &[&str]) -> bool {
    names.iter().any(|n| {
        let mut want = n.bytes();
        h.bytes().filter(|b| !b.is_ascii_whitespace() && *b != b'_' && *b != b'-').all(|b| want.next() == Some(b.to_ascii_lowercase())) && want.next().is_none()
    })
}

/// What the header says each column holds.
pub struct Columns {
    phone: usize,
    name: Option<usize>,
    /// Property columns: index and name.
    properties: Vec<(usize, String)>,
}

impl Columns {
    /// The columns a header names; None when it names no phone column.
    pub fn of(header: &[String]) -> Option<Columns> {
        let (mut phone, mut name, mut properties) = (None, None, Vec::new());
        for (i, h) in header.iter().enumerate() {
            if phone.is_none() && named(h, PHONE) {
                phone = Some(i);
            } else if name.is_none() && named(h, NAME) {
                name = Some(i);
            } else if !h.trim().is_empty() {
                properties.push((i, h.trim().to_string()));
            }
        }
        Some(Columns { phone: phone?, name, properties })
    }

    /// The record as a customer row, `{name?, <phone_key>, properties?}`: cells trimmed, empty
    /// ones left out (the phone is always written, so an empty one reads as missing).
    pub fn write(&self, out: &mut Out, fields: &[String], phone_key: &str) {
        let cell = |i: usize| fields.get(i).map_or("", |f| f.trim());
        out.push('{');
        if let Some(name) = self.name.map(cell).filter(|s| !s.is_empty()) {
            write_str(out, "name");
            out.push(':');
            write_str(out, name);
            out.push(',');
        }
        write_str(out, phone_key);
        out.push(':');
        write_str(out, cell(self.phone));
        let mut open = false;
        for (i, key) in &self.properties {
            let value = cell(*i);
            if value.is_empty() {
                continue;
            }
            out.push_str(if open { "," } else { ",\"properties\":{" });
            open = true;
            write_str(out, key);
            out.push(':');
            write_str(out, value);
        }
        out.push_str(if open { "}}" } else { "}" });
    }
}

/// A CSV list's customers in the unified shape (`{name?, phone, properties?}`), as JSON text of
/// an array: what the admin page shows and imports. None when the header names no phone column.
pub fn customers(text: &str) -> Option<String> {
    let mut out = Out::from("[");
    let mut header: Option<Option<Columns>> = None;
    let mut record = |fields: &[String]| match &header {
        None => header = Some(Columns::of(fields)),
        Some(Some(c)) => {
            if out.len() > 1 {
                out.push(',');
            }
            c.write(&mut out, fields, "phone");
        }
        Some(None) => {}
    };
    let mut reader = CsvReader::default();
    reader.feed(text, &mut record);
    reader.finish(&mut record);
    if matches!(header, Some(None)) {
        return None;
    }
    out.push(']');
    Some(out)
}
