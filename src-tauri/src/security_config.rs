//! Tests that pin the security baseline in the configuration files, so a later edit
//! cannot quietly loosen it: the CSP forbids `eval` and remote origins, and the main
//! window's capability grants exactly the app's own commands.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    fn read_json(path: &str) -> Value {
        let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&full).unwrap_or_else(|error| panic!("{full}: {error}"));
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{full}: {error}"))
    }

    fn csp_directives() -> serde_json::Map<String, Value> {
        let config = read_json("../tauri.conf.json");
        config["app"]["security"]["csp"]
            .as_object()
            .cloned()
            .expect("the CSP is set, as an object of directives")
    }

    #[test]
    fn the_csp_never_allows_eval_or_inline_scripts() {
        for (directive, sources) in csp_directives() {
            let sources = sources.as_str().expect("directive sources are a string");
            for source in sources.split_whitespace() {
                assert!(
                    !matches!(source, "'unsafe-eval'" | "'unsafe-inline'" | "*" | "data:")
                        || (directive == "img-src" && source == "data:"),
                    "{directive} allows {source}"
                );
            }
        }
    }

    #[test]
    fn the_csp_names_no_remote_origin() {
        for (directive, sources) in csp_directives() {
            for source in sources.as_str().unwrap_or_default().split_whitespace() {
                let remote = source.starts_with("https:") || source.starts_with("http:");
                assert!(
                    !remote || source == "http://ipc.localhost",
                    "{directive} allows the remote origin {source}"
                );
            }
        }
    }

    #[test]
    fn the_main_window_is_granted_exactly_the_apps_commands_and_the_save_dialog() {
        let capability = read_json("capabilities/main.json");
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        let granted: BTreeSet<String> = capability["permissions"]
            .as_array()
            .expect("a permission list")
            .iter()
            .map(|permission| permission.as_str().expect("plain identifiers").to_owned())
            .collect();
        let mut expected: BTreeSet<String> = desk_domain::commands::ALL
            .iter()
            .map(|command| format!("allow-{}", command.replace('_', "-")))
            .collect();
        // Only the save dialog, for "Export personal data": no open dialog, no
        // message boxes, no file system.
        expected.insert("dialog:allow-save".to_owned());
        assert_eq!(granted, expected);
    }

    #[test]
    fn the_window_loads_only_the_embedded_ui() {
        let config = read_json("../tauri.conf.json");
        assert_eq!(config["build"]["frontendDist"], "ui/dist");
        assert!(config["build"].get("devUrl").is_none(), "no dev server URL");
        for window in config["app"]["windows"].as_array().expect("windows") {
            assert!(
                window.get("url").is_none(),
                "windows open the embedded index.html"
            );
        }
    }
}
