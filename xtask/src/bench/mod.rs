//! `cargo xtask bench [argon2 | startup | delivery | customers | groups | companies | invitations |
//! profiles]`: prints
//! performance figures.
//! Benchmarks print; tests never assert on wall-clock time. With no argument, the
//! quick ones run (argon2 and startup); `profiles` takes half an hour of cold builds.

mod profiles;
mod startup;

use anyhow::{Result, bail};

use crate::{cmd, workspace_root};

pub fn bench(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        None => {
            argon2()?;
            startup::startup(&[])
        }
        Some("argon2") => argon2(),
        Some("startup") => startup::startup(&args[1..]),
        Some("delivery") => delivery(&args[1..]),
        Some("customers") => customers(&args[1..]),
        Some("groups") => groups(&args[1..]),
        Some("companies") => companies(&args[1..]),
        Some("invitations") => invitations(),
        Some("profiles") => profiles::profiles(),
        Some(other) => {
            bail!(
                "unknown benchmark {other:?}: argon2, startup, delivery, customers, groups, companies, \
                 invitations or profiles"
            )
        }
    }
}

fn argon2() -> Result<()> {
    let root = workspace_root();
    cmd::step("argon2id timing (argon2 is built with opt-level 3 even in the dev profile)");
    // No -p: the same package selection as every other build, so nothing is rebuilt.
    cmd::run(
        &root,
        "cargo",
        ["run", "--quiet", "--example", "argon2_timing"],
    )
}

/// Outbox delivery to an SMTP server on loopback, on SQLite and on a throwaway Postgres
/// cluster, against plain SMTP sends in the same run (tests/examples/delivery_bench.rs).
fn delivery(args: &[String]) -> Result<()> {
    let root = workspace_root();
    cmd::step("Outbox delivery throughput (SQLite and Postgres)");
    cmd::run(
        &root,
        "cargo",
        ["build", "--quiet", "--example", "delivery_bench"],
    )?;
    let cluster = crate::postgres::TestCluster::start()?;
    let mut command = std::process::Command::new("cargo");
    command
        .args(["run", "--quiet", "--example", "delivery_bench", "--"])
        .args(args)
        .env("DESK_TEST_POSTGRES_URL", cluster.admin_url())
        .current_dir(&root);
    cmd::run_command(&mut command)
}

/// An invitation file of 10,000 addresses checked and previewed, app against raw, on
/// SQLite and a throwaway Postgres cluster (tests/examples/invitations_bench.rs).
fn invitations() -> Result<()> {
    let root = workspace_root();
    cmd::step("Invitation file of 10,000 addresses (SQLite and Postgres)");
    cmd::run(
        &root,
        "cargo",
        ["build", "--quiet", "--example", "invitations_bench"],
    )?;
    let cluster = crate::postgres::TestCluster::start()?;
    let mut command = std::process::Command::new("cargo");
    command
        .args(["run", "--quiet", "--example", "invitations_bench"])
        .env("DESK_TEST_POSTGRES_URL", cluster.admin_url())
        .current_dir(&root);
    cmd::run_command(&mut command)
}

/// B2B companies: 100,000 companies and a million customers as their members
/// (tests/examples/customers_bench/companies.rs), app against raw SQL on SQLite.
fn companies(args: &[String]) -> Result<()> {
    let mut with_companies = vec!["--companies".to_owned()];
    with_companies.extend(args.iter().cloned());
    customers(&with_companies)
}

/// Customer groups at a million customers (tests/examples/customers_bench/groups.rs),
/// on the same seeded stores as `customers`.
fn groups(args: &[String]) -> Result<()> {
    let mut with_groups = vec!["--groups".to_owned()];
    with_groups.extend(args.iter().cloned());
    customers(&with_groups)
}

/// The customer list at a million (tests/examples/customers_bench/main.rs): the app's own
/// functions against the same SQL through plain sqlx, on SQLite (a seeded file kept
/// in target/bench) and on a throwaway Postgres cluster, printed side by side.
fn customers(args: &[String]) -> Result<()> {
    let root = workspace_root();
    cmd::step("Customer list at a million (SQLite and Postgres)");
    cmd::run(
        &root,
        "cargo",
        ["build", "--quiet", "--example", "customers_bench"],
    )?;
    let cluster = crate::postgres::TestCluster::start()?;
    let mut command = std::process::Command::new("cargo");
    command
        .args(["run", "--quiet", "--example", "customers_bench", "--"])
        .args(args)
        .env("DESK_TEST_POSTGRES_URL", cluster.admin_url())
        .current_dir(&root);
    cmd::run_command(&mut command)
}
