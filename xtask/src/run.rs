//! `cargo xtask run`: builds everything and opens the app on the default store.

use anyhow::Result;

use crate::prerequisites::{self, Purpose};
use crate::{cmd, ui, workspace_root};

pub fn run() -> Result<()> {
    let root = workspace_root();
    prerequisites::ensure(Purpose::Run)?;
    ui::build(&root)?;
    cmd::step("Building and starting Customer Desk");
    // The same package selection as `cargo xtask test` builds (the default members),
    // so switching between the two rebuilds nothing shared.
    cmd::run(&root, "cargo", ["build", "--bin", "customer-desk"])?;
    let binary = root.join("target").join("debug").join(binary_name());
    cmd::run(&root, &binary.to_string_lossy(), std::iter::empty::<&str>())
}

/// The app's executable name on this OS.
pub fn binary_name() -> String {
    format!("customer-desk{}", std::env::consts::EXE_SUFFIX)
}
