//! The event store commands: `attache ingest`, `attache query`, `attache stats` and
//! `attache serve` (database: `attache-store`; server and web page: `attache-serve`).
//!
//! `attache query` with no filter exports the whole store in any format (`jsonl`, `csv`,
//! `gdelt`, `plover`, `table`), merged events (`--level events`, the default) or the coded
//! mentions (`--level mentions`: exactly the records `attache code` prints).

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use attache_events::export;
use attache_pipeline::Pipeline;
use attache_store::{
    export as sx, BatchReport, ErrorRecord, EventRow, Filter, MentionRow, NewDocument, Order, Page,
    Store,
};
use clap::ValueEnum;

use crate::input::{self, InputFormat, Item};

#[derive(clap::Args)]
pub struct IngestArgs {
    /// The database file (created when missing).
    #[arg(long)]
    pub db: PathBuf,
    /// Input files: .jsonl (one {"id","date","title","source","url","text"} per line), .txt,
    /// .html; standard input when none or `-`.
    pub files: Vec<PathBuf>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormat,
    /// Publication date of plain-text or HTML input (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Document id of plain-text or HTML input (default: the file name).
    #[arg(long)]
    pub id: Option<String>,
    /// Re-code and replace documents even when the store has them unchanged.
    #[arg(long)]
    pub force: bool,
    /// Documents per transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Also write error records (JSON Lines) to this file.
    #[arg(long)]
    pub errors: Option<PathBuf>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    /// Merged real-world events with their counters.
    Events,
    /// Every coded event record.
    Mentions,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Jsonl,
    Csv,
    Gdelt,
    Plover,
    Table,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryOrder {
    Date,
    Recent,
    Mentions,
}

#[derive(clap::Args)]
pub struct FilterArgs {
    /// First event day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Last event day (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Actor country (FRA), key (IGOUNO) or code prefix (FRAGOV).
    #[arg(long)]
    pub actor: Option<String>,
    /// Recipient country, key or code prefix.
    #[arg(long)]
    pub recipient: Option<String>,
    /// CAMEO code prefix: a root (04) or a code (042).
    #[arg(long)]
    pub cameo: Option<String>,
    /// PLOVER event type (CONSULT, ASSAULT, ...).
    #[arg(long)]
    pub plover: Option<String>,
    /// occurred, planned, negated or hypothetical.
    #[arg(long)]
    pub status: Option<String>,
    /// QuadClass 1-4.
    #[arg(long)]
    pub quad_class: Option<u8>,
    /// Place name or country (ISO3) of the event location.
    #[arg(long)]
    pub place: Option<String>,
    /// Document source (outlet).
    #[arg(long)]
    pub source: Option<String>,
    /// Document id.
    #[arg(long)]
    pub doc: Option<String>,
    /// Event id.
    #[arg(long)]
    pub event: Option<i64>,
    /// Events with at least this many mentions.
    #[arg(long)]
    pub min_mentions: Option<i64>,
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter {
            from: self.from.clone(),
            to: self.to.clone(),
            actor: self.actor.clone(),
            recipient: self.recipient.clone(),
            cameo: self.cameo.clone(),
            plover: self.plover.clone(),
            status: self.status.clone(),
            quad_class: self.quad_class,
            place: self.place.clone(),
            source: self.source.clone(),
            doc: self.doc.clone(),
            event: self.event,
            min_mentions: self.min_mentions,
        }
    }
}

#[derive(clap::Args)]
pub struct QueryArgs {
    #[arg(long)]
    pub db: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Merged events or coded mentions.
    #[arg(long, value_enum, default_value = "events")]
    pub level: Level,
    /// Output format (default: table on a terminal, jsonl otherwise).
    #[arg(long, short, value_enum)]
    pub format: Option<QueryFormat>,
    #[arg(long, value_enum, default_value = "date")]
    pub order: QueryOrder,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct StatsArgs {
    #[arg(long)]
    pub db: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Count merged events or coded mentions.
    #[arg(long, value_enum, default_value = "events")]
    pub level: Level,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// How many dyads to list.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Check the database's integrity and the store's invariants (exit status 1 on a problem).
    #[arg(long)]
    pub check: bool,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    #[arg(long)]
    pub db: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Allow POST /api/ingest with `Authorization: Bearer TOKEN`, the token read from this file
    /// (or from the ATTACHE_TOKEN environment variable). Read-only otherwise.
    #[arg(long)]
    pub token_file: Option<PathBuf>,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = 2 * 1024 * 1024)]
    pub max_body: usize,
    /// Requests per second allowed (token bucket; bursts of twice as many).
    #[arg(long, default_value_t = 50)]
    pub rate: u32,
}

/// One coded batch on its way to the writer thread.
struct Batch {
    docs: Vec<NewDocument>,
    errors: Vec<ErrorRecord>,
    skipped: usize,
}

fn count_records(files: &[Option<PathBuf>], fmt: InputFormat) -> Option<u64> {
    let mut n = 0u64;
    for f in files {
        let p = f.as_ref().filter(|p| p.as_os_str() != "-")?;
        let jsonl = match fmt {
            InputFormat::Jsonl => true,
            InputFormat::Auto => matches!(
                p.extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase)
                    .as_deref(),
                Some("jsonl" | "json" | "ndjson")
            ),
            _ => false,
        };
        if jsonl {
            let data = std::fs::read(p).ok()?;
            n += data
                .split(|b| *b == b'\n')
                .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
                .count() as u64;
        } else {
            n += 1;
        }
    }
    Some(n)
}

fn file_size(p: &Path) -> u64 {
    let wal = PathBuf::from(format!("{}-wal", p.display()));
    std::fs::metadata(p).map_or(0, |m| m.len()) + std::fs::metadata(wal).map_or(0, |m| m.len())
}

fn progress_bar(total: Option<u64>, show: bool) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    if !show {
        return ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
    }
    let pb = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr_with_hz(4));
    let style = match total {
        Some(_) => ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{bar:36}] {pos}/{len} docs  {per_sec}  ETA {eta}  {msg}",
        ),
        None => {
            ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} docs  {per_sec}  {msg}")
        }
    };
    if let Ok(s) = style {
        pb.set_style(s.progress_chars("=> "));
    }
    pb.enable_steady_tick(Duration::from_millis(250));
    pb
}

/// `attache ingest`.
pub fn ingest(data: &Option<PathBuf>, a: IngestArgs) -> Result<()> {
    let start = Instant::now();
    let pipeline = crate::load(data)?;
    let mut store =
        Store::open(&a.db).with_context(|| format!("cannot open the store {}", a.db.display()))?;
    let reader = Store::open(&a.db)?;
    let opts = input::Options::from_flags(a.input_format, a.date.as_deref(), a.id.clone())?;
    let files = input::inputs(&a.files);
    let show = !a.quiet && std::io::stderr().is_terminal();
    let pb = progress_bar(
        if show {
            count_records(&files, a.input_format)
        } else {
            None
        },
        show,
    );
    let threads = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let mut errfile = a
        .errors
        .as_ref()
        .map(|p| std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display())))
        .transpose()?
        .map(BufWriter::new);

    // The writer thread commits one transaction per batch while the workers code the next.
    let (tx, rx) = mpsc::sync_channel::<Batch>(1);
    let force = a.force;
    let wpb = pb.clone();
    let writer = std::thread::spawn(move || -> Result<BatchReport> {
        let mut total = BatchReport::default();
        for b in rx {
            let r = store
                .ingest(&b.docs, &b.errors, force)
                .context("cannot write to the store")?;
            total.add(&r);
            total.unchanged += b.skipped;
            wpb.inc((b.docs.len() + b.errors.len() + b.skipped) as u64);
            wpb.set_message(format!(
                "{} events, {} errors",
                total.new_events, total.errors
            ));
        }
        store.checkpoint().context("cannot checkpoint the store")?;
        Ok(total)
    });

    let batch_size = a.batch.max(1);
    let mut items: Vec<Item> = Vec::with_capacity(batch_size);
    let mut send_failed = false;
    let mut code_batch = |items: &mut Vec<Item>| -> Result<()> {
        if items.is_empty() || send_failed {
            items.clear();
            return Ok(());
        }
        let ids: Vec<&str> = items
            .iter()
            .filter_map(|it| match it {
                Item::Doc(m, _) => Some(m.id.as_str()),
                Item::Error(_) => None,
            })
            .collect();
        let known = reader.content_hashes(&ids)?;
        let mut skipped = 0;
        let mut todo = Vec::new();
        let mut errors = Vec::new();
        for it in items.drain(..) {
            match it {
                Item::Doc(meta, text) => {
                    let unchanged = known
                        .get(&meta.id)
                        .is_some_and(|h| *h == NewDocument::content_hash(&meta, &text));
                    if unchanged && !force {
                        skipped += 1;
                    } else {
                        todo.push((meta, text));
                    }
                }
                Item::Error(e) => errors.push(ErrorRecord {
                    input: e.input,
                    line: e.line,
                    id: e.id,
                    error: e.error,
                }),
            }
        }
        let coded: Vec<std::result::Result<NewDocument, ErrorRecord>> = pool.install(|| {
            use rayon::prelude::*;
            todo.into_par_iter()
                .map(|(meta, text)| code_one(&pipeline, meta, &text))
                .collect()
        });
        let mut docs = Vec::with_capacity(coded.len());
        for c in coded {
            match c {
                Ok(d) => docs.push(d),
                Err(e) => errors.push(e),
            }
        }
        for e in &errors {
            let line = serde_json::to_string(e)?;
            pb.suspend(|| eprintln!("{line}"));
            if let Some(w) = errfile.as_mut() {
                writeln!(w, "{line}")?;
            }
        }
        if tx
            .send(Batch {
                docs,
                errors,
                skipped,
            })
            .is_err()
        {
            send_failed = true;
        }
        Ok(())
    };
    let mut read_result: Result<()> = Ok(());
    for f in &files {
        read_result = input::for_each(f.as_ref(), &opts, &mut |item| {
            items.push(item);
            if items.len() >= batch_size {
                code_batch(&mut items)?;
            }
            Ok(())
        });
        if read_result.is_err() {
            break;
        }
    }
    if read_result.is_ok() {
        read_result = code_batch(&mut items);
    }
    drop(tx);
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?;
    pb.finish_and_clear();
    let report = written?;
    read_result?;
    if let Some(mut w) = errfile {
        w.flush()?;
    }
    if !a.quiet {
        let secs = start.elapsed().as_secs_f64();
        let events = Store::open_read_only(&a.db)
            .and_then(|s| s.totals())
            .map(|t| t.events)
            .unwrap_or(0);
        let coded = report.documents;
        eprintln!(
            "{} documents ({} new, {} replaced, {} unchanged, {} near-duplicates), {} mentions, \
             {} new events ({} in the store), {} errors in {:.1} s ({:.1} docs/s); {} ({:.1} MB)",
            coded + report.unchanged,
            report.new_documents,
            report.replaced,
            report.unchanged,
            report.duplicates,
            report.mentions,
            report.new_events,
            events,
            report.errors,
            secs,
            (coded + report.unchanged) as f64 / secs.max(1e-9),
            a.db.display(),
            file_size(&a.db) as f64 / 1e6,
        );
    }
    Ok(())
}

/// Code one document; a panic in the coder becomes an error record, never a lost document.
fn code_one(
    pipeline: &Pipeline,
    meta: attache_doc::DocMeta,
    text: &str,
) -> std::result::Result<NewDocument, ErrorRecord> {
    let id = meta.id.clone();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (doc, records) = pipeline.code_text(meta, text);
        NewDocument::new(&doc, records)
    }));
    r.map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        ErrorRecord {
            input: "coder".into(),
            line: None,
            id: Some(id),
            error: format!("the coder failed on this document: {msg}"),
        }
    })
}

fn open_read(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!(
            "no store at {} (create it with attache ingest)",
            db.display()
        );
    }
    Store::open_read_only(db).with_context(|| format!("cannot open the store {}", db.display()))
}

fn event_table_header() -> String {
    format!(
        "{:>7} {:<10} {:<5} {:<10} {:<12} {:<22} {:<22} {:<16} {:>5} {:>4} {:>4}",
        "EVENT",
        "DATE",
        "CAMEO",
        "PLOVER",
        "STATUS",
        "ACTORS",
        "RECIPIENTS",
        "PLACE",
        "MENT",
        "ART",
        "SRC"
    )
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn event_table_row(e: &EventRow) -> String {
    let (actors, recipients) = if e.symmetric {
        (e.actors.join(" & "), String::from("(meeting)"))
    } else {
        (e.actors.join("+"), e.recipients.join("+"))
    };
    format!(
        "{:>7} {:<10} {:<5} {:<10} {:<12} {:<22} {:<22} {:<16} {:>5} {:>4} {:>4}",
        e.id,
        e.date.as_deref().unwrap_or("-"),
        e.cameo,
        e.plover.as_deref().unwrap_or("-"),
        e.status,
        cut(&actors, 22),
        cut(&recipients, 22),
        cut(e.place.as_ref().map_or("-", |p| p.name.as_str()), 16),
        e.num_mentions,
        e.num_articles,
        e.num_sources,
    )
}

/// A closed pipe (`attache query | head`) ends the output quietly.
fn quiet_pipe(r: Result<()>) -> Result<()> {
    match r {
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.to_string().contains("Broken pipe")
            }) =>
        {
            Ok(())
        }
        r => r,
    }
}

/// `attache query`: filtered events or mentions in any export format.
pub fn query(a: QueryArgs) -> Result<()> {
    quiet_pipe(query_inner(a))
}

fn query_inner(a: QueryArgs) -> Result<()> {
    let store = open_read(&a.db)?;
    let filter = a.filter.filter();
    filter.validate()?;
    let out: Box<dyn Write> = match &a.output {
        Some(p) if p.as_os_str() != "-" => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        _ => Box::new(std::io::stdout().lock()),
    };
    let to_terminal = a.output.is_none() && std::io::stdout().is_terminal();
    let fmt = a.format.unwrap_or(if to_terminal {
        QueryFormat::Table
    } else {
        QueryFormat::Jsonl
    });
    let mut out = BufWriter::new(out);
    let page = Page {
        limit: a.limit,
        offset: a.offset,
        order: match a.order {
            QueryOrder::Date => Order::Date,
            QueryOrder::Recent => Order::Recent,
            QueryOrder::Mentions => Order::Mentions,
        },
    };
    let mut n = 0usize;
    let io = |e: std::io::Error| attache_store::StoreError::Filter(format!("write error: {e}"));
    match a.level {
        Level::Events => {
            match fmt {
                QueryFormat::Csv => writeln!(out, "{}", sx::EVENT_CSV_HEADER)?,
                QueryFormat::Table => writeln!(out, "{}", event_table_header())?,
                _ => {}
            }
            let reps = open_read(&a.db)?;
            store.each_event(&filter, &page, &mut |e| {
                n += 1;
                let rep = || -> attache_store::Result<MentionRow> {
                    e.rep_mention
                        .map(|s| reps.mention(s))
                        .transpose()?
                        .flatten()
                        .ok_or_else(|| {
                            attache_store::StoreError::Filter(format!(
                                "event {} has no representative mention",
                                e.id
                            ))
                        })
                };
                let line = match fmt {
                    QueryFormat::Jsonl => serde_json::to_string(&e)?,
                    QueryFormat::Csv => sx::event_csv(&e),
                    QueryFormat::Table => event_table_row(&e),
                    QueryFormat::Gdelt => sx::event_gdelt(&e, &rep()?),
                    QueryFormat::Plover => sx::event_plover(&e, &rep()?).to_string(),
                };
                writeln!(out, "{line}").map_err(io)
            })?;
        }
        Level::Mentions => {
            match fmt {
                QueryFormat::Csv => writeln!(out, "{}", sx::MENTION_CSV_HEADER)?,
                QueryFormat::Table => writeln!(out, "{}", export::table_header())?,
                _ => {}
            }
            store.each_mention(&filter, &page, &mut |m| {
                n += 1;
                let r = &m.record;
                let line = match fmt {
                    QueryFormat::Jsonl => export::jsonl(r),
                    QueryFormat::Csv => sx::mention_csv(&m),
                    QueryFormat::Table => export::table_row(r),
                    QueryFormat::Gdelt => export::gdelt_row(
                        r,
                        m.seq.max(0) as u64,
                        m.url.as_deref().unwrap_or(""),
                        &sx::date_added(m.doc_date.as_deref()),
                    ),
                    QueryFormat::Plover => export::plover_json(r).to_string(),
                };
                writeln!(out, "{line}").map_err(io)
            })?;
        }
    }
    out.flush()?;
    if fmt == QueryFormat::Table {
        eprintln!(
            "{n} {}",
            if a.level == Level::Events {
                "events"
            } else {
                "mentions"
            }
        );
    }
    Ok(())
}

/// `attache stats`: counts by day, type and dyad.
pub fn stats(a: StatsArgs) -> Result<()> {
    quiet_pipe(stats_inner(a))
}

fn stats_inner(a: StatsArgs) -> Result<()> {
    let store = open_read(&a.db)?;
    if a.check {
        let problems = store.check()?;
        if problems.is_empty() {
            println!("ok: the store is consistent");
            return Ok(());
        }
        for p in &problems {
            println!("problem: {p}");
        }
        bail!("{} problems in {}", problems.len(), a.db.display());
    }
    let s = store.stats(&a.filter.filter(), a.level == Level::Mentions, a.top)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if a.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&s)?)?;
        return Ok(());
    }
    let t = &s.totals;
    writeln!(
        out,
        "{} documents ({} near-duplicates), {} mentions, {} events, {} actors, {} places, {} errors",
        t.documents, t.duplicates, t.mentions, t.events, t.actors, t.places, t.errors
    )?;
    if let (Some(a), Some(b)) = (&t.first_day, &t.last_day) {
        writeln!(out, "event days {a} to {b}")?;
    }
    let what = if a.level == Level::Events {
        "events"
    } else {
        "mentions"
    };
    writeln!(
        out,
        "\n{what} by day (verbal coop, material coop, verbal conflict, material conflict)"
    )?;
    for d in &s.by_day {
        writeln!(
            out,
            "  {}  {:>6}  {:>5} {:>5} {:>5} {:>5}",
            d.day, d.total, d.quad[0], d.quad[1], d.quad[2], d.quad[3]
        )?;
    }
    writeln!(out, "\n{what} by CAMEO root")?;
    for ty in &s.by_type {
        writeln!(
            out,
            "  {:<3} {:<40} {:>7}",
            ty.cameo_root,
            cut(ty.name.as_deref().unwrap_or("?"), 40),
            ty.count
        )?;
    }
    writeln!(out, "\n{what} by dyad (top {})", a.top)?;
    for d in &s.by_dyad {
        let dyad = if d.symmetric {
            format!("{} (together)", d.actor.replace('+', " & "))
        } else {
            format!(
                "{} -> {}",
                if d.actor.is_empty() { "?" } else { &d.actor },
                if d.recipient.is_empty() {
                    "?"
                } else {
                    &d.recipient
                }
            )
        };
        writeln!(out, "  {:<40} {:>7}", cut(&dyad, 40), d.count)?;
    }
    Ok(())
}

/// `attache serve`: the JSON API and the web page.
pub fn serve(data: &Option<PathBuf>, a: ServeArgs) -> Result<()> {
    let token = match &a.token_file {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?
                .trim()
                .to_string(),
        ),
        None => std::env::var("ATTACHE_TOKEN").ok(),
    }
    .filter(|t| !t.is_empty());
    if token.as_ref().is_some_and(|t| t.len() < 16) {
        bail!("the ingest token must have at least 16 characters");
    }
    let pipeline = match token {
        Some(_) => Some(std::sync::Arc::new(crate::load(data)?)),
        None => None,
    };
    let writable = token.is_some();
    let config = attache_serve::Config {
        db: a.db.clone(),
        token,
        max_body_bytes: a.max_body,
        rate_per_second: a.rate,
        ..Default::default()
    };
    if !writable && !a.db.exists() {
        bail!(
            "no store at {} (create it with attache ingest)",
            a.db.display()
        );
    }
    attache_serve::run(config, pipeline, &a.addr).context("the server stopped")
}
