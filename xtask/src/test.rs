//! `cargo xtask test`: every check and suite, in the order that fails fastest, with a
//! summary of which suites ran and how many tests passed.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::postgres::TestCluster;
use crate::prerequisites::{self, Purpose};
use crate::run::{DEV, binary_name};
use crate::suites::{Outcome, run_check, run_suite};
use crate::{bundle, cmd, platforms, ui, workspace_root};

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
    let app = root.join("target").join(DEV.dir).join(binary_name());

    let mut outcomes: Vec<Outcome> = Vec::new();
    outcomes.push(run_suite(
        "Unit tests (every crate)",
        &root,
        &mut cargo_test(&["--lib", "--bins"]),
    )?);
    outcomes.extend(run_keyring_suites(&root)?);
    outcomes.push(run_suite(
        "Store contract suite on SQLite",
        &root,
        &mut cargo_test(&["--test", "store_contract", "--", "sqlite::"]),
    )?);
    {
        // One throwaway cluster serves the contract, TLS and end-to-end suites; it is
        // dropped (stopped and deleted) when this block ends, pass or fail.
        let cluster = TestCluster::start()?;
        outcomes.push(run_suite(
            "Store contract suite on Postgres",
            &root,
            cargo_test(&["--test", "store_contract", "--", "postgres::"])
                .env("DESK_TEST_POSTGRES_URL", cluster.admin_url()),
        )?);
        outcomes.push(run_suite(
            "Role suite (each staff login tries every table with SQL)",
            &root,
            cargo_test(&["--test", "roles"]).env("DESK_TEST_POSTGRES_URL", cluster.admin_url()),
        )?);
        // Turns TLS on in the cluster with certificates it makes, and off again.
        outcomes.push(run_suite(
            "TLS suite (verify-full against the cluster, with a test CA)",
            &root,
            cargo_test(&["--test", "tls"]).env("DESK_TEST_POSTGRES_URL", cluster.admin_url()),
        )?);
        outcomes.push(run_e2e(
            &root,
            "End-to-end suite (real window via tauri-driver)",
            &app,
            &cluster.admin_url(),
            &[],
        )?);
        outcomes.extend(run_installed_package(&root, &app, &cluster.admin_url())?);
    }

    // Last, as they take longest and fail least: the same code linted for the other
    // two desktop systems.
    if std::env::consts::OS == "linux" {
        platforms::ensure_tools(&root)?;
        outcomes.push(platforms::check(&root, platforms::WINDOWS)?);
        outcomes.push(platforms::check(&root, platforms::MACOS)?);
    } else {
        println!("Windows and macOS checks: run from Linux (cross-compilers); skipped here.");
    }

    print_summary(&outcomes, started.elapsed().as_secs_f64());
    if outcomes.iter().any(|outcome| !outcome.succeeded) {
        bail!("some suites failed");
    }
    Ok(())
}

fn cargo_test(args: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    // Every crate's tests run even when one fails, so the counts are complete.
    command.args(["test", "--no-fail-fast"]).args(args);
    command
}

/// Shell words that unlock a fresh GNOME Keyring on the private session bus, then run
/// the rest of the command line.
const WITH_UNLOCKED_KEYRING: &str = "echo -n desk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec \"$@\"";

/// Runs `args` inside a private D-Bus session with an unlocked GNOME Keyring, with a
/// throwaway HOME (the keyring's files go there, not into the user's keyring).
fn in_keyring_session(args: &[&str]) -> Result<Command> {
    let home = std::env::temp_dir().join(format!("desk-keyring-home-{}", std::process::id()));
    std::fs::create_dir_all(&home)?;
    let mut command = Command::new("dbus-run-session");
    command
        .args(["--", "sh", "-c", WITH_UNLOCKED_KEYRING, "sh"])
        .args(args)
        .env("HOME", &home);
    // Cargo and rustup find their homes through HOME unless told: keep the real ones.
    if std::env::var_os("RUSTUP_HOME").is_none()
        && let Some(rustup_home) = cmd::probe(Command::new("rustup").args(["show", "home"]))
    {
        command.env("RUSTUP_HOME", rustup_home.trim());
    }
    if std::env::var_os("CARGO_HOME").is_none()
        && let Some(real_home) = std::env::var_os("HOME")
    {
        command.env("CARGO_HOME", Path::new(&real_home).join(".cargo"));
    }
    Ok(command)
}

/// The keyring integration tests against the real stores (Linux).
fn run_keyring_suites(root: &Path) -> Result<Vec<Outcome>> {
    if std::env::consts::OS != "linux" {
        println!("Keyring suites: Linux only (Secret Service and kernel keyring); skipped here.");
        return Ok(Vec::new());
    }
    let mut outcomes = Vec::new();
    let mut secret_service = in_keyring_session(&[
        "cargo",
        "test",
        "--test",
        "keyring",
        "--",
        "secret_service::",
    ])?;
    outcomes.push(run_suite(
        "Keyring: Secret Service (GNOME Keyring)",
        root,
        &mut secret_service,
    )?);
    let mut kernel = Command::new("keyctl");
    kernel.args([
        "session", "-", "cargo", "test", "--test", "keyring", "--", "kernel::",
    ]);
    outcomes.push(run_suite(
        "Keyring: kernel keyring (keyutils)",
        root,
        &mut kernel,
    )?);
    let mut unavailable = cargo_test(&["--test", "keyring", "--", "unavailable::"]);
    unavailable.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    outcomes.push(run_suite(
        "Keyring: none available",
        root,
        &mut unavailable,
    )?);
    Ok(outcomes)
}

/// The end-to-end suite drives the real app in a real WebKit webview through
/// tauri-driver, on a virtual display, with a real (throwaway) keyring. `filter`
/// narrows it to some tests.
fn run_e2e(
    root: &Path,
    name: &str,
    app: &Path,
    postgres_url: &str,
    filter: &[&str],
) -> Result<Outcome> {
    let mut cargo = vec!["cargo", "test", "--test", "e2e", "--", "--test-threads=1"];
    cargo.extend_from_slice(filter);
    let mut command = if std::env::consts::OS == "linux" {
        let mut args = vec!["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"];
        args.extend(&cargo);
        in_keyring_session(&args)?
    } else {
        let mut command = Command::new("cargo");
        command.args(&cargo[1..]);
        command
    };
    command
        .env("DESK_E2E_APP", app)
        .env("DESK_E2E_TAURI_DRIVER", prerequisites::tauri_driver())
        .env("DESK_E2E_POSTGRES_URL", postgres_url);
    run_suite(name, root, &mut command)
}

/// The first-run test that the end-to-end suite runs, repeated on the installed package.
const FIRST_RUN_TEST: &str =
    "sign_in::first_run_creates_the_administrator_and_later_runs_ask_to_sign_in";

/// Packs the app just built into a `.deb`, installs it with dpkg, checks its desktop
/// entry, and runs the first-run flow on the installed binary; then removes it again
/// (unless it was installed before this run).
fn run_installed_package(root: &Path, app: &Path, postgres_url: &str) -> Result<Vec<Outcome>> {
    if !prerequisites::is_debian_like() {
        println!("Package check: Debian and Ubuntu only (dpkg); skipped here.");
        return Ok(Vec::new());
    }
    let deb = bundle::build_deb(root, app)?;
    let installed_before = bundle::installed();
    let installed = run_check(
        "Package: the .deb installs with dpkg",
        root,
        &mut bundle::install_command(&deb)?,
    )?;
    let mut outcomes = vec![installed];
    if outcomes[0].succeeded {
        let entry = format!("/usr/share/applications/{}.desktop", bundle::PACKAGE);
        outcomes.push(run_check(
            "Package: its desktop entry validates",
            root,
            Command::new("desktop-file-validate").arg(&entry),
        )?);
        outcomes.push(run_e2e(
            root,
            "Package: the installed app starts on the set-up screen",
            &Path::new("/usr/bin").join(bundle::PACKAGE),
            postgres_url,
            &["--exact", FIRST_RUN_TEST],
        )?);
        if !installed_before {
            bundle::remove(root)?;
        }
    }
    Ok(outcomes)
}

fn print_summary(outcomes: &[Outcome], seconds: f64) {
    println!("\n==> Summary");
    println!("fmt, wasm build of the UI, clippy (host and wasm): ok");
    println!(
        "{:<56} {:>11} {:>10} {:>11}  {:>8}",
        "suite", "", "", "", "time"
    );
    for outcome in outcomes {
        let counts = if outcome.check {
            format!("{:>34}", "check")
        } else {
            format!(
                "{:>4} passed {:>3} failed {:>3} ignored",
                outcome.passed, outcome.failed, outcome.ignored
            )
        };
        println!(
            "{:<56} {counts}  {:>6.1} s  {}",
            outcome.name,
            outcome.seconds,
            if outcome.succeeded { "ok" } else { "FAILED" }
        );
    }
    let passed: u32 = outcomes.iter().map(|outcome| outcome.passed).sum();
    let failed: u32 = outcomes.iter().map(|outcome| outcome.failed).sum();
    println!("cargo xtask test took {:.0} s", seconds);
    println!("{passed} passed, {failed} failed");
}
