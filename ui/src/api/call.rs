use desk_domain::DeskError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Tauri's `invoke`, exposed because `withGlobalTauri` is on. `catch` turns a rejected
    /// promise into `Err` instead of a panic.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(command: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// The arguments of a command that takes none.
#[derive(Serialize)]
pub struct NoArgs {}

/// The arguments of a command that takes one `input` (most of them).
#[derive(Serialize)]
pub struct Input<'a, T> {
    /// The form's value.
    pub input: &'a T,
}

/// Dispatched on `window` when any command answers "not signed in" (signed out
/// elsewhere, deactivated, or idle too long), so the app can show the sign-in screen.
pub const SIGNED_OUT_EVENT: &str = "desk-signed-out";

/// Calls `command` with `args` and decodes its answer; a failure comes back as the
/// backend's own [`DeskError`].
pub async fn invoke<A: Serialize, R: DeserializeOwned>(
    command: &str,
    args: &A,
) -> Result<R, DeskError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = args
        .serialize(&serializer)
        .map_err(|error| local_failure(command, &error.to_string()))?;
    match tauri_invoke(command, args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|error| local_failure(command, &error.to_string())),
        Err(rejection) => {
            let error = serde_wasm_bindgen::from_value::<DeskError>(rejection.clone())
                .unwrap_or_else(|_| {
                    // Not one of ours: Tauri itself refused (e.g. a missing permission).
                    local_failure(command, &format!("{rejection:?}"))
                });
            if error == DeskError::NotSignedIn {
                announce_signed_out();
            }
            Err(error)
        }
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
    js_date_now() as u64
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn js_date_now() -> f64;
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
