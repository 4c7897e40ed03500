//! A reader that goes away (`vpcheck verify ... | head -c 100`) is an I/O error (exit 2, said on
//! standard error), never a panic: `println!` panics on a closed pipe.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write;
use std::process::{Command, Stdio};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../test-vectors/");

/// Runs `args` reading the vector from standard input, with standard output closed before the
/// tool has read its input (so before it can write anything): deterministic, no race.
fn run_with_closed_stdout(args: &[&str], vector: &str) -> std::process::Output {
    let input = std::fs::read(format!("{DIR}{vector}")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&input).unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_output_is_an_io_error_not_a_panic() {
    let verify = ["verify", "--now", "2024-08-01T16:00:00Z", "--allow-unsigned-formats"];
    for format in ["text", "json"] {
        let mut args = verify.to_vec();
        args.extend(["--format", format, "-"]);
        let out = run_with_closed_stdout(&args, "trinsic-sessions/provider-mdl.json");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert!(stderr.contains("writing the output"), "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
    }
    // The same vector with its output read: verified (exit 0), so the exit 2 above is the pipe's.
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(verify)
        .arg(format!("{DIR}trinsic-sessions/provider-mdl.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.stdout.is_empty());
}
