//! Installs what the build and the suites need, where that can be done safely: Debian
//! and Ubuntu packages through apt, the wasm32 target through rustup, tauri-driver
//! through cargo. Elsewhere it prints what to install by hand.

use std::path::Path;
use std::process::Command;

use anyhow::{Result, bail};

use crate::cmd;

/// What the tools are needed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Building and opening the app.
    Run,
    /// Everything `Run` needs, plus Xvfb, WebKitWebDriver, tauri-driver and Postgres.
    Test,
}

/// Debian packages for building a Tauri 2 app with webkit2gtk 4.1.
const BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libssl-dev",
    "libgtk-3-dev",
    "libwebkit2gtk-4.1-dev",
    "libjavascriptcoregtk-4.1-dev",
    "libsoup-3.0-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libxdo-dev",
];

/// Debian packages the test suites add: a virtual display, the WebKit WebDriver that
/// tauri-driver drives, a Postgres server for the store contract suite, real keyrings
/// (GNOME Keyring on a private D-Bus session; the kernel keyring's keyctl), the mingw
/// C compiler for the Windows check, Python's venv for the zig wheels of the macOS
/// check, and the desktop-entry validator for the package check.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "postgresql",
    "dbus",
    "gnome-keyring",
    "keyutils",
    "gcc-mingw-w64-x86-64",
    "python3-venv",
    "desktop-file-utils",
];

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Makes sure everything `purpose` needs is installed.
pub fn ensure(purpose: Purpose) -> Result<()> {
    cmd::step("Checking prerequisites");
    match std::env::consts::OS {
        "linux" if is_debian_like() => ensure_debian_packages(purpose)?,
        "linux" => print_manual_linux(purpose),
        "macos" => print_manual_macos(purpose),
        "windows" => print_manual_windows(purpose),
        other => println!("No install recipe for {other}; see README.md for what is needed."),
    }
    ensure_rust_target(WASM_TARGET)?;
    if purpose == Purpose::Test {
        ensure_tauri_driver()?;
    }
    Ok(())
}

pub fn is_debian_like() -> bool {
    let release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    release.lines().any(|line| {
        let line = line.to_ascii_lowercase();
        (line.starts_with("id=") || line.starts_with("id_like="))
            && (line.contains("debian") || line.contains("ubuntu"))
    })
}

fn ensure_debian_packages(purpose: Purpose) -> Result<()> {
    let mut wanted: Vec<&str> = BUILD_PACKAGES.to_vec();
    if purpose == Purpose::Test {
        wanted.extend_from_slice(TEST_PACKAGES);
    }
    let missing: Vec<&str> = wanted
        .into_iter()
        .filter(|package| !dpkg_installed(package))
        .collect();
    if missing.is_empty() {
        println!("apt packages: all present");
        return Ok(());
    }
    println!("apt packages missing, installing: {}", missing.join(" "));
    let root = Path::new("/");
    let not_root = format!(
        "install these as root, then run again:\n  apt-get install {}",
        missing.join(" ")
    );
    cmd::run_command(
        as_root(&["apt-get", "update", "-q"], &not_root)?
            .env("DEBIAN_FRONTEND", "noninteractive")
            .current_dir(root),
    )?;
    cmd::run_command(
        as_root(
            &["apt-get", "install", "-y", "-q", "--no-install-recommends"],
            &not_root,
        )?
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .current_dir(root),
    )
}

/// `args` as a command that runs as root: directly when this is root, else through
/// sudo (which may ask for a password); neither: an error saying `otherwise`.
pub fn as_root(args: &[&str], otherwise: &str) -> Result<Command> {
    let is_root = cmd::probe(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let mut command = if is_root {
        Command::new(args[0])
    } else if cmd::on_path("sudo") {
        println!("(not root: using sudo, which may ask for your password)");
        let mut command = Command::new("sudo");
        command.arg(args[0]);
        command
    } else {
        bail!("not root and no sudo: {otherwise}");
    };
    command.args(&args[1..]);
    Ok(command)
}

/// Whether the Debian package `package` is installed.
pub fn dpkg_installed(package: &str) -> bool {
    cmd::probe(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|status| status.contains("install ok installed"))
}

/// Adds the rust target `target` through rustup unless it is there.
pub fn ensure_rust_target(target: &str) -> Result<()> {
    let installed = cmd::probe(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed.lines().any(|line| line.trim() == target) {
        println!("rust target {target}: present");
        return Ok(());
    }
    if !cmd::on_path("rustup") {
        bail!("the {target} target is needed; install it with your Rust toolchain's installer");
    }
    cmd::run(Path::new("."), "rustup", ["target", "add", target])
}

fn ensure_tauri_driver() -> Result<()> {
    if cmd::probe(Command::new("tauri-driver").arg("--help")).is_some()
        || cargo_bin("tauri-driver").is_file()
    {
        println!("tauri-driver: present");
        return Ok(());
    }
    cmd::run(
        Path::new("."),
        "cargo",
        ["install", "--locked", "tauri-driver", "--version", "^2"],
    )
}

/// The tauri-driver to run: the one on PATH, else the one `cargo install` put in place.
pub fn tauri_driver() -> String {
    if cmd::on_path("tauri-driver") {
        "tauri-driver".to_owned()
    } else {
        cargo_bin("tauri-driver").to_string_lossy().into_owned()
    }
}

/// Where `cargo install` puts `program`.
fn cargo_bin(program: &str) -> std::path::PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .unwrap_or_default();
    cargo_home.join("bin").join(program)
}

fn print_manual_linux(purpose: Purpose) {
    println!(
        "This is not Debian or Ubuntu, so nothing is installed automatically. Install the \
         equivalents of: {}",
        BUILD_PACKAGES.join(" ")
    );
    if purpose == Purpose::Test {
        println!("and for the tests: {}", TEST_PACKAGES.join(" "));
    }
}

fn print_manual_macos(purpose: Purpose) {
    println!(
        "macOS: install by hand\n  \
         - Xcode command line tools: xcode-select --install\n  \
         - the wasm target is added below through rustup"
    );
    if purpose == Purpose::Test {
        println!(
            "  - Postgres 15 or newer (e.g. Homebrew's postgresql@15), with initdb and pg_ctl on PATH\n  \
             - end-to-end tests need a WebDriver for the system webview, which macOS lacks:\n    \
             they run on Linux (CI) only"
        );
    }
}

fn print_manual_windows(purpose: Purpose) {
    println!(
        "Windows: install by hand\n  \
         - Visual Studio Build Tools with the \"Desktop development with C++\" workload\n  \
         - the WebView2 runtime (built into Windows 11)"
    );
    if purpose == Purpose::Test {
        println!(
            "  - Postgres 15 or newer, with initdb and pg_ctl on PATH\n  \
             - Microsoft Edge WebDriver matching your WebView2 version (msedgedriver.exe) on PATH"
        );
    }
}
