// Release builds on Windows get no console window behind the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use customer_desk::migrate_command::{self, CommandLine};

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    match migrate_command::parse(&arguments) {
        CommandLine::Window => customer_desk::run(),
        CommandLine::Migrate { database_url } => {
            std::process::exit(migrate_command::migrate(&database_url))
        }
        CommandLine::Usage(usage) => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}
