//! Generates the Tauri context from the root `tauri.conf.json`, one `allow-*`
//! permission per app command, and the main window's capability file granting exactly
//! those. Naming the commands switches Tauri from "every app command is callable" to
//! "only what a capability grants"; all of it comes from `desk_domain::commands::ALL`.

use std::path::Path;

fn main() {
    // The UI is embedded at compile time; tauri-build does not watch it, so rebuild
    // the shell whenever `cargo xtask` writes a new ui/dist.
    println!("cargo:rerun-if-changed=../ui/dist");
    write_capability(Path::new("capabilities/main.json"));
    let manifest = tauri_build::AppManifest::new().commands(desk_domain::commands::ALL);
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}

/// Writes the capability file (committed, so it can be reviewed) when its content
/// differs from what the command list implies.
fn write_capability(path: &Path) {
    let mut permissions: Vec<String> = desk_domain::commands::ALL
        .iter()
        .map(|command| format!("    \"allow-{}\"", command.replace('_', "-")))
        .collect();
    // The save dialog of "Export personal data" and "Export to CSV" (it only returns
    // the chosen path; the app's own command writes the file).
    permissions.push("    \"dialog:allow-save\"".to_owned());
    let text = format!(
        "{{\n  \"identifier\": \"main-window\",\n  \"description\": \"The main window may call \
         Customer Desk's own commands and the save dialog, nothing else: no other plugin, no \
         file system, no shell. Written by build.rs from desk_domain::commands::ALL.\",\n  \
         \"windows\": [\n    \"main\"\n  ],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    );
    if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str())
        && let Err(error) = std::fs::write(path, &text)
    {
        panic!("cannot write {}: {error}", path.display());
    }
}
