//! `cargo xtask run [--release]`: builds everything and opens the app on the default
//! store; the build profiles the app can be made with.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::prerequisites::{self, Purpose};
use crate::{cmd, ui, workspace_root};

/// A cargo profile the app can be built with.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    pub name: &'static str,
    /// The folder under `target/` it builds into.
    pub dir: &'static str,
}

/// The test profile: what `cargo xtask test` builds and every suite runs, and what
/// `cargo xtask run` opens. Measured against the others (`cargo xtask bench profiles`):
/// as fast where a person can tell (list pages well inside a frame, the same start-up
/// and memory), with the shortest first build, and nothing to build again after the
/// tests.
pub const DEV: Profile = Profile {
    name: "dev",
    dir: "debug",
};

/// Dev with every dependency optimised: measured, not chosen (the longest cold build).
pub const DEV_OPT_DEPS: Profile = Profile {
    name: "dev-opt-deps",
    dir: "dev-opt-deps",
};

/// The real release: everything optimised; what the package holds.
pub const RELEASE: Profile = Profile {
    name: "release",
    dir: "release",
};

pub fn run(args: &[String]) -> Result<()> {
    let profile = match args.first().map(String::as_str) {
        None => DEV,
        Some("--release") => RELEASE,
        Some(other) => bail!("unknown option {other:?}: cargo xtask run [--release]"),
    };
    let root = workspace_root();
    prerequisites::ensure(Purpose::Run)?;
    ui::build(&root)?;
    let binary = build_app(&root, profile)?;
    cmd::step("Starting Customer Desk");
    cmd::run(&root, &binary.to_string_lossy(), std::iter::empty::<&str>())
}

/// Builds the app's binary with `profile` and returns its path.
pub fn build_app(root: &Path, profile: Profile) -> Result<PathBuf> {
    cmd::step(&format!(
        "Building Customer Desk (profile {})",
        profile.name
    ));
    // The same package selection as `cargo xtask test` builds (the default members),
    // so cargo resolves the same features and shares what it can.
    cmd::run(
        root,
        "cargo",
        ["build", "--bin", "customer-desk", "--profile", profile.name],
    )?;
    Ok(root.join("target").join(profile.dir).join(binary_name()))
}

/// The app's executable name on this OS.
pub fn binary_name() -> String {
    format!("customer-desk{}", std::env::consts::EXE_SUFFIX)
}
