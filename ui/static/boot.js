// Loads the wasm module built by `cargo xtask`; its `main` mounts the app. If loading
// fails, say so in the window instead of leaving it blank.
import init from "./desk_ui.js";
init({ module_or_path: new URL("./desk_ui_bg.wasm", import.meta.url) }).catch((error) => {
  const message = document.createElement("p");
  message.id = "boot-error";
  message.className = "banner error";
  message.textContent = `Customer Desk could not start its screens: ${error}`;
  document.body.replaceChildren(message);
});
