//! Digest and MAC helpers used by the vendors' signing schemes.
//!
//! MD5 and SHA-256 come from the RustCrypto crates (SHA-256 in its compact form in the .wasm,
//! see Cargo.toml). HMAC-SHA1 and Base64 for BYRobot's one short signature per request are
//! written out here: the sha1, hmac and base64 crates cost about 2 KiB of gzipped .wasm for
//! it. They are checked against those crates on random inputs (tests below) and against
//! Python's hashlib (tests/byrobot.rs).

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
    base64(&hmac_sha1(key.as_bytes(), message.as_bytes()))
}

/// HMAC (RFC 2104) over SHA-1, whose block is 64 bytes.
fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..20].copy_from_slice(&sha1(&[key]));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let inner = sha1(&[&k.map(|b| b ^ 0x36), message]);
    sha1(&[&k.map(|b| b ^ 0x5c), &inner])
}

/// SHA-1 (FIPS 180-4) of the parts one after another.
fn sha1(parts: &[&[u8]]) -> [u8; 20] {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    // The message, a 1 bit, zeros up to 8 bytes short of a block, and the length in bits.
    let mut m = Vec::with_capacity(len + 72);
    for p in parts {
        m.extend_from_slice(p);
    }
    m.push(0x80);
    while m.len() % 64 != 56 {
        m.push(0);
    }
    m.extend_from_slice(&(len as u64).wrapping_mul(8).to_be_bytes());

    let mut h: [u32; 5] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0];
    for block in m.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (wi, word) in w.iter_mut().zip(block.chunks_exact(4)) {
            *wi = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.into_iter().enumerate() {
            let (f, k) = match i / 20 {
                0 => ((b & c) | (!b & d), 0x5A82_7999),
                1 => (b ^ c ^ d, 0x6ED9_EBA1),
                2 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(wi);
            (e, d, c, b, a) = (d, c, b.rotate_left(30), a, t);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (o, x) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// Base64, standard alphabet, padded (RFC 4648 §4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().zip([16, 8, 0]).fold(0u32, |n, (&b, shift)| n | u32::from(b) << shift);
        for i in 0..4 {
            // A chunk of k bytes gives k + 1 characters, then padding.
            out.push(if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use hmac::{Hmac, Mac};

    /// FIPS 180 and RFC 2202 vectors.
    #[test]
    fn known_vectors() {
        assert_eq!(hex(&sha1(&[b"abc"])), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(hex(&sha1(&[b""])), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(hex(&sha1(&[b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"])), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
        assert_eq!(hex(&hmac_sha1(&[0x0b; 20], b"Hi There")), "b617318655057264e28bc0b6fb378c8ef146be00");
        assert_eq!(hex(&hmac_sha1(b"Jefe", b"what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assert_eq!(hex(&hmac_sha1(&[0xaa; 80], b"Test Using Larger Than Block-Size Key - Hash Key First")), "aa4ae5e15272d00e95705637ce8a3b55ed402112");
        for (input, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(input.as_bytes()), encoded);
        }
    }

    /// Against the RustCrypto sha1/hmac crates and the base64 crate, on every length around the
    /// block and padding boundaries and on random keys and messages.
    #[test]
    fn matches_the_crates() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut bytes = |n: usize| -> Vec<u8> {
            (0..n)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect()
        };
        for n in (0..300).chain([1000, 4096, 10_000]) {
            let (key, message) = (bytes(n % 150), bytes(n));
            let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).unwrap();
            mac.update(&message);
            assert_eq!(hmac_sha1(&key, &message)[..], mac.finalize().into_bytes()[..], "length {n}");
            assert_eq!(base64(&message), base64::engine::general_purpose::STANDARD.encode(&message), "length {n}");
        }
    }
}
