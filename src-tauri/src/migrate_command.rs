//! `customer-desk migrate --database-url postgres://owner@host/db`: sets up or upgrades
//! a shared store's schema from a script, with the schema owner's login (the password
//! from the URL or `PGPASSWORD`). Staff logins never change the schema; the app
//! refuses to open a store whose schema is older or newer than it knows.

use desk_store::postgres::{PostgresStore, known_schema_version};

/// What `customer-desk` was asked to do from the command line.
#[derive(Debug, PartialEq, Eq)]
pub enum CommandLine {
    /// Open the window (no arguments).
    Window,
    /// Set up or upgrade the database at this URL, then exit.
    Migrate {
        /// `postgres://…`.
        database_url: String,
    },
    /// Arguments that make no sense: say how to use it, then exit.
    Usage(String),
}

/// Reads the arguments after the program's name. Anything not starting with
/// `migrate` opens the window: launchers (WebDriver, desktop files) may add
/// arguments of their own.
pub fn parse(arguments: &[String]) -> CommandLine {
    match arguments {
        [] => CommandLine::Window,
        [command, ..] if command != "migrate" => CommandLine::Window,
        [command, flag, url] if command == "migrate" && flag == "--database-url" => {
            CommandLine::Migrate {
                database_url: url.clone(),
            }
        }
        [command, setting] if command == "migrate" && setting.starts_with("--database-url=") => {
            CommandLine::Migrate {
                database_url: setting["--database-url=".len()..].to_owned(),
            }
        }
        _ => CommandLine::Usage(
            "usage: customer-desk                                  open the app\n       \
             customer-desk migrate --database-url URL   set up or upgrade a shared \
             Postgres store\n                                              with its \
             owner's login (password in the URL or PGPASSWORD)"
                .to_owned(),
        ),
    }
}

/// Runs the migration and says what it did; the process's exit code.
pub fn migrate(database_url: &str) -> i32 {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("customer-desk: cannot start: {error}");
            return 1;
        }
    };
    if !database_url.starts_with("postgres://") && !database_url.starts_with("postgresql://") {
        eprintln!(
            "customer-desk: migrate is for shared Postgres stores (postgres://…); a local \
             SQLite store is brought up to date when the app opens it"
        );
        return 2;
    }
    match runtime.block_on(PostgresStore::migrate_url(database_url)) {
        Ok(upgrade) => {
            match upgrade.from {
                None => println!("Set up the database at schema version {}.", upgrade.to),
                Some(from) if from == upgrade.to => {
                    println!("The database is already at schema version {from}; nothing to do.")
                }
                Some(from) => println!(
                    "Upgraded the database from schema version {from} to {}.",
                    upgrade.to
                ),
            }
            0
        }
        Err(error) => {
            eprintln!(
                "customer-desk: could not set up the database (this build knows schema \
                 version {}): {error}",
                known_schema_version()
            );
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arguments(words: &[&str]) -> Vec<String> {
        words.iter().map(|word| (*word).to_owned()).collect()
    }

    #[test]
    fn both_spellings_of_the_url_are_understood() {
        let wanted = CommandLine::Migrate {
            database_url: "postgres://owner@db/desk".into(),
        };
        assert_eq!(
            parse(&arguments(&[
                "migrate",
                "--database-url",
                "postgres://owner@db/desk"
            ])),
            wanted
        );
        assert_eq!(
            parse(&arguments(&[
                "migrate",
                "--database-url=postgres://owner@db/desk"
            ])),
            wanted
        );
        assert_eq!(parse(&[]), CommandLine::Window);
        assert_eq!(parse(&arguments(&["--automation"])), CommandLine::Window);
        assert!(matches!(
            parse(&arguments(&["migrate"])),
            CommandLine::Usage(_)
        ));
    }
}
