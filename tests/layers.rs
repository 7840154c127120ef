//! The layering the README's "Layout" describes, checked on the sources: the ground floor imports
//! nothing from `src/vendors/`, and outside a vendor's own folder (and the registration list)
//! no Rust code names a particular vendor, so a new vendor is a folder plus one line.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's code without comments: `//` ones (doc comments included) and the `/** … */` lines
/// of the TypeScript declarations it carries.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let lines = text.lines().filter(|l| !l.trim_start().starts_with("/**") && !l.trim_start().starts_with('*'));
    lines.map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_ground_floor_imports_nothing_from_the_vendors() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for f in files {
        let rel = f.strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/");
        if rel.starts_with("vendors/") || rel.starts_with("js/") || rel == "lib.rs" {
            continue;
        }
        assert!(!code(&f).contains("vendors::"), "{rel} imports from src/vendors/");
    }
}

#[test]
fn only_a_vendors_folder_and_the_registration_list_name_it() {
    let ids: Vec<&str> = waihu::vendors::ALL.iter().map(|v| v.as_str()).collect();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for f in files {
        let rel = f.strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/");
        // The registration list, and test modules (which pass vendor ids as data).
        if rel == "vendors/mod.rs" || rel.ends_with("tests.rs") {
            continue;
        }
        let text = code(&f).to_lowercase();
        for id in &ids {
            if rel.starts_with(&format!("vendors/{id}/")) {
                continue;
            }
            assert!(!text.contains(id), "{rel} names the vendor {id}");
        }
    }
}
