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

/// The day of `at` in the webview's time zone, e.g. "2026-05-01".
pub fn local_date(at: DateTime<Utc>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// The instant the person's day `day` (`YYYY-MM-DD`, as a date input gives it)
/// starts, in their time zone; `None` for anything else.
pub fn local_day_start(day: &str) -> Option<DateTime<Utc>> {
    let date = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    let local = js_sys::Date::new_with_year_month_day(
        u32::try_from(date.year()).ok()?,
        i32::try_from(date.month0()).ok()?,
        i32::try_from(date.day()).ok()?,
    );
    DateTime::from_timestamp_millis(local.get_time() as i64)
}

/// Today in the webview's time zone, e.g. "2026-05-01" (for file names).
pub fn today() -> String {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
        .map(local_date)
        .unwrap_or_default()
}
