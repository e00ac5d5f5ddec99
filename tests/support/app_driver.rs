//! Drives the real Customer Desk binary in its real WebKit webview: tauri-driver starts
//! the app and proxies WebDriver to WebKitWebDriver; the tests talk to it through
//! fantoccini. Each [`AppHarness`] owns a fresh data folder, so the app starts on a new
//! SQLite store, and can launch the app several times on it (restarts).

use std::net::{TcpListener, TcpStream};
#[cfg(unix)]
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// Set by `cargo xtask test`: the app binary to drive.
pub const APP_VAR: &str = "DESK_E2E_APP";
/// Set by `cargo xtask test`: the tauri-driver executable.
pub const DRIVER_VAR: &str = "DESK_E2E_TAURI_DRIVER";

/// The app's (and tauri-driver's) log in the data folder.
const LOG_FILE: &str = "app.log";

/// How long a flow waits for the UI to show something before failing.
const PATIENCE: Duration = Duration::from_secs(15);

/// A data folder the app can be launched on, again and again.
#[derive(Debug)]
pub struct AppHarness {
    data_dir: tempfile::TempDir,
}

impl Default for AppHarness {
    fn default() -> Self {
        Self::new()
    }
}

impl AppHarness {
    /// A harness with a new, empty data folder.
    pub fn new() -> Self {
        Self {
            data_dir: tempfile::tempdir().expect("temporary data folder"),
        }
    }

    /// The data folder (store, profiles file, log).
    pub fn data_dir(&self) -> &std::path::Path {
        self.data_dir.path()
    }

    fn log_file(&self) -> Stdio {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.data_dir.path().join(LOG_FILE))
            .map(Stdio::from)
            .unwrap_or_else(|_| Stdio::inherit())
    }

    /// The SQLite file the app uses in this harness's data folder.
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.path().join("customer-desk.sqlite3")
    }

    /// Starts the app through a new tauri-driver and waits until its first screen
    /// (set-up, sign-in, or the signed-in shell) is shown.
    pub async fn launch(&self) -> RunningApp {
        self.launch_with_env(&[]).await
    }

    /// [`Self::launch`] with extra environment for the app (e.g. no session bus, to
    /// see how it behaves without a keyring).
    pub async fn launch_with_env(&self, env: &[(&str, &str)]) -> RunningApp {
        let app = env_path(APP_VAR);
        let driver_program = env_path(DRIVER_VAR);
        let port = free_port();
        let native_port = free_port();
        // The app inherits tauri-driver's environment: that is how it gets the data folder.
        let mut command = Command::new(&driver_program);
        // Its own process group, so stopping it also stops the WebKitWebDriver and the
        // app it started (killing tauri-driver alone would orphan them).
        #[cfg(unix)]
        command.process_group(0);
        let driver = command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .env("DESK_DATA_DIR", self.data_dir.path())
            .env_remove("DESK_DATABASE_URL")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            // The app's log lands in its data folder, so the secret-leak check reads it
            // too; a failing test prints it.
            .stderr(self.log_file())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {}: {error}", driver_program.display()));
        let mut running = RunningApp {
            driver,
            client: None,
            startup: Duration::ZERO,
            log: self.data_dir.path().join(LOG_FILE),
        };
        wait_for_port(port);

        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".to_owned(),
            serde_json::json!({ "application": app }),
        );
        // Launch is the session request: WebKitWebDriver starts the app for it.
        let launched = Instant::now();
        let client = ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with the app");
        running.client = Some(client);
        let first_screen = running
            .client()
            .wait()
            .at_most(PATIENCE)
            .every(Duration::from_millis(10))
            .for_element(Locator::Css("#setup-submit, #signin-submit, #sign-out"))
            .await;
        running.startup = launched.elapsed();
        if let Err(error) = first_screen {
            // Say what the window shows instead, for whoever reads a CI log.
            let source = running.client().source().await.unwrap_or_default();
            panic!("the app showed no first screen within {PATIENCE:?} ({error}); page: {source}");
        }
        running
    }
}

/// The app, running under tauri-driver. Call [`RunningApp::quit`] to close it cleanly;
/// dropping it (e.g. when a test panics) kills the driver.
#[derive(Debug)]
pub struct RunningApp {
    driver: Child,
    client: Option<Client>,
    /// From the session request that launched the app to its first screen's button.
    startup: Duration,
    log: PathBuf,
}

impl RunningApp {
    /// The WebDriver session.
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("session is open")
    }

    /// How long the app took from launch to its first interactive screen (set-up,
    /// sign-in or the signed-in shell, with its button in place), as seen from outside.
    pub fn startup(&self) -> Duration {
        self.startup
    }

    /// The memory of the app and the WebKit processes it started, where the OS tells.
    pub fn memory(&self) -> Option<crate::process_tree::TreeMemory> {
        let app = std::env::var_os(APP_VAR).map(PathBuf::from)?;
        let name = app.file_name()?.to_string_lossy().into_owned();
        // Linux keeps only the first 15 bytes of a process's name.
        let name: String = name.chars().take(15).collect();
        crate::process_tree::memory_of_descendant(self.driver.id(), &name)
    }

    /// Waits for the element `css` to exist and returns it.
    pub async fn element(&self, css: &str) -> Element {
        self.client()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("no element {css} within {PATIENCE:?}: {error}"))
    }

    /// Replaces the text of the input `css` with `text`, as a person typing would.
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.element(css).await;
        self.scroll_to(&input).await;
        input.clear().await.expect("clears the input");
        input.send_keys(text).await.expect("types into the input");
    }

    /// Clicks the element `css`, scrolled into view first as a person would scroll
    /// to it (WebKitWebDriver does not scroll nested panes such as a long form's).
    pub async fn click(&self, css: &str) {
        let element = self.element(css).await;
        self.scroll_to(&element).await;
        element.click().await.expect("clicks");
    }

    /// Scrolls `element` to the middle of its pane, as a person would before using it.
    pub async fn scroll_to(&self, element: &Element) {
        let as_argument = serde_json::to_value(element).expect("an element reference");
        self.client()
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![as_argument],
            )
            .await
            .expect("scrolls to the element");
    }

    /// Waits until the text of `css` contains `expected`; returns the whole text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        self.wait_for_text_within(css, expected, PATIENCE).await
    }

    /// [`Self::wait_for_text`] with another patience, for flows that take time.
    pub async fn wait_for_text_within(
        &self,
        css: &str,
        expected: &str,
        patience: Duration,
    ) -> String {
        let deadline = Instant::now() + patience;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(element) = self.client().find(Locator::Css(css)).await {
                last = element.text().await.unwrap_or_default();
                if last.contains(expected) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never contained {expected:?} within {patience:?}; last text: {last:?}");
    }

    /// The rows of the customer list as "Last | First | email | CUR" strings.
    pub async fn list_rows(&self) -> Vec<String> {
        let rows = self
            .client()
            .find_all(Locator::Css("#customer-list tbody tr"))
            .await
            .expect("queries the list");
        let mut texts = Vec::new();
        for row in rows {
            let cells = row
                .find_all(Locator::Css("td:not(.select)"))
                .await
                .expect("queries the cells");
            let mut parts = Vec::new();
            for cell in cells {
                parts.push(cell.text().await.expect("reads a cell"));
            }
            texts.push(parts.join(" | "));
        }
        texts
    }

    /// Calls a backend command straight from the page, bypassing the UI's own checks,
    /// and returns `{"ok": value}` or `{"err": error}`.
    pub async fn invoke(&self, command: &str, args: serde_json::Value) -> serde_json::Value {
        let script = "const [command, args, done] = arguments;\n\
             window.__TAURI__.core.invoke(command, args)\n\
               .then(value => done({ ok: value }), error => done({ err: error }));";
        self.client()
            .execute_async(script, vec![command.into(), args])
            .await
            .expect("runs the script in the page")
    }

    /// Ends the session, which closes the app, and stops the driver.
    pub async fn quit(mut self) {
        if let Some(client) = self.client.take() {
            client.close().await.expect("closes the session");
        }
        stop_group(&mut self.driver);
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        stop_group(&mut self.driver);
        if std::thread::panicking() {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            eprintln!(
                "--- app log ({}) ---\n{log}--- end of app log ---",
                self.log.display()
            );
        }
    }
}

/// Kills tauri-driver's whole process group (driver, WebKitWebDriver, app).
fn stop_group(driver: &mut Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", driver.id())])
            .stderr(Stdio::null())
            .status();
    }
    let _ = driver.kill();
    let _ = driver.wait();
}

fn env_path(var: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
        panic!(
            "{var} is not set. Run the end-to-end suite with `cargo xtask test`, which builds \
             the app, installs tauri-driver and provides a display."
        )
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("tauri-driver did not listen on port {port} within 20 s");
}

/// The administrator every end-to-end test sets up first.
pub const ADMIN_EMAIL: &str = "ada.admin@example.com";
/// Their password.
pub const ADMIN_PASSWORD: &str = "violet kettle harbour";

impl RunningApp {
    /// Completes first-run set-up as [`ADMIN_EMAIL`] and waits for the signed-in shell.
    pub async fn set_up_admin(&self) {
        self.element("#setup-form").await;
        self.fill("#setup-email", ADMIN_EMAIL).await;
        self.fill("#setup-display_name", "Ada Admin").await;
        self.fill("#setup-password", ADMIN_PASSWORD).await;
        self.click("#setup-submit").await;
        self.wait_for_text("#signed-in-as", "Ada Admin").await;
    }

    /// Signs in through the form and waits for the shell.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.fill("#signin-email", email).await;
        self.fill("#signin-password", password).await;
        self.click("#signin-submit").await;
        self.element("#sign-out").await;
    }

    /// Signs in with a one-time password: the window asks for a new password before
    /// anything else; chooses `new_password` there and waits for the shell.
    pub async fn sign_in_with_one_time(&self, email: &str, one_time: &str, new_password: &str) {
        self.fill("#signin-email", email).await;
        self.fill("#signin-password", one_time).await;
        self.click("#signin-submit").await;
        self.choose_own_password(one_time, new_password).await;
    }

    /// On the "choose your own password" screen after a one-time password: fills it in
    /// and waits for the shell.
    pub async fn choose_own_password(&self, one_time: &str, new_password: &str) {
        self.element("#change-password-first").await;
        self.fill("#account-current_password", one_time).await;
        self.fill("#account-new_password", new_password).await;
        self.fill("#account-confirm_password", new_password).await;
        self.click("#change-password-submit").await;
        self.element("#sign-out").await;
    }

    /// Signs out and waits for the sign-in form.
    pub async fn sign_out(&self) {
        self.click("#sign-out").await;
        self.element("#signin-form").await;
    }

    /// Saves a PNG of the window as `{name}.png` in the folder `DESK_E2E_SCREENSHOTS`
    /// names, for people to look at; does nothing when it is not set.
    pub async fn screenshot(&self, name: &str) {
        let Some(folder) = std::env::var_os("DESK_E2E_SCREENSHOTS") else {
            return;
        };
        // The DOM a test just waited for may not be painted yet: let two frames pass,
        // so the picture shows what the assertions saw. WebKit sometimes delivers no
        // frame to a script run by the driver (seen right after a profile switch), so
        // the wait is bounded.
        let painted = self.client().execute_async(
            "const done = arguments[0]; \
             requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
            Vec::new(),
        );
        if tokio::time::timeout(Duration::from_secs(2), painted)
            .await
            .is_err()
        {
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        let path = PathBuf::from(folder).join(format!("{name}.png"));
        // The X server's picture (ImageMagick's `import`), as a person would see the
        // screen: WebKitWebDriver's own screenshot sometimes leaves the session hung.
        let taken = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .stderr(Stdio::null())
            .status();
        if !taken.is_ok_and(|status| status.success()) {
            eprintln!("screenshot {name}: `import` (ImageMagick) failed or is missing; skipped");
        }
    }

    /// Whether an element matching `css` exists right now (no waiting).
    pub async fn exists(&self, css: &str) -> bool {
        !self
            .client()
            .find_all(Locator::Css(css))
            .await
            .expect("queries the page")
            .is_empty()
    }
}
