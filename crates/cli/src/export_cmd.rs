//! `attache export`: writes coded events to an analytics format (Parquet).
//!
//! `attache export --format parquet --input EVENTS.jsonl --output FILE.parquet` reads the JSON
//! Lines that `attache code` prints (standard input when `--input` is absent or `-`) and writes
//! one Parquet file with the typed, nested schema of `attache-parquet`. Like `attache code`, a line
//! that is not an event record becomes a JSON error record on standard error and the export goes
//! on; the exit status is non-zero only on a fatal problem (unreadable input, unwritable output).
//!
//! Other event sources (the store) call [`export_events`] with their own iterator of records.
//! Parquet support is behind the `parquet` cargo feature of the `attache` package.

use std::io::{BufRead, BufReader, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use attache_events::EventRecord;

use crate::input::ErrorRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Apache Parquet, one row per event, nested actor/recipient/attribution/counts lists.
    Parquet,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Events to export: JSON Lines as `attache code --format jsonl` prints them
    /// (standard input when absent or `-`).
    #[arg(long, value_name = "EVENTS.jsonl")]
    pub input: Option<PathBuf>,
    /// Output file (written to FILE.tmp, then renamed; `-` = standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportSummary {
    pub events: u64,
}

pub fn run(a: ExportArgs) -> Result<()> {
    ensure_supported(a.format)?;
    let stdin = a.input.as_ref().is_none_or(|p| p.as_os_str() == "-");
    let name = match &a.input {
        Some(p) if !stdin => p.display().to_string(),
        _ => "<stdin>".to_string(),
    };
    let reader: Box<dyn BufRead> = match &a.input {
        Some(p) if !stdin => Box::new(BufReader::new(
            std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
        )),
        _ => Box::new(BufReader::new(std::io::stdin().lock())),
    };
    let mut events = JsonlEvents::new(reader, name);
    let summary = export_events(&mut events, a.format, &a.output)?;
    if let Some(e) = events.fatal.take() {
        return Err(e);
    }
    if std::io::stderr().is_terminal() {
        eprintln!(
            "{} events written to {}, {} errors",
            summary.events,
            a.output.display(),
            events.errors
        );
    }
    Ok(())
}

/// Fails early when this build cannot write `format`.
pub fn ensure_supported(format: ExportFormat) -> Result<()> {
    match format {
        ExportFormat::Parquet if cfg!(feature = "parquet") => Ok(()),
        ExportFormat::Parquet => anyhow::bail!(
            "this attache was built without Parquet support: \
             rebuild with `cargo build --release -p attache --features parquet`"
        ),
    }
}

/// Writes `events` to `output` (`-` = standard output) in `format`. A file is written under a
/// temporary name and renamed when complete, so `output` never holds a partial file.
#[cfg(feature = "parquet")]
pub fn export_events<I>(events: I, format: ExportFormat, output: &Path) -> Result<ExportSummary>
where
    I: IntoIterator<Item = EventRecord>,
{
    match format {
        ExportFormat::Parquet => {
            let summary = if output.as_os_str() == "-" {
                let stdout = std::io::stdout();
                anyhow::ensure!(
                    !stdout.is_terminal(),
                    "refusing to write Parquet to a terminal: use --output FILE"
                );
                let mut out = std::io::BufWriter::new(stdout);
                let s = attache_parquet::write_events(events, &mut out)?;
                std::io::Write::flush(&mut out)?;
                s
            } else {
                attache_parquet::write_events_to_path(events, output)
                    .with_context(|| format!("cannot write {}", output.display()))?
            };
            Ok(ExportSummary {
                events: summary.rows,
            })
        }
    }
}

#[cfg(not(feature = "parquet"))]
pub fn export_events<I>(events: I, format: ExportFormat, output: &Path) -> Result<ExportSummary>
where
    I: IntoIterator<Item = EventRecord>,
{
    let _ = (events, output);
    ensure_supported(format)?;
    Ok(ExportSummary::default())
}

/// The event records of a JSON Lines stream, in order. A line that is not an event record is
/// reported as a JSON error record on standard error and skipped (counted in `errors`); a read
/// error ends the stream and is kept in `fatal`.
pub struct JsonlEvents<R: BufRead> {
    reader: R,
    name: String,
    line: Vec<u8>,
    no: usize,
    pub errors: usize,
    pub fatal: Option<anyhow::Error>,
}

impl<R: BufRead> JsonlEvents<R> {
    pub fn new(reader: R, name: impl Into<String>) -> Self {
        JsonlEvents {
            reader,
            name: name.into(),
            line: Vec::new(),
            no: 0,
            errors: 0,
            fatal: None,
        }
    }
}

impl<R: BufRead> Iterator for JsonlEvents<R> {
    type Item = EventRecord;

    fn next(&mut self) -> Option<EventRecord> {
        if self.fatal.is_some() {
            return None;
        }
        loop {
            self.line.clear();
            match self.reader.read_until(b'\n', &mut self.line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.fatal = Some(
                        anyhow::Error::new(e)
                            .context(format!("cannot read {} after line {}", self.name, self.no)),
                    );
                    return None;
                }
            }
            self.no += 1;
            let text = self.line.trim_ascii();
            if text.is_empty() {
                continue;
            }
            match serde_json::from_slice::<EventRecord>(text) {
                Ok(e) => return Some(e),
                Err(e) => {
                    self.errors += 1;
                    let id = serde_json::from_slice::<serde_json::Value>(text)
                        .ok()
                        .and_then(|v| v.get("id").and_then(|x| x.as_str()).map(str::to_string));
                    let rec = ErrorRecord {
                        error: format!("not an event record: {e}"),
                        input: self.name.clone(),
                        line: Some(self.no),
                        id,
                    };
                    match serde_json::to_string(&rec) {
                        Ok(line) => eprintln!("{line}"),
                        Err(e) => eprintln!("attache: error record: {e}"),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{"id":"d-1","doc_id":"d","sentence":0,"cameo":"190","cameo_root":"19","goldstein":-10.0,"quad_class":4,"plover":{"event":"ASSAULT","mode":null},"status":"occurred","actor":[],"recipient":[],"trigger":{"text":"attacked","start":5,"end":13},"date":{"value":"2025-02-17","granularity":"document","text":null,"start":null,"end":null},"location":null,"attribution":[],"counts":[]}"#;

    #[test]
    fn bad_lines_are_skipped_and_counted() {
        let input = format!("{EVENT}\n\n{{\"id\":\"x\",\"broken\n{EVENT}\n[1,2]\n");
        let mut it = JsonlEvents::new(std::io::Cursor::new(input), "test");
        let ids: Vec<String> = it.by_ref().map(|e| e.id).collect();
        assert_eq!(ids, ["d-1", "d-1"]);
        assert_eq!(it.errors, 2);
        assert!(it.fatal.is_none());
    }

    #[cfg(not(feature = "parquet"))]
    #[test]
    fn without_the_feature_parquet_is_a_clear_error() {
        let err = export_events(std::iter::empty(), ExportFormat::Parquet, Path::new("x"))
            .expect_err("no parquet");
        assert!(err.to_string().contains("--features parquet"));
    }

    #[cfg(feature = "parquet")]
    #[test]
    fn exports_a_jsonl_stream() {
        let dir = std::env::temp_dir().join(format!("attache-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let out = dir.join("e.parquet");
        let input = format!("{EVENT}\nnot json\n{EVENT}\n");
        let mut it = JsonlEvents::new(std::io::Cursor::new(input), "test");
        let s = export_events(&mut it, ExportFormat::Parquet, &out).expect("export");
        assert_eq!(s.events, 2);
        assert_eq!(it.errors, 1);
        let bytes = std::fs::read(&out).expect("read");
        assert_eq!(&bytes[..4], b"PAR1");
        std::fs::remove_dir_all(&dir).ok();
    }
}
