//! `cargo xtask bench profiles`: what each way of building the app costs and gives.
//! For the test profile (`dev`), `dev-opt-deps` (dev with optimised dependencies) and
//! `release`: the cold build of the app in a fresh target folder, an incremental
//! rebuild after touching desk-domain (every project crate rebuilds), and the window
//! benchmark on the result. The figures behind what `cargo xtask run` builds.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::prerequisites::{self, Purpose};
use crate::run::{DEV, DEV_OPT_DEPS, Profile, RELEASE, binary_name};
use crate::{cmd, ui, workspace_root};

use super::startup::window_bench;

/// Seconds of a cold and an incremental build.
#[derive(Debug)]
struct BuildTimes {
    profile: &'static str,
    cold: f64,
    incremental: f64,
}

pub fn profiles() -> Result<()> {
    let root = workspace_root();
    prerequisites::ensure(Purpose::Test)?;
    ui::build(&root)?;
    let mut table = Vec::new();
    for profile in [DEV, DEV_OPT_DEPS, RELEASE] {
        let target = root
            .join("target")
            .join("bench-profiles")
            .join(profile.name);
        if target.exists() {
            std::fs::remove_dir_all(&target).context("clearing the previous cold build")?;
        }
        let cold = timed_build(&root, &target, profile)?;
        touch(&root.join("crates/domain/src/lib.rs"))?;
        let incremental = timed_build(&root, &target, profile)?;
        table.push(BuildTimes {
            profile: profile.name,
            cold,
            incremental,
        });
        let app = target.join(profile.dir).join(binary_name());
        // The benchmark program itself is the test build each time, so its raw query
        // is the same yardstick for every profile.
        window_bench(&root, &app, DEV, &[])?;
        // Each cold target folder is several GB; keep only the binary's figures.
        std::fs::remove_dir_all(&target).context("removing the measured build")?;
    }
    println!("\nBuild times of the app (cargo build --bin customer-desk), 2 cores");
    println!("{:<10} {:>10} {:>16}", "profile", "cold s", "incremental s");
    for row in table {
        println!(
            "{:<10} {:>10.0} {:>16.1}",
            row.profile, row.cold, row.incremental
        );
    }
    Ok(())
}

fn timed_build(root: &Path, target: &Path, profile: Profile) -> Result<f64> {
    let started = Instant::now();
    cmd::run_command(
        Command::new("cargo")
            .args(["build", "--bin", "customer-desk", "--profile", profile.name])
            .env("CARGO_TARGET_DIR", target)
            .current_dir(root),
    )?;
    Ok(started.elapsed().as_secs_f64())
}

/// Marks `file` as changed, as an edit would.
fn touch(file: &Path) -> Result<()> {
    let handle = std::fs::File::options()
        .append(true)
        .open(file)
        .with_context(|| format!("opening {}", file.display()))?;
    handle
        .set_modified(std::time::SystemTime::now())
        .with_context(|| format!("touching {}", file.display()))
}
