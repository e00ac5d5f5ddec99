//! A throwaway Postgres cluster on a free loopback port for the store contract suite:
//! created before the suite, dropped after it (also when the suite fails).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::cmd;

/// A running throwaway cluster; dropping it stops and deletes it.
#[derive(Debug)]
pub struct TestCluster {
    port: u16,
    /// The superuser's password. TCP connections authenticate with SCRAM, as a real
    /// server's do, so the suites prove that a login's password is checked.
    password: String,
    kind: ClusterKind,
}

#[derive(Debug)]
enum ClusterKind {
    /// Made with Debian's `pg_createcluster` (as root, which `initdb` refuses to be).
    Debian { version: String, name: String },
    /// Made with `initdb` in a temporary folder (as an ordinary user).
    InitDb { bin: PathBuf, data: PathBuf },
}

impl TestCluster {
    /// Starts a cluster on 127.0.0.1 whose TCP connections authenticate with SCRAM
    /// (the superuser with a password made for this run); its Unix socket trusts the
    /// local account.
    pub fn start() -> Result<Self> {
        cmd::step("Starting a throwaway Postgres cluster");
        let port = free_port()?;
        let password = random_password();
        // initdb reads the superuser's password from a file, as the server's account.
        let password_file = std::env::temp_dir().join(format!("desk-test-pg-{port}.pw"));
        std::fs::write(&password_file, &password).context("writing the password file")?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&password_file, std::fs::Permissions::from_mode(0o644))?;
        }
        let pwfile = format!("--pwfile={}", password_file.display());
        let is_root = cmd::probe(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
        let cluster = if is_root && cmd::on_path("pg_createcluster") {
            let version = newest_debian_version()?;
            let name = format!("desk-test-{}", std::process::id());
            cmd::run(
                Path::new("/"),
                "pg_createcluster",
                [
                    version.as_str(),
                    name.as_str(),
                    "--port",
                    &port.to_string(),
                    "--start-conf",
                    "manual",
                    "--",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    &pwfile,
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
            )?;
            let cluster = Self {
                port,
                password: password.clone(),
                kind: ClusterKind::Debian { version, name },
            };
            let ClusterKind::Debian { version, name } = &cluster.kind else {
                unreachable!()
            };
            cmd::run(
                Path::new("/"),
                "pg_ctlcluster",
                [
                    version.as_str(),
                    name.as_str(),
                    "start",
                    "-o",
                    "-c listen_addresses=127.0.0.1 -c fsync=off",
                ],
            )?;
            cluster
        } else {
            let bin = postgres_bin_dir()?;
            let data = std::env::temp_dir().join(format!("desk-test-pg-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&data);
            cmd::run(
                Path::new("/"),
                &bin.join("initdb").to_string_lossy(),
                [
                    "-D",
                    &data.to_string_lossy(),
                    "-U",
                    "postgres",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    &pwfile,
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
            )?;
            let options = format!(
                "-p {port} -c listen_addresses=127.0.0.1 -c fsync=off -k {}",
                data.display()
            );
            cmd::run(
                Path::new("/"),
                &bin.join("pg_ctl").to_string_lossy(),
                [
                    "-D",
                    &data.to_string_lossy(),
                    "-o",
                    &options,
                    "-l",
                    &data.join("server.log").to_string_lossy(),
                    "-w",
                    "start",
                ],
            )?;
            Self {
                port,
                password: password.clone(),
                kind: ClusterKind::InitDb { bin, data },
            }
        };
        let _ = std::fs::remove_file(&password_file);
        cluster.wait_until_accepting()?;
        println!("Postgres is listening on 127.0.0.1:{port}");
        Ok(cluster)
    }

    /// A URL for the superuser's maintenance database; the suite creates one database
    /// per test from it.
    pub fn admin_url(&self) -> String {
        format!(
            "postgres://postgres:{}@127.0.0.1:{}/postgres",
            self.password, self.port
        )
    }

    fn wait_until_accepting(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!(
            "Postgres did not accept connections on port {} within 30 s",
            self.port
        )
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        println!("\n==> Dropping the throwaway Postgres cluster");
        let result = match &self.kind {
            ClusterKind::Debian { version, name } => cmd::run(
                Path::new("/"),
                "pg_dropcluster",
                [version.as_str(), name.as_str(), "--stop"],
            ),
            ClusterKind::InitDb { bin, data } => cmd::run(
                Path::new("/"),
                &bin.join("pg_ctl").to_string_lossy(),
                ["-D", &data.to_string_lossy(), "-m", "immediate", "stop"],
            )
            .and_then(|()| std::fs::remove_dir_all(data).context("removing the cluster folder")),
        };
        if let Err(error) = result {
            eprintln!("warning: could not remove the test cluster: {error:#}");
        }
    }
}

/// A password for this run's throwaway cluster, from the standard library's randomly
/// seeded hasher (it guards test data on loopback for a few minutes).
fn random_password() -> String {
    use std::hash::{BuildHasher, Hasher};
    let part = || {
        std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
    };
    format!("desk-{:016x}{:016x}", part(), part())
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// The newest Postgres major version installed under /usr/lib/postgresql.
fn newest_debian_version() -> Result<String> {
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .context("Postgres is not installed (no /usr/lib/postgresql)")?
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort_unstable();
    versions
        .last()
        .map(u32::to_string)
        .context("no Postgres version under /usr/lib/postgresql")
}

/// Where `initdb` and `pg_ctl` live: Debian's versioned folder, or PATH.
fn postgres_bin_dir() -> Result<PathBuf> {
    if let Ok(version) = newest_debian_version() {
        return Ok(Path::new("/usr/lib/postgresql").join(version).join("bin"));
    }
    let paths = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&paths)
        .find(|dir| dir.join("initdb").is_file())
        .context(
            "initdb was not found: install Postgres 15 or newer and put its bin folder on PATH",
        )
}
