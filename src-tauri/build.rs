//! Generates the Tauri context from the root `tauri.conf.json` and one `allow-*`
//! permission per app command. Naming the commands here switches Tauri from "every app
//! command is callable" to "only what a capability grants" (see capabilities/main.json).

fn main() {
    // The UI is embedded at compile time; tauri-build does not watch it, so rebuild
    // the shell whenever `cargo xtask` writes a new ui/dist.
    println!("cargo:rerun-if-changed=../ui/dist");
    let manifest = tauri_build::AppManifest::new().commands(desk_domain::commands::ALL);
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
