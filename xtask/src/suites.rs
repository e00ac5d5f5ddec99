//! Runs cargo test suites and tallies what libtest reports, so the closing summary can
//! say which suites ran and how many tests each passed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result};

/// What one suite did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: String,
    /// A check (a lint or build for a target, an install) rather than counted tests.
    pub check: bool,
    pub passed: u32,
    pub failed: u32,
    pub ignored: u32,
    pub seconds: f64,
    pub succeeded: bool,
}

/// Runs `command` (a `cargo test …`), echoing its output and counting the
/// `test result:` lines libtest prints per test binary.
pub fn run_suite(name: &str, dir: &Path, command: &mut Command) -> Result<Outcome> {
    crate::cmd::step(name);
    command
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    println!("$ {command:?}");
    let started = Instant::now();
    let mut child = command
        .spawn()
        .with_context(|| format!("could not start {command:?}"))?;
    let mut outcome = Outcome {
        name: name.to_owned(),
        check: false,
        passed: 0,
        failed: 0,
        ignored: 0,
        seconds: 0.0,
        succeeded: false,
    };
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line?;
            println!("{line}");
            if let Some(counts) = parse_result_line(&line) {
                outcome.passed += counts.0;
                outcome.failed += counts.1;
                outcome.ignored += counts.2;
            }
        }
    }
    outcome.succeeded = child.wait()?.success();
    outcome.seconds = started.elapsed().as_secs_f64();
    Ok(outcome)
}

/// Runs `command` as a check: it passes when it exits successfully; there is nothing
/// to count.
pub fn run_check(name: &str, dir: &Path, command: &mut Command) -> Result<Outcome> {
    crate::cmd::step(name);
    command.current_dir(dir);
    println!("$ {command:?}");
    let started = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("could not start {command:?}"))?;
    Ok(Outcome {
        name: name.to_owned(),
        check: true,
        passed: 0,
        failed: 0,
        ignored: 0,
        seconds: started.elapsed().as_secs_f64(),
        succeeded: status.success(),
    })
}

/// `test result: ok. 12 passed; 0 failed; 1 ignored; …` → (12, 0, 1).
fn parse_result_line(line: &str) -> Option<(u32, u32, u32)> {
    let rest = line.trim().strip_prefix("test result:")?;
    let count = |label: &str| -> u32 {
        rest.split(';')
            .find_map(|part| {
                let part = part
                    .trim()
                    .trim_start_matches("ok.")
                    .trim_start_matches("FAILED.");
                part.trim().strip_suffix(label)?.trim().parse().ok()
            })
            .unwrap_or(0)
    };
    Some((count("passed"), count("failed"), count("ignored")))
}

#[cfg(test)]
mod tests {
    use super::parse_result_line;

    #[test]
    fn reads_passing_and_failing_result_lines() {
        assert_eq!(
            parse_result_line(
                "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s"
            ),
            Some((12, 0, 1))
        );
        assert_eq!(
            parse_result_line("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured"),
            Some((3, 2, 0))
        );
        assert_eq!(parse_result_line("running 3 tests"), None);
    }
}
