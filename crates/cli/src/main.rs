//! `attache`: codes English news into political event data.

mod export_cmd;
mod input;
mod store_cmd;

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use attache_events::{export, EventRecord, Status};
use attache_pipeline::Pipeline;
use clap::{Parser, Subcommand, ValueEnum};

use input::{InputFormat, Item};

#[derive(Parser)]
#[command(
    name = "attache",
    version,
    about = "Codes English news into political event data (CAMEO, PLOVER) with actors, dates, places, status, attribution and counts."
)]
struct Cli {
    /// Load dictionaries from this data directory instead of the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Code documents into events (files, or standard input when none or `-`).
    Code(CodeArgs),
    /// Show the mention layers (tokens, sentences, actors, times, places, numbers, clauses) of a text.
    Annotate(AnnotateArgs),
    /// Write coded events (JSON Lines from `attache code`) to Parquet (`--features parquet` builds).
    Export(export_cmd::ExportArgs),
    /// Evaluate against human-annotated data.
    Eval {
        #[command(subcommand)]
        which: EvalCmd,
    },
    /// Code documents and store them in an event database (SQLite), merging mentions into events.
    Ingest(store_cmd::IngestArgs),
    /// Events or mentions from an event database, filtered, in any export format.
    Query(store_cmd::QueryArgs),
    /// Counts by day, type and dyad of an event database (`--check`: its consistency).
    Stats(store_cmd::StatsArgs),
    /// Serve an event database: JSON API and web page (read-only unless given a token).
    Serve(store_cmd::ServeArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    Jsonl,
    Table,
    Gdelt,
    Plover,
}

#[derive(clap::Args)]
struct CodeArgs {
    /// Input files: .txt (plain text), .jsonl (one {"id","date","text",...} per line), .html.
    files: Vec<PathBuf>,
    /// Output format (default: table on a terminal, jsonl otherwise).
    #[arg(long, short)]
    format: Option<OutFormat>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// Publication date of plain-text or HTML input (YYYY-MM-DD); JSON Lines carry their own.
    #[arg(long)]
    date: Option<String>,
    /// Document id of plain-text or HTML input (default: the file name).
    #[arg(long)]
    id: Option<String>,
    /// Keep only events with these statuses (comma-separated: occurred,planned,negated,hypothetical).
    /// GDELT and PLOVER exports drop negated events unless asked for.
    #[arg(long, value_delimiter = ',')]
    status: Vec<String>,
    /// Also write error records (JSON Lines) to this file.
    #[arg(long)]
    errors: Option<PathBuf>,
    /// Flush output after every input document (for pipes and long-lived processes).
    #[arg(long)]
    line_buffered: bool,
    /// Worker threads (default: all cores). Output order never depends on it.
    #[arg(long, short = 'j')]
    threads: Option<usize>,
}

#[derive(clap::Args)]
struct AnnotateArgs {
    /// A text file (or - for standard input).
    file: Option<PathBuf>,
    #[arg(long)]
    date: Option<String>,
    /// Print JSON instead of the readable listing.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum EvalCmd {
    /// PLOVER gold-standard records (JSON array): event type, actor country and sector.
    PloverGsr(EvalArgs),
    /// ConfliBERT sentence classification (sentence<TAB>label, five CAMEO classes).
    ConflibertClass(EvalArgs),
    /// ConfliBERT source/target spans (CoNLL BIO, B-S/I-S, B-T/I-T).
    ConflibertSpans(EvalArgs),
    /// Time expressions: TimeML .tml files (a file or a directory), TempEval-3 scores.
    Timeml(EvalArgs),
    /// Toponyms: TR-News / LGL XML (recognition, GeoNames id accuracy, error in km).
    Geo(EvalArgs),
    /// Status, attribution and counts: the project's gold file (eval/gold/status.jsonl).
    Status(EvalArgs),
}

#[derive(clap::Args)]
struct EvalArgs {
    file: PathBuf,
    /// Machine-readable summary.
    #[arg(long)]
    json: bool,
    /// List every error.
    #[arg(long)]
    errors: bool,
}

fn load(data: &Option<PathBuf>) -> Result<Pipeline> {
    match data {
        Some(d) => Pipeline::from_dir(d)
            .with_context(|| format!("cannot load dictionaries from {}", d.display())),
        None => Pipeline::builtin().context("cannot load the built-in dictionaries"),
    }
}

// Coding allocates many small, short-lived vectors per document; mimalloc handles that
// pattern markedly faster than the system allocator (see README, Speed).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if let Err(e) = run() {
        eprintln!("attache: error: {e:#}");
        std::process::exit(2);
    }
}

fn run() -> Result<()> {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Code(a) => code(&cli.data, a),
        Cmd::Annotate(a) => annotate(&cli.data, a),
        Cmd::Export(a) => export_cmd::run(a),
        Cmd::Eval { which } => eval(&cli.data, which),
        Cmd::Ingest(a) => store_cmd::ingest(&cli.data, a),
        Cmd::Query(a) => store_cmd::query(a),
        Cmd::Stats(a) => store_cmd::stats(a),
        Cmd::Serve(a) => store_cmd::serve(&cli.data, a),
    }
}

fn parse_status(v: &[String]) -> Result<Option<Vec<Status>>> {
    if v.is_empty() {
        return Ok(None);
    }
    v.iter()
        .map(|s| {
            Status::parse(s).with_context(|| {
                format!("unknown status `{s}` (occurred, planned, negated, hypothetical)")
            })
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

fn code(data: &Option<PathBuf>, a: CodeArgs) -> Result<()> {
    let pipeline = load(data)?;
    let opts = input::Options::from_flags(a.input_format, a.date.as_deref(), a.id.clone())?;
    let statuses = parse_status(&a.status)?;
    let stdout = std::io::stdout();
    let fmt = a.format.unwrap_or(if stdout.is_terminal() {
        OutFormat::Table
    } else {
        OutFormat::Jsonl
    });
    let mut out = BufWriter::new(stdout.lock());
    let mut errfile = a
        .errors
        .as_ref()
        .map(|p| std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display())))
        .transpose()?
        .map(BufWriter::new);
    let files = input::inputs(&a.files);
    if fmt == OutFormat::Table {
        writeln!(out, "{}", export::table_header())?;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let now = chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y%m%d%H%M%S").to_string())
        .unwrap_or_default();
    let mut gid: u64 = 0;
    let (mut ndocs, mut nevents, mut nerrors) = (0usize, 0usize, 0usize);
    let threads = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .context("cannot start worker threads")?;
    // Documents are coded in parallel batches and written in input order, so the output is the
    // same whatever the number of threads; with --line-buffered every document is its own batch.
    let batch_size = if a.line_buffered {
        1
    } else {
        64 * threads.max(1)
    };
    let mut batch: Vec<Item> = Vec::with_capacity(batch_size);
    let mut flush_batch =
        |batch: &mut Vec<Item>, out: &mut BufWriter<std::io::StdoutLock<'_>>| -> Result<()> {
            let coded: Vec<Option<Vec<EventRecord>>> = pool.install(|| {
                use rayon::prelude::*;
                batch
                    .par_iter()
                    .map(|it| match it {
                        Item::Doc(meta, text) => Some(pipeline.code_text(meta.clone(), text).1),
                        Item::Error(_) => None,
                    })
                    .collect()
            });
            for (it, evs) in batch.drain(..).zip(coded) {
                match (it, evs) {
                    (Item::Doc(meta, _), Some(events)) => {
                        ndocs += 1;
                        let url = meta.url.unwrap_or_default();
                        for e in events.iter().filter(|e| keep(e, fmt, &statuses)) {
                            nevents += 1;
                            write_event(out, fmt, e, &mut gid, &url, &now)?;
                        }
                    }
                    (Item::Error(er), _) => {
                        nerrors += 1;
                        let line = serde_json::to_string(&er)?;
                        eprintln!("{line}");
                        if let Some(w) = errfile.as_mut() {
                            writeln!(w, "{line}")?;
                        }
                    }
                    (Item::Doc(..), None) => {}
                }
            }
            if a.line_buffered {
                out.flush()?;
            }
            Ok(())
        };
    for f in &files {
        input::for_each(f.as_ref(), &opts, &mut |item| {
            batch.push(item);
            if batch.len() >= batch_size {
                flush_batch(&mut batch, &mut out)?;
            }
            Ok(())
        })?;
    }
    flush_batch(&mut batch, &mut out)?;
    out.flush()?;
    if let Some(mut w) = errfile {
        w.flush()?;
    }
    if fmt == OutFormat::Table {
        eprintln!("{ndocs} documents, {nevents} events, {nerrors} errors");
    }
    Ok(())
}

fn keep(e: &EventRecord, fmt: OutFormat, statuses: &Option<Vec<Status>>) -> bool {
    match statuses {
        Some(s) => s.contains(&e.status),
        None => !matches!(fmt, OutFormat::Gdelt | OutFormat::Plover) || export::keep_in_export(e),
    }
}

fn write_event(
    out: &mut dyn Write,
    fmt: OutFormat,
    e: &EventRecord,
    gid: &mut u64,
    url: &str,
    now: &str,
) -> Result<()> {
    match fmt {
        OutFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(e)?)?,
        OutFormat::Table => writeln!(out, "{}", export::table_row(e))?,
        OutFormat::Gdelt => {
            *gid += 1;
            writeln!(out, "{}", export::gdelt_row(e, *gid, url, now))?
        }
        OutFormat::Plover => writeln!(out, "{}", export::plover_json(e))?,
    }
    Ok(())
}

fn annotate(data: &Option<PathBuf>, a: AnnotateArgs) -> Result<()> {
    let pipeline = load(data)?;
    let date = a
        .date
        .as_deref()
        .map(|d| input::parse_date(d).with_context(|| format!("--date `{d}` is not YYYY-MM-DD")))
        .transpose()?;
    let mut text = String::new();
    match &a.file {
        Some(p) if p.as_os_str() != "-" => {
            text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?
        }
        _ => {
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)?;
        }
    }
    let meta = attache_doc::DocMeta {
        id: "annotate".into(),
        date,
        ..Default::default()
    };
    let (doc, events) = pipeline.code_text(meta, &text);
    let mut out = BufWriter::new(std::io::stdout().lock());
    if a.json {
        let v = serde_json::json!({
            "sentences": doc.sentences, "tokens": doc.tokens, "actors": doc.actors, "times": doc.times,
            "places": doc.places, "numbers": doc.numbers, "clauses": doc.clauses, "events": events,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        writeln!(
            out,
            "[{si}]{} {}",
            if s.headline { " (headline)" } else { "" },
            doc.slice(s.span)
        )?;
        let toks: Vec<String> = s
            .tokens
            .iter()
            .map(|i| format!("{}/{:?}", doc.tok(i), doc.tokens[i].pos))
            .collect();
        writeln!(out, "    tokens: {}", toks.join(" "))?;
        for c in doc.clauses.iter().filter(|c| {
            s.tokens.contains(c.tokens.start) && c.kind != attache_doc::ClauseKind::Main
        }) {
            writeln!(
                out,
                "    clause {:?}: {}",
                c.kind,
                doc.slice(doc.token_span(c.tokens))
            )?;
        }
        for m in doc
            .actors
            .iter()
            .filter(|m| s.tokens.contains(m.tokens.start))
        {
            writeln!(
                out,
                "    actor  {:<40} {:<10} {:?}{}{}",
                doc.slice(m.span),
                m.code,
                m.kind,
                if m.modifier { " modifier" } else { "" },
                if m.possessive { " possessive" } else { "" }
            )?;
        }
        for t in doc
            .times
            .iter()
            .filter(|m| s.tokens.contains(m.tokens.start))
        {
            writeln!(
                out,
                "    time   {:<40} {:?} {}",
                doc.slice(t.span),
                t.timex_type,
                t.value.as_deref().unwrap_or("?")
            )?;
        }
        for p in doc
            .places
            .iter()
            .filter(|m| s.tokens.contains(m.tokens.start))
        {
            writeln!(
                out,
                "    place  {:<40} {} {} {}",
                doc.slice(p.span),
                p.name,
                p.country.as_deref().unwrap_or("?"),
                p.geonameid.map_or(String::new(), |g| g.to_string())
            )?;
        }
        for n in doc
            .numbers
            .iter()
            .filter(|m| s.tokens.contains(m.tokens.start))
        {
            writeln!(
                out,
                "    number {:<40} {} {}",
                doc.slice(n.span),
                n.value,
                n.qualifier.as_deref().unwrap_or("")
            )?;
        }
        for e in events.iter().filter(|e| e.sentence == si) {
            writeln!(out, "    EVENT  {}", export::table_row(e))?;
        }
    }
    Ok(())
}

fn eval(data: &Option<PathBuf>, which: EvalCmd) -> Result<()> {
    let pipeline = load(data)?;
    let (report, json, errors): (Box<dyn attache_eval::Report>, bool, bool) = match which {
        EvalCmd::PloverGsr(a) => (
            Box::new(attache_eval::plover::evaluate(&a.file, &pipeline)?),
            a.json,
            a.errors,
        ),
        EvalCmd::ConflibertClass(a) => (
            Box::new(attache_eval::conflibert::evaluate_class(
                &a.file, &pipeline,
            )?),
            a.json,
            a.errors,
        ),
        EvalCmd::ConflibertSpans(a) => (
            Box::new(attache_eval::conflibert::evaluate_spans(
                &a.file, &pipeline,
            )?),
            a.json,
            a.errors,
        ),
        EvalCmd::Timeml(a) => (
            Box::new(attache_eval::stages::timeml(&a.file, &pipeline)?),
            a.json,
            a.errors,
        ),
        EvalCmd::Geo(a) => (
            Box::new(attache_eval::stages::geo(&a.file, &pipeline)?),
            a.json,
            a.errors,
        ),
        EvalCmd::Status(a) => (
            Box::new(attache_eval::status::evaluate(&a.file, &pipeline)?),
            a.json,
            a.errors,
        ),
    };
    if json {
        println!("{}", report.json());
    } else {
        print!("{}", report.table());
        if errors {
            print!("{}", report.errors());
        }
    }
    Ok(())
}
