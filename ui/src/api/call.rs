use desk_domain::rpc::ARGS_KEY;
use desk_domain::{DeskError, Rpc};
use serde::ser::{Serialize, SerializeMap, Serializer};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Tauri's `invoke`, exposed because `withGlobalTauri` is on. `catch` turns a rejected
    /// promise into `Err` instead of a panic.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(command: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// Dispatched on `window` when any command answers "not signed in" (signed out
/// elsewhere, deactivated, or idle too long), so the app can show the sign-in screen.
pub const SIGNED_OUT_EVENT: &str = "desk-signed-out";

/// Runs the backend command `command` and decodes its answer; a failure comes back as
/// the backend's own [`DeskError`]. The command's name and answer type come from its
/// [`Rpc`] implementation, so no call site spells a name or an argument.
pub async fn call<C: Rpc>(command: &C) -> Result<C::Output, DeskError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = Args(command)
        .serialize(&serializer)
        .map_err(|error| local_failure(C::NAME, &error.to_string()))?;
    match tauri_invoke(C::NAME, args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|error| local_failure(C::NAME, &error.to_string())),
        Err(rejection) => {
            let error = serde_wasm_bindgen::from_value::<DeskError>(rejection.clone())
                .unwrap_or_else(|_| {
                    // Not one of ours: Tauri itself refused (e.g. a missing permission).
                    local_failure(C::NAME, &format!("{rejection:?}"))
                });
            if error == DeskError::NotSignedIn {
                announce_signed_out();
            }
            Err(error)
        }
    }
}

/// `{ "args": command }`: Tauri hands a command its arguments by name, and every
/// command takes exactly one, named [`ARGS_KEY`] on both sides.
struct Args<'a, C>(&'a C);

impl<C: Serialize> Serialize for Args<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(ARGS_KEY, self.0)?;
        map.end()
    }
}

/// A failure on the UI side of the bridge, logged to the webview console under a
/// reference the person can quote.
fn local_failure(command: &str, cause: &str) -> DeskError {
    let correlation_id = format!("ui-{}", js_sys_now_ms());
    web_sys_console_error(&format!("{command} failed ({correlation_id}): {cause}"));
    DeskError::Internal { correlation_id }
}

fn js_sys_now_ms() -> u64 {
    // Date.now() is enough to tell two reports apart; it is not an identifier.
    js_sys::Date::now() as u64
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn web_sys_console_error(message: &str);
}

fn announce_signed_out() {
    if let Some(window) = web_sys::window()
        && let Ok(event) = web_sys::Event::new(SIGNED_OUT_EVENT)
    {
        let _ = window.dispatch_event(&event);
    }
}

/// The save dialog's options, as the dialog plugin reads them.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SaveDialog<'a> {
    default_path: &'a str,
    filters: [SaveFilter<'a>; 1],
}

#[derive(serde::Serialize)]
struct SaveFilter<'a> {
    name: &'a str,
    extensions: [&'a str; 1],
}

#[derive(serde::Serialize)]
struct SaveDialogArgs<'a> {
    options: SaveDialog<'a>,
}

/// Asks where to save a `kind` file (e.g. "JSON", extension `json`) with the system's
/// save dialog, suggesting `file_name`; `None` when the person cancels.
pub async fn choose_save_path(file_name: &str, kind: &str, extension: &str) -> Option<String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = SaveDialogArgs {
        options: SaveDialog {
            default_path: file_name,
            filters: [SaveFilter {
                name: kind,
                extensions: [extension],
            }],
        },
    }
    .serialize(&serializer)
    .ok()?;
    tauri_invoke("plugin:dialog|save", args)
        .await
        .ok()
        .and_then(|path| path.as_string())
}
