//! The Attaché event store: an embedded SQLite database (WAL mode, versioned migrations) of
//!
//! * **documents** — id, date, source, url, title, text, text hash, near-duplicate link and the
//!   annotation layers (sentences, actors, times, places) used by the article view;
//! * **mentions** — one row per coded event record, with its offsets and full JSON record;
//! * **events** — the real-world events the mentions are merged into (see [`merge`] for the
//!   rule), with `num_mentions`, `num_sources`, `num_articles`, first and last seen and the set of
//!   attributions;
//! * **actors** and **places** — registries of what the mentions name.
//!
//! Writing happens in batches ([`Store::ingest`]), one transaction each: a process killed at any
//! moment leaves the database as it was after the last committed batch, and re-ingesting a
//! document id replaces that document's mentions (unchanged documents are skipped).

pub mod export;
mod ingest;
pub mod merge;
pub mod minhash;
mod query;
mod schema;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

pub use ingest::{BatchReport, ErrorRecord, Layers, NewDocument, Tag};
pub use query::{
    DayCount, DocumentRow, DocumentView, DyadCount, Edge, ErrorRow, EventRow, EventView, Filter,
    MapPoint, MentionRow, Network, Node, Order, Page, PlaceOut, Side, Stats, Totals, TypeCount,
};
pub use schema::current_version;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("invalid JSON in the database: {0}")]
    Json(#[from] serde_json::Error),
    #[error("database schema version {found} is newer than this program's ({known})")]
    TooNew { found: i64, known: i64 },
    #[error(
        "database schema version {found} is older than this program's ({known}); open it for \
         writing (attache ingest) to migrate it"
    )]
    TooOld { found: i64, known: i64 },
    #[error("invalid filter: {0}")]
    Filter(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A connection to an event store.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (creating if needed) a database for reading and writing, and migrate its schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Self::setup(conn)
    }

    /// Open an existing database read-only (the server's default).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "query_only", true)?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = schema::current_version();
        if found > known {
            return Err(StoreError::TooNew { found, known });
        }
        if found < known {
            return Err(StoreError::TooOld { found, known });
        }
        Ok(Store { conn })
    }

    /// A private in-memory database (tests, one-shot coding).
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.set_prepared_statement_cache_capacity(64);
        // WAL with synchronous=NORMAL: a committed batch survives a crash of the process; a
        // power loss can only lose the last batches, never leave a half-written one.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", false)?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = schema::current_version();
        if found > known {
            return Err(StoreError::TooNew { found, known });
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(Store { conn })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The underlying connection (read queries of your own).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Check the database file and the store's invariants; returns the problems found.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let ok: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" {
            problems.push(format!("integrity_check: {ok}"));
        }
        let checks = [
            (
                "mentions without a document",
                "SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.doc_id \
                 WHERE d.id IS NULL",
            ),
            (
                "mentions without an event",
                "SELECT count(*) FROM mentions m LEFT JOIN events e ON e.id = m.event_id \
                 WHERE e.id IS NULL",
            ),
            (
                "events without mentions",
                "SELECT count(*) FROM events e WHERE NOT EXISTS \
                 (SELECT 1 FROM mentions m WHERE m.event_id = e.id)",
            ),
            (
                "events whose size is wrong",
                "SELECT count(*) FROM events e WHERE size <> \
                 (SELECT count(*) FROM mentions m WHERE m.event_id = e.id)",
            ),
            (
                "documents whose mention count is wrong",
                "SELECT count(*) FROM documents d WHERE num_mentions <> \
                 (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id)",
            ),
            (
                "events missing from the key index",
                "SELECT count(*) FROM events e WHERE e.date_lo IS NOT NULL \
                 AND julianday(e.date_hi) - julianday(e.date_lo) < 31 AND NOT EXISTS \
                 (SELECT 1 FROM event_keys k WHERE k.event_id = e.id)",
            ),
            (
                "key index rows without an event",
                "SELECT count(*) FROM event_keys k LEFT JOIN events e ON e.id = k.event_id \
                 WHERE e.id IS NULL",
            ),
            (
                "mention actors without a mention",
                "SELECT count(*) FROM mention_actors a LEFT JOIN mentions m ON m.seq = a.mention \
                 WHERE m.seq IS NULL",
            ),
            (
                "events counting more articles than mentions",
                "SELECT count(*) FROM events WHERE num_articles > num_mentions \
                 OR num_articles < 1 OR num_sources < 1",
            ),
        ];
        for (what, sql) in checks {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_versions_are_checked() {
        let dir = std::env::temp_dir().join(format!("attache-store-mig-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.db");
        let _ = std::fs::remove_file(&path);
        {
            let s = Store::open(&path).unwrap();
            assert_eq!(s.schema_version().unwrap(), current_version());
        }
        // Re-opening does not re-run the migrations.
        let s = Store::open(&path).unwrap();
        assert!(s.check().unwrap().is_empty());
        drop(s);
        let r = Store::open_read_only(&path).unwrap();
        assert_eq!(r.schema_version().unwrap(), current_version());
        drop(r);
        // A database from the future is refused.
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", 99).unwrap();
        }
        assert!(matches!(
            Store::open(&path),
            Err(StoreError::TooNew { found: 99, .. })
        ));
        assert!(matches!(
            Store::open_read_only(&path),
            Err(StoreError::TooNew { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
