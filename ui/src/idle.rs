//! Signs out after the session's idle time without keyboard or pointer input, and
//! keeps the backend session alive while the person is active.

use std::time::Duration;

use desk_domain::commands::GetSessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::session::{Gate, SessionContext};

/// How often the idle clock is checked.
const CHECK_EVERY: Duration = Duration::from_secs(15);
/// Activity pings the backend at most this often (it refreshes the session there).
const HEARTBEAT_MS: f64 = 60_000.0;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Starts watching for activity; call once from `App`.
pub fn watch(context: SessionContext) {
    let last_input = StoredValue::new(now_ms());
    let last_heartbeat = StoredValue::new(now_ms());
    let on_activity = move || {
        let now = now_ms();
        last_input.set_value(now);
        let open = context
            .gate
            .with_untracked(|gate| matches!(gate, Gate::Open(_)));
        if open && now - last_heartbeat.get_value() > HEARTBEAT_MS {
            last_heartbeat.set_value(now);
            spawn_local(async move {
                let _ = api::call(&GetSessionState {}).await;
            });
        }
    };
    for event in ["keydown", "mousedown", "wheel", "touchstart"] {
        let handle = window_event_listener_untyped(event, move |_| on_activity());
        // The app lives as long as the window; the listeners do too.
        std::mem::forget(handle);
    }
    let interval = set_interval_with_handle(
        move || {
            let Gate::Open(session) = context.gate.get_untracked() else {
                last_input.set_value(now_ms());
                return;
            };
            let idle_minutes = context
                .idle_minutes
                .get_untracked()
                .unwrap_or(session.idle_timeout_minutes);
            let idle_ms = f64::from(idle_minutes) * 60_000.0;
            if now_ms() - last_input.get_value() > idle_ms {
                let minutes = match idle_minutes {
                    1 => "1 minute".to_owned(),
                    many => format!("{many} minutes"),
                };
                context.sign_out(Some(format!(
                    "You were signed out after {minutes} without activity."
                )));
            }
        },
        CHECK_EVERY,
    );
    std::mem::forget(interval);
}
