//! Times as the person reads them: in their own time zone, which only the webview
//! knows (the backend stores and sends UTC).

use chrono::{DateTime, FixedOffset, Utc};
use wasm_bindgen::JsValue;

/// `at` in the webview's time zone, e.g. "2026-05-01 14:30 (Europe/Zurich)".
pub fn local_date_time(at: DateTime<Utc>) -> String {
    // The offset of that very instant, so a date across a daylight-saving change is
    // still shown right.
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let east_seconds = -(date.get_timezone_offset() as i32) * 60;
    let offset = FixedOffset::east_opt(east_seconds)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero is a valid offset"));
    let zone = time_zone_name().unwrap_or_else(|| format!("UTC{offset}"));
    format!(
        "{} ({zone})",
        at.with_timezone(&offset).format("%Y-%m-%d %H:%M")
    )
}

/// The IANA name of the webview's time zone, e.g. `Europe/Zurich`.
fn time_zone_name() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()?
        .as_string()
}
