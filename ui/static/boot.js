// Loads the wasm module built by `cargo xtask`; its `main` mounts the app.
import init from "./desk_ui.js";
init({ module_or_path: new URL("./desk_ui_bg.wasm", import.meta.url) });
