//! The pieces waihu writes by hand where a well-kept crate exists, because size or speed on the
//! edge needs it (bench/NOTES.md has the measurements):
//! - `json`: a borrowed JSON tree that validation reads params into. `serde_json::Value`
//!   allocates a `String` per key and string and a B-tree node per object; most of validation's
//!   time went there. It reads exactly what serde_json reads (differential tests), and it is
//!   also the crate's one JSON reader, which keeps serde_json's deserializer out of the .wasm.
//! - `alloc` (wasm only): free lists for small blocks in front of talc, the global allocator;
//!   validation makes and drops many small blocks, and talc's bins cost more per call.

pub mod json;
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
pub mod alloc;
