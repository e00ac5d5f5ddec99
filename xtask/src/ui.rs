//! Builds the Leptos UI into `ui/dist`, doing what trunk would: compile to wasm32,
//! generate the JS glue with the `wasm-bindgen` library pinned to the very version the
//! UI links against, and copy the static files beside it. No download, no extra tool.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cmd;

/// The cargo profile the wasm is built with (see the root Cargo.toml).
const PROFILE: &str = "ui";
const TARGET: &str = "wasm32-unknown-unknown";

/// Builds the UI and returns the `ui/dist` folder.
pub fn build(root: &Path) -> Result<PathBuf> {
    cmd::step("Building the UI (wasm32)");
    cmd::run(
        root,
        "cargo",
        [
            "build",
            "-p",
            "desk-ui",
            "--target",
            TARGET,
            "--profile",
            PROFILE,
        ],
    )?;
    let wasm = root
        .join("target")
        .join(TARGET)
        .join(PROFILE)
        .join("desk-ui.wasm");
    let dist = root.join("ui").join("dist");
    let staging = root.join("target").join("ui-dist-staging");
    if staging.exists() {
        fs::remove_dir_all(&staging).context("clearing the UI staging folder")?;
    }
    fs::create_dir_all(&staging)?;

    println!(
        "$ wasm-bindgen --target web --out-name desk_ui {}",
        wasm.display()
    );
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name("desk_ui")
        .web(true)?
        .typescript(false)
        .generate(&staging)
        .context("generating the wasm-bindgen glue")?;

    let static_dir = root.join("ui").join("static");
    for entry in fs::read_dir(&static_dir).context("reading ui/static")? {
        let entry = entry?;
        fs::copy(entry.path(), staging.join(entry.file_name()))
            .with_context(|| format!("copying {}", entry.path().display()))?;
    }
    // Swap in the new folder only once it is complete, so a failed build never leaves
    // the app embedding half a UI.
    if dist.exists() {
        fs::remove_dir_all(&dist).context("clearing ui/dist")?;
    }
    fs::rename(&staging, &dist).context("moving the UI into ui/dist")?;
    let size = fs::metadata(dist.join("desk_ui_bg.wasm"))
        .map(|meta| meta.len())
        .unwrap_or(0);
    println!("UI ready in {} (wasm {} KiB)", dist.display(), size / 1024);
    Ok(dist)
}
