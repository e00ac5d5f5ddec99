//! Windows and macOS, checked from Linux on every test run: the workspace is
//! type-checked and linted (`clippy --all-targets -D warnings`) for
//! `x86_64-pc-windows-gnu` with Debian's mingw-w64 C compiler, and for
//! `aarch64-apple-darwin` through cargo-zigbuild, whose zig toolchain carries the macOS
//! headers bundled SQLite needs (no Apple SDK can be had here). Nothing is linked: a
//! real Windows or macOS build happens on those systems (see README.md).
//!
//! The MSVC target is not used: it compiles here only with header tricks, and
//! cargo-xwin needs Microsoft's servers. The GNU target is the honest check.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::suites::{Outcome, run_check};
use crate::{cmd, prerequisites};

/// The zig toolchain and cargo-zigbuild, as PyPI wheels (prebuilt; nothing compiles).
/// Pinned, so that every run checks with the same toolchain.
const ZIGBUILD_WHEELS: &[&str] = &["ziglang==0.17.1", "cargo-zigbuild==0.24.0"];

/// A target checked from Linux, and how.
#[derive(Debug, Clone, Copy)]
pub struct Platform {
    pub name: &'static str,
    pub target: &'static str,
    /// Whether the check runs through cargo-zigbuild rather than plain cargo. One
    /// target must always use the same one: zigbuild's linker settings change every
    /// crate's fingerprint, so mixing them rebuilds the target from scratch.
    pub zig: bool,
}

pub const WINDOWS: Platform = Platform {
    name: "Windows (x86_64-pc-windows-gnu): clippy -D warnings",
    target: "x86_64-pc-windows-gnu",
    zig: false,
};

pub const MACOS: Platform = Platform {
    name: "macOS (aarch64-apple-darwin, zig): clippy -D warnings",
    target: "aarch64-apple-darwin",
    zig: true,
};

/// Installs the rust targets and, for the zig-based checks, the pinned wheels into a
/// virtual environment under `target/`. The mingw C compiler comes with the other
/// apt packages (see `prerequisites`).
pub fn ensure_tools(root: &Path) -> Result<()> {
    cmd::step("Tools for the Windows and macOS checks");
    for platform in [WINDOWS, MACOS] {
        prerequisites::ensure_rust_target(platform.target)?;
    }
    ensure_zigbuild(root)
}

/// The virtual environment that holds zig and cargo-zigbuild.
fn venv(root: &Path) -> PathBuf {
    root.join("target").join("zigbuild-venv")
}

fn ensure_zigbuild(root: &Path) -> Result<()> {
    let venv = venv(root);
    let marker = venv.join("desk-wheels.txt");
    let wanted = ZIGBUILD_WHEELS.join("\n");
    if std::fs::read_to_string(&marker).is_ok_and(|found| found == wanted) {
        println!(
            "zig and cargo-zigbuild: present ({})",
            ZIGBUILD_WHEELS.join(", ")
        );
        return Ok(());
    }
    let python = ["python3", "python"]
        .into_iter()
        .find(|program| cmd::on_path(program))
        .context("Python 3 is needed for the macOS check (zig comes as a PyPI wheel)")?;
    if venv.exists() {
        std::fs::remove_dir_all(&venv).context("clearing an outdated zigbuild venv")?;
    }
    cmd::run_command(
        Command::new(python)
            .args(["-m", "venv"])
            .arg(&venv)
            .current_dir(root),
    )?;
    let pip = venv.join("bin").join("pip");
    let mut install = Command::new(&pip);
    install
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .args(ZIGBUILD_WHEELS)
        .current_dir(root);
    cmd::run_command(&mut install)?;
    std::fs::write(&marker, wanted).context("recording the installed wheels")?;
    Ok(())
}

/// Lints the workspace (all but the wasm UI, which has its own check) for `platform`.
pub fn check(root: &Path, platform: Platform) -> Result<Outcome> {
    let args = [
        "clippy",
        "--target",
        platform.target,
        "--workspace",
        "--exclude",
        "desk-ui",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ];
    let mut command = if platform.zig {
        let bin = venv(root).join("bin");
        let zigbuild = bin.join("cargo-zigbuild");
        if !zigbuild.is_file() {
            bail!("cargo-zigbuild is missing from {}", bin.display());
        }
        let mut command = Command::new(zigbuild);
        // The venv's python first on PATH: that is where cargo-zigbuild finds zig.
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![bin];
        paths.extend(std::env::split_paths(&path));
        command.env("PATH", std::env::join_paths(paths)?);
        command
    } else {
        Command::new("cargo")
    };
    command.args(args);
    run_check(platform.name, root, &mut command)
}
