//! A SQLite store's work after its commits, in the background, once a second:
//!
//! 1. **Entries recorded as sets** (`sql/audit_sets.rs`): each customer's own entry
//!    of a big change, a chunk per transaction, so a save of 100,000 assignments
//!    returns once the change and its set are in, not after 100,000 index inserts.
//! 2. **Copying the write-ahead log back into the database file.** By default the
//!    connection whose commit takes the log past 1,000 pages copies the whole log
//!    into the file before its commit returns. After a save of 100,000 group
//!    assignments that copy took 2 to 3 s of a 5 s save at a million customers, with
//!    the person waiting for it. The store turns that off on its connections and
//!    copies here instead, with whichever connection is idle: a commit returns once
//!    its pages are in the log, as durable as before (the log is what WAL mode
//!    recovers from; with `synchronous = NORMAL` the last commits may be lost on
//!    power loss either way), and readers and writers go on while the copy runs (a
//!    passive checkpoint never blocks them).

use std::time::Duration;

use sqlx::{Pool, Sqlite};

use crate::sql::audit_sets;

/// How long the write lock stays free after each chunk of entries written out: longer
/// than the longest wait of SQLite's busy handler between two tries.
const PAUSE_BETWEEN_CHUNKS: Duration = Duration::from_millis(120);

/// How often the task looks for work.
const EVERY: Duration = Duration::from_secs(1);

/// The pragmas every store connection gets: no copying at commit, and a log file cut
/// back to 64 MiB when it restarts (a big save would otherwise leave hundreds of MB).
pub(crate) const PRAGMAS: [(&str, &str); 2] = [
    ("wal_autocheckpoint", "0"),
    ("journal_size_limit", "67108864"),
];

/// Stops its task when the last handle of the store it belongs to is dropped, so a
/// store left behind (say, on switching profiles) closes its file.
#[derive(Debug)]
pub(crate) struct Background(tokio::task::AbortHandle);

impl Drop for Background {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Starts the work after commits on `pool` every `EVERY`, until the pool is closed
/// or the returned handle dropped. A round with no idle connection is skipped; a
/// failed one is retried next time (work that waits leaves the log longer or a
/// history to be written out when read, never the data wrong).
pub(crate) fn start(pool: &Pool<Sqlite>) -> Background {
    let pool = pool.clone();
    let task = tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if pool.is_closed() {
                break;
            }
            // A chunk at a time, pausing after each: a person's save waiting for the
            // write lock retries every few to 100 ms (SQLite's busy handler), and
            // must not find the next chunk holding it again each time.
            while pool.num_idle() > 0 {
                match audit_sets::write_out_chunk(&pool).await {
                    Ok(true) => tokio::time::sleep(PAUSE_BETWEEN_CHUNKS).await,
                    Ok(false) => break,
                    Err(error) => {
                        tracing::warn!(%error, "writing out audit entries recorded as sets");
                        break;
                    }
                }
            }
            let Some(mut connection) = pool.try_acquire() else {
                continue;
            };
            let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&mut *connection)
                .await;
        }
    });
    Background(task.abort_handle())
}

#[cfg(test)]
mod tests {
    use crate::sqlite::SqliteStore;

    #[tokio::test]
    async fn commits_leave_the_copy_to_the_background_which_makes_it_soon() {
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("desk.sqlite3");
        let store = SqliteStore::open_file(&path).await.expect("opens");
        let pool = &store.pool;
        let at_commit: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
            .fetch_one(pool)
            .await
            .expect("reads the pragma");
        assert_eq!(at_commit, 0, "no connection copies the log as it commits");
        sqlx::query("CREATE TABLE scratch (bytes BLOB NOT NULL)")
            .execute(pool)
            .await
            .expect("creates");
        let before = std::fs::metadata(&path).expect("the file").len();
        sqlx::query(
            "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1000) \
             INSERT INTO scratch SELECT randomblob(4000) FROM n",
        )
        .execute(pool)
        .await
        .expect("writes 4 MB");
        // The copier runs every second; give it ten before calling it stuck.
        let mut grown = false;
        for _ in 0..100 {
            if std::fs::metadata(&path).expect("the file").len() > before + 3_000_000 {
                grown = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(grown, "the 4 MB written reached the database file");
        store.close().await;
    }
}
