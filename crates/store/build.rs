//! `sqlx::migrate!` embeds the migration files at compile time, but cargo does not
//! know it reads them: without this, a new or changed migration alone would not
//! rebuild the store, and tests would run the old schema.

fn main() {
    println!("cargo:rerun-if-changed=../../migrations/sqlite");
    println!("cargo:rerun-if-changed=../../migrations/postgres");
}
