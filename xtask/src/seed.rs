//! `cargo xtask seed --customers N [--database-url URL]`: fills a store with
//! deterministic, realistic customers (see `crates/seed`). Without a URL it seeds the
//! app's embedded SQLite store, the one `cargo xtask run` opens.

use anyhow::Result;

use crate::{cmd, workspace_root};

pub fn seed(args: &[String]) -> Result<()> {
    let root = workspace_root();
    cmd::step("Seeding customers (crates/seed)");
    // The dev profile: the same build as `cargo xtask run`, with SQLite and the
    // collation and phone crates optimised (see Cargo.toml).
    cmd::run(
        &root,
        "cargo",
        ["run", "--quiet", "-p", "desk-seed", "--"]
            .into_iter()
            .map(str::to_owned)
            .chain(args.iter().cloned()),
    )
}
