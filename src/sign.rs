//! Digest and MAC helpers for the vendors' signing schemes, all from the RustCrypto crates
//! (and `base64`): audited code for what signs with a caller's secret. SHA-256 is the compact
//! form in the .wasm (Cargo.toml).

use base64::Engine;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
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
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()) else { return String::new() };
    mac.update(message.as_bytes());
    let tag = mac.finalize().into_bytes();
    // 20 bytes are 28 Base64 characters. Into a buffer: `Engine::encode` links a UTF-8 check
    // and its error's Debug formatting for a string that is ASCII by construction.
    let mut buf = [0u8; 28];
    let n = base64::engine::general_purpose::STANDARD.encode_slice(tag, &mut buf).unwrap_or(0);
    buf[..n].iter().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 2202 HMAC-SHA1 vectors, as Base64.
    #[test]
    fn known_vectors() {
        let b64 = |hex: &str| {
            let bytes: Vec<u8> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
            base64::engine::general_purpose::STANDARD.encode(bytes)
        };
        assert_eq!(hmac_sha1_base64("Jefe", "what do ya want for nothing?"), b64("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
        // A key longer than SHA-1's 64-byte block is hashed first (RFC 2202 test case 6).
        let long_key = "a".repeat(80);
        assert_eq!(hmac_sha1_base64(&long_key, "Test Using Larger Than Block-Size Key - Hash Key First").len(), 28);
        assert_eq!(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
