//! `cargo xtask run | test | bench | ui`: the project's two set-up commands and their helpers.
//! It installs what is missing on Debian/Ubuntu (and says what to install by hand
//! elsewhere), builds the UI and the app, and runs every suite with a summary.

mod bench;
mod bundle;
mod cmd;
mod platforms;
mod postgres;
mod prerequisites;
mod run;
mod seed;
mod suites;
mod test;
mod ui;

use std::path::PathBuf;

use anyhow::{Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

  run [--release]  install what is missing, build the UI and the app (the test
                   build; --release: the optimised one), open Customer Desk on the
                   embedded SQLite store (DESK_DATABASE_URL picks another one)
  test             install what is missing, then fmt, clippy, unit tests, the wasm
                   build, the store contract suite on SQLite and Postgres, the
                   end-to-end suite, the .deb installed and started, and clippy for
                   Windows and macOS
  bundle           build the release .deb (Debian/Ubuntu) into target/bundle/deb
  seed --customers N [--database-url URL]
                   add N deterministic, realistic customers (with addresses, notes
                   and attribute values) to the embedded SQLite store, or the store
                   at URL (sqlite://PATH or postgres://… as a superuser)
  bench [argon2 | startup [--release] [--customers N] | customers [--customers N] | groups [--customers N]
        | companies | invitations | profiles]
                   print performance figures: argon2id timing; start-up, memory and
                   list round trips of the real window; the customer list at a
                   million, app against raw SQL on SQLite and Postgres; build
                   profiles compared
  ui               build only the UI into ui/dist";

fn main() {
    if let Err(error) = dispatch() {
        eprintln!("xtask: {error:#}");
        std::process::exit(1);
    }
}

fn dispatch() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run::run(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("seed") => seed::seed(&args[1..]),
        Some("bundle") => bundle::command(&args[1..]),
        Some("test") => test::test(),
        Some("ui") => ui::build(&workspace_root()).map(|_| ()),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command {other:?}\n\n{USAGE}"),
    }
}

/// The workspace root: xtask's manifest sits one folder below it.
fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
