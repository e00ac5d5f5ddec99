//! Copying SQLite's write-ahead log back into the database file, in the background.
//!
//! By default the connection whose commit takes the log past 1,000 pages copies the
//! whole log into the file before its commit returns. After a save of 100,000 group
//! assignments that copy took 2 to 3 s of a 5 s save at a million customers, with the
//! person waiting for it. The store turns that off on its connections and copies
//! here instead, once a second, with whichever connection is idle: a commit returns
//! once its pages are in the log, as durable as before (the log is what WAL mode
//! recovers from; with `synchronous = NORMAL` the last commits may be lost on power
//! loss either way), and readers and writers go on while the copy runs (a passive
//! checkpoint never blocks them).

use std::time::Duration;

use sqlx::{Pool, Sqlite};

/// How often the log is copied back, at most.
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
pub(crate) struct Checkpoints(tokio::task::AbortHandle);

impl Drop for Checkpoints {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Starts copying `pool`'s log back into its file every `EVERY`, until the pool is
/// closed or the returned handle dropped. A round with no idle connection is skipped;
/// a failed one is retried next time (a copy that does not happen leaves the log
/// longer, never the data wrong).
pub(crate) fn start(pool: &Pool<Sqlite>) -> Checkpoints {
    let pool = pool.clone();
    let task = tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if pool.is_closed() {
                break;
            }
            let Some(mut connection) = pool.try_acquire() else {
                continue;
            };
            let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&mut *connection)
                .await;
        }
    });
    Checkpoints(task.abort_handle())
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
