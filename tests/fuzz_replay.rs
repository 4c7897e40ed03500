//! Corpus replay: every file under `fuzz/corpus/<target>/` and `fuzz/artifacts/<target>/` runs
//! through its fuzz target's body (`fuzz/src/lib.rs`, included here) as an ordinary test, so that
//! a crash found once stays fixed. The committed corpora are minimised (`cargo fuzz cmin`); a
//! local fuzzing run adds to them and its findings go to `artifacts/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<_> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

#[test]
fn every_corpus_and_artifact_file_runs_clean() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz"));
    // Like libFuzzer, count a panic even when the library contains it (vpcheck catches
    // dependency panics so that none reaches the caller, but each one is a bug to fix).
    static PANICKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, std::sync::atomic::Ordering::SeqCst);
        default_hook(info);
    }));
    let mut failures = Vec::new();
    let mut counts = Vec::new();
    for (name, body) in targets::TARGETS {
        let started = std::time::Instant::now();
        let mut n = 0;
        for dir in ["corpus", "artifacts"] {
            for file in files(&root.join(dir).join(name)) {
                // A fuzzer running beside the test may replace corpus files as it reduces them.
                let Ok(data) = std::fs::read(&file) else { continue };
                n += 1;
                PANICKED.store(false, std::sync::atomic::Ordering::SeqCst);
                let escaped = std::panic::catch_unwind(|| body(&data)).is_err();
                if escaped || PANICKED.load(std::sync::atomic::Ordering::SeqCst) {
                    failures.push(file.display().to_string());
                }
            }
        }
        counts.push(format!("{name}: {n} in {:.1} s", started.elapsed().as_secs_f64()));
    }
    println!("replayed {}", counts.join(", "));
    assert!(
        failures.is_empty(),
        "{} inputs fail their target:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Without any corpus the replay would pass vacuously: the committed seeds must be there.
#[test]
fn every_target_has_a_committed_corpus() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus"));
    for (name, _) in targets::TARGETS {
        assert!(!files(&root.join(name)).is_empty(), "fuzz/corpus/{name} is empty");
    }
}
