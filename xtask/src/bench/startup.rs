//! `cargo xtask bench startup [--release] [--customers N] [--pages N]`: start-up time,
//! memory and list round trips of the real app window (tests/examples/window_bench.rs),
//! on the build `cargo xtask run` gives a person (or the release build).

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::prerequisites::{self, Purpose};
use crate::run::{self, DEV, Profile, RELEASE};
use crate::{cmd, ui, workspace_root};

pub fn startup(args: &[String]) -> Result<()> {
    let (profile, rest) = match args.first().map(String::as_str) {
        Some("--release") => (RELEASE, &args[1..]),
        _ => (DEV, args),
    };
    let root = workspace_root();
    prerequisites::ensure(Purpose::Test)?;
    ui::build(&root)?;
    let app = run::build_app(&root, profile)?;
    window_bench(&root, &app, profile, rest)
}

/// Runs the window benchmark on `app`, on a virtual display where there is one to be
/// had (the same screen size as the end-to-end suite, and no desktop in the way). The
/// benchmark itself is built with `profile`: its raw query then runs with sqlx and
/// SQLite optimised as in the app it is compared with.
pub fn window_bench(root: &Path, app: &Path, profile: Profile, args: &[String]) -> Result<()> {
    // Built before the run, so its build is not part of what is measured.
    cmd::run(
        root,
        "cargo",
        [
            "build",
            "--example",
            "window_bench",
            "--profile",
            profile.name,
        ],
    )?;
    let bench = root
        .join("target")
        .join(profile.dir)
        .join("examples")
        .join(format!("window_bench{}", std::env::consts::EXE_SUFFIX));
    cmd::step(&format!("Window benchmark of {}", app.display()));
    let mut command = if cfg!(target_os = "linux") {
        let mut command = Command::new("xvfb-run");
        command
            .args(["-a", "-s", "-screen 0 1280x800x24"])
            .arg(&bench);
        command
    } else {
        Command::new(&bench)
    };
    command
        .args(args)
        .env("DESK_E2E_APP", app)
        .env("DESK_E2E_TAURI_DRIVER", prerequisites::tauri_driver())
        .current_dir(root);
    cmd::run_command(&mut command)
}
