//! Digest and MAC helpers used by the vendors' signing schemes (RustCrypto crates).

use base64::Engine;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha1::Sha1;
use sha2::Sha256;

fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// Lowercase hex MD5 of the UTF-8 bytes (Itniotech's `Sign`).
pub fn md5_hex(input: &str) -> String {
    hex(&Md5::digest(input.as_bytes()))
}

/// Lowercase hex SHA-256 of the UTF-8 bytes (Tanyi's `signature`).
pub fn sha256_hex(input: &str) -> String {
    hex(&Sha256::digest(input.as_bytes()))
}

/// Base64 (standard, padded) of HMAC-SHA1 keyed with `key` (BYRobot's `sign`).
pub fn hmac_sha1_base64(key: &str, message: &str) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail; the fallback keeps
    // the signature path free of panics all the same.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(key.as_bytes()) else {
        return String::new();
    };
    mac.update(message.as_bytes());
    // Into a buffer, not `Engine::encode`: that one ends in `String::from_utf8(..).expect(..)`,
    // whose panic message links `Debug` for `FromUtf8Error` (~0.5 KiB of .wasm gzipped).
    // 20 bytes of MAC are 28 of Base64, so neither fallback is ever taken.
    let mut buf = [0u8; 28];
    let n = base64::engine::general_purpose::STANDARD.encode_slice(mac.finalize().into_bytes(), &mut buf).unwrap_or(0);
    std::str::from_utf8(buf.get(..n).unwrap_or_default()).unwrap_or_default().to_string()
}
