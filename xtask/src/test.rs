//! `cargo xtask test`: every check and suite, in the order that fails fastest, with a
//! summary of which suites ran and how many tests passed.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::postgres::TestCluster;
use crate::prerequisites::{self, Purpose};
use crate::run::binary_name;
use crate::suites::{Outcome, run_suite};
use crate::{cmd, ui, workspace_root};

pub fn test() -> Result<()> {
    let started = Instant::now();
    let root = workspace_root();
    prerequisites::ensure(Purpose::Test)?;

    cmd::step("Formatting (cargo fmt --check)");
    cmd::run(&root, "cargo", ["fmt", "--all", "--", "--check"])?;

    // The shell embeds ui/dist at compile time, so the UI comes first; building it is
    // also the proof that desk-ui and desk-domain compile for wasm32.
    ui::build(&root)?;

    cmd::step("Lints (cargo clippy, host crates and the wasm UI)");
    cmd::run(
        &root,
        "cargo",
        ["clippy", "--all-targets", "--", "-D", "warnings"],
    )?;
    cmd::run(
        &root,
        "cargo",
        [
            "clippy",
            "-p",
            "desk-ui",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "ui",
            "--",
            "-D",
            "warnings",
        ],
    )?;

    cmd::step("Building the app and every test (one feature set for all suites)");
    cmd::run(&root, "cargo", ["build", "--all-targets"])?;
    let app = root.join("target").join("debug").join(binary_name());

    let mut outcomes: Vec<Outcome> = Vec::new();
    outcomes.push(run_suite(
        "Unit tests (every crate)",
        &root,
        &mut cargo_test(&["--lib", "--bins"]),
    )?);

    outcomes.push(run_suite(
        "Store contract suite on SQLite",
        &root,
        &mut cargo_test(&["--test", "store_contract", "--", "sqlite::"]),
    )?);
    {
        let cluster = TestCluster::start()?;
        outcomes.push(run_suite(
            "Store contract suite on Postgres",
            &root,
            cargo_test(&["--test", "store_contract", "--", "postgres::"])
                .env("DESK_TEST_POSTGRES_URL", cluster.admin_url()),
        )?);
    }

    outcomes.push(run_e2e(&root, &app)?);

    print_summary(&outcomes, started.elapsed().as_secs_f64());
    if outcomes.iter().any(|outcome| !outcome.succeeded) {
        bail!("some suites failed");
    }
    Ok(())
}

fn cargo_test(args: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command.arg("test").args(args);
    command
}

/// The end-to-end suite drives the real app in a real WebKit webview through
/// tauri-driver, on a virtual display when there is no real one.
fn run_e2e(root: &Path, app: &Path) -> Result<Outcome> {
    let mut command = if std::env::consts::OS == "linux" {
        let mut command = Command::new("xvfb-run");
        command.args(["-a", "-s", "-screen 0 1280x800x24", "cargo"]);
        command
    } else {
        Command::new("cargo")
    };
    command
        .args(["test", "--test", "e2e", "--", "--test-threads=1"])
        .env("DESK_E2E_APP", app)
        .env("DESK_E2E_TAURI_DRIVER", tauri_driver_path());
    run_suite(
        "End-to-end suite (real window via tauri-driver)",
        root,
        &mut command,
    )
}

fn tauri_driver_path() -> String {
    if cmd::on_path("tauri-driver") {
        "tauri-driver".to_owned()
    } else {
        prerequisites::cargo_bin("tauri-driver")
            .to_string_lossy()
            .into_owned()
    }
}

fn print_summary(outcomes: &[Outcome], seconds: f64) {
    println!("\n==> Summary");
    println!("fmt, wasm build of the UI, clippy (host and wasm): ok");
    for outcome in outcomes {
        println!(
            "{:<52} {:>4} passed {:>3} failed {:>3} ignored  {:>6.1} s  {}",
            outcome.name,
            outcome.passed,
            outcome.failed,
            outcome.ignored,
            outcome.seconds,
            if outcome.succeeded { "ok" } else { "FAILED" }
        );
    }
    let passed: u32 = outcomes.iter().map(|outcome| outcome.passed).sum();
    let failed: u32 = outcomes.iter().map(|outcome| outcome.failed).sum();
    println!("cargo xtask test took {:.0} s", seconds);
    println!("{passed} passed, {failed} failed");
}
