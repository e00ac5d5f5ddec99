//! How the window's webview draws. On Linux, WebKitGTK composites with the GPU by
//! default: a GL context in both the app and its web process, with the GL driver's
//! memory (Mesa's llvmpipe alone maps about 50 MB into each). Tables and forms gain
//! nothing from it, and `cargo xtask bench startup` shows software rendering trims
//! the process tree's memory by a fifth while pages are drawn as fast; it also keeps
//! the window clear of the blank-window bugs some GPU drivers have with WebKit's
//! DMA-BUF renderer. Windows (WebView2) and macOS (WKWebView) keep their defaults.

/// Applies the rendering settings to the main window's webview, before its first page.
pub fn configure<R: tauri::Runtime>(app: &tauri::App<R>) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager;
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};

        let Some(window) = app.get_webview_window("main") else {
            tracing::warn!("no main window to configure");
            return;
        };
        let applied = window.with_webview(|webview| {
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(error) = applied {
            tracing::warn!(%error, "could not set the webview's rendering policy");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
