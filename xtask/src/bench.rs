//! `cargo xtask bench`: prints performance figures. Benchmarks print; tests never
//! assert on wall-clock time.

use anyhow::Result;

use crate::{cmd, workspace_root};

pub fn bench() -> Result<()> {
    let root = workspace_root();
    cmd::step("argon2id timing (argon2 is built with opt-level 3 even in the dev profile)");
    // No -p: the same package selection as every other build, so nothing is rebuilt.
    cmd::run(
        &root,
        "cargo",
        ["run", "--quiet", "--example", "argon2_timing"],
    )
}
