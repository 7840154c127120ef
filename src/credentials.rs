//! Typed credentials, declared once per vendor with `credentials!`: the struct (serde, and the
//! TypeScript type through tsify) and its reader, which reports every problem as an issue under
//! `credentials`: a missing or blank field, a wrong type, a value that cannot go into an HTTP
//! header (RFC 9110: no CR, LF, NUL or other control characters), and unknown members (refused:
//! a misspelt key would otherwise sign with nothing).

use crate::check::{Checker, Obj, Req};
use crate::issue::IssueCode;
use crate::params;

/// Where a credential goes, which decides what it may contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Sent as a header value.
    Header,
    /// A header name (RFC 9110 token).
    HeaderName,
    /// Only signs (never sent) or goes into a JSON body: any text.
    Text,
}

/// RFC 9110 §5.6.2 token characters: what `fetch` accepts as a header name.
pub fn is_header_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// RFC 9110 §5.5 field-value characters: visible ASCII, space, tab and any non-ASCII byte
/// (obs-text); no CR, LF, NUL or other control characters, which would end or split the header.
pub fn is_header_value(s: &str) -> bool {
    s.bytes().all(|b| b == b'\t' || b >= 0x20 && b != 0x7f)
}

/// One credential field: the string, or None with its issue reported.
pub fn field<'v>(c: &mut Checker, o: &Obj<'v>, key: &str, required: bool, kind: Kind) -> Option<&'v str> {
    let s = c.str(o, key, if required { Req::Required } else { Req::Optional })?;
    let ok = match kind {
        Kind::Header => is_header_value(s),
        Kind::HeaderName => is_header_name(s),
        Kind::Text => true,
    };
    if !ok {
        let format = if kind == Kind::HeaderName { "header_name" } else { "header_value" };
        c.error(IssueCode::InvalidFormat, o.path_of(key), params! {"format": format});
        return None;
    }
    Some(s)
}

/// `credentials! { /// doc
///     TanyiCredentials { required { appKey: Header, appSecret: Text } optional { version: Header } } }`
/// declares the struct (fields spelled as the vendor spells them) and its `Credentials::read`.
#[macro_export]
macro_rules! credentials {
    ($(#[$m:meta])* $name:ident {
        required { $($(#[$rm:meta])* $r:ident : $rk:ident),* $(,)? }
        optional { $($(#[$om:meta])* $o:ident : $ok:ident),* $(,)? }
    }) => {
        #[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(::tsify::Tsify))]
        $(#[$m])*
        #[serde(deny_unknown_fields)]
        #[allow(non_snake_case)]
        pub struct $name {
            $($(#[$rm])* pub $r: String,)*
            $($(#[$om])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $o: Option<String>,)*
        }

        /// Never prints the values: credentials hold secrets.
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(concat!(stringify!($name), " { … }"))
            }
        }

        impl $crate::vendor::Credentials for $name {
            #[allow(non_snake_case)]
            fn read(v: &$crate::json::Json, path: &[$crate::issue::PathSeg], c: &mut $crate::check::Checker) -> Option<Self> {
                use $crate::credentials::{field, Kind};
                let o = c.root(v, path)?;
                $(let $r = field(c, &o, stringify!($r), true, Kind::$rk);)*
                $(let $o = field(c, &o, stringify!($o), false, Kind::$ok);)*
                c.refuse_unknown_keys(&o, &[$(stringify!($r),)* $(stringify!($o),)*]);
                Some($name {
                    $($r: $r?.to_string(),)*
                    $($o: $o.map(str::to_string),)*
                })
            }
        }
    };
}
