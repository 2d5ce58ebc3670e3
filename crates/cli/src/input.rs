//! Reading documents: plain text, JSON Lines and HTML, from files or standard input.
//! Every input record becomes a document or an error record; nothing is dropped silently.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use attache_doc::DocMeta;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Decide from the file extension (.jsonl/.json -> jsonl, .html/.htm -> html, else text).
    Auto,
    Text,
    Jsonl,
    Html,
}

/// An input record that could not be turned into a document.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorRecord {
    pub error: String,
    pub input: String,
    pub line: Option<usize>,
    pub id: Option<String>,
}

pub enum Item {
    Doc(DocMeta, String),
    Error(ErrorRecord),
}

/// Parse a date given as `YYYY-MM-DD`, an RFC 3339 time stamp, `YYYYMMDD` or `YYYY-MM-DD HH:MM:SS`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10 {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            return Some(d);
        }
    }
    if s.len() == 8 {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y%m%d") {
            return Some(d);
        }
    }
    None
}

pub struct Options {
    pub format: InputFormat,
    pub date: Option<NaiveDate>,
    pub id: Option<String>,
}

impl Options {
    /// Options from the shared command-line flags (`--input-format`, `--date`, `--id`).
    pub fn from_flags(format: InputFormat, date: Option<&str>, id: Option<String>) -> Result<Self> {
        let date = date
            .map(|d| parse_date(d).with_context(|| format!("--date `{d}` is not YYYY-MM-DD")))
            .transpose()?;
        Ok(Options { format, date, id })
    }
}

/// The inputs named on the command line; none means standard input.
pub fn inputs(files: &[PathBuf]) -> Vec<Option<PathBuf>> {
    if files.is_empty() {
        vec![None]
    } else {
        files.iter().cloned().map(Some).collect()
    }
}

fn detect(path: &Path) -> InputFormat {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("jsonl" | "json" | "ndjson") => InputFormat::Jsonl,
        Some("html" | "htm" | "xhtml") => InputFormat::Html,
        _ => InputFormat::Text,
    }
}

/// Visit every input record of `path` (`-` or `None` = standard input) in order.
pub fn for_each(
    path: Option<&PathBuf>,
    opts: &Options,
    f: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<()> {
    let name = path.map_or("<stdin>".to_string(), |p| p.display().to_string());
    let stdin = path.is_none_or(|p| p.as_os_str() == "-");
    let fmt = match (opts.format, path) {
        (InputFormat::Auto, Some(p)) if !stdin => detect(p),
        (InputFormat::Auto, _) => InputFormat::Auto,
        (f, _) => f,
    };
    let mut reader: Box<dyn BufRead> = if stdin {
        Box::new(std::io::BufReader::new(std::io::stdin().lock()))
    } else {
        let p = path.context("no input path")?;
        Box::new(std::io::BufReader::new(
            std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
        ))
    };
    let default_id = || {
        opts.id.clone().unwrap_or_else(|| {
            path.filter(|_| !stdin)
                .and_then(|p| p.file_stem())
                .map_or("stdin".into(), |s| s.to_string_lossy().into_owned())
        })
    };
    match fmt {
        InputFormat::Jsonl => jsonl(&mut reader, &name, opts, f),
        InputFormat::Auto => {
            // Standard input: JSON Lines when the first non-blank byte is `{`. Peek without
            // consuming, so JSON Lines stream document by document (--line-buffered).
            let first = loop {
                let buf = reader
                    .fill_buf()
                    .with_context(|| format!("cannot read {name}"))?;
                if buf.is_empty() {
                    break None;
                }
                match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                    Some(p) => break Some(buf[p]),
                    None => {
                        let n = buf.len();
                        reader.consume(n);
                    }
                }
            };
            if first == Some(b'{') {
                jsonl(&mut reader, &name, opts, f)
            } else {
                let mut buf = Vec::new();
                reader
                    .read_to_end(&mut buf)
                    .with_context(|| format!("cannot read {name}"))?;
                one_text(buf, &name, default_id(), opts, false, f)
            }
        }
        InputFormat::Text | InputFormat::Html => {
            let mut buf = Vec::new();
            reader
                .read_to_end(&mut buf)
                .with_context(|| format!("cannot read {name}"))?;
            one_text(buf, &name, default_id(), opts, fmt == InputFormat::Html, f)
        }
    }
}

fn one_text(
    buf: Vec<u8>,
    name: &str,
    id: String,
    opts: &Options,
    html: bool,
    f: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<()> {
    let text = match String::from_utf8(buf) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let meta = DocMeta {
        id: id.clone(),
        date: opts.date,
        ..Default::default()
    };
    if html {
        match extract_html(&text) {
            Ok((title, body)) => f(Item::Doc(DocMeta { title, ..meta }, body)),
            Err(e) => f(Item::Error(ErrorRecord {
                error: format!("HTML extraction failed: {e}"),
                input: name.into(),
                line: None,
                id: Some(id),
            })),
        }
    } else {
        f(Item::Doc(meta, text))
    }
}

fn jsonl(
    reader: &mut dyn BufRead,
    name: &str,
    opts: &Options,
    f: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<()> {
    let mut line = Vec::new();
    let mut no = 0;
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read {name}"))?;
        if n == 0 {
            break;
        }
        no += 1;
        // Valid UTF-8 (nearly every line) is checked by the word-at-a-time validator, several
        // times cheaper than the chunked lossy decoder; only a bad line pays for the repair.
        let s = match std::str::from_utf8(&line) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => String::from_utf8_lossy(&line),
        };
        if s.trim().is_empty() {
            continue;
        }
        let err = |msg: String, id: Option<String>| {
            Item::Error(ErrorRecord {
                error: msg,
                input: name.into(),
                line: Some(no),
                id,
            })
        };
        let v: serde_json::Value = match serde_json::from_str(s.trim()) {
            Ok(v) => v,
            Err(e) => {
                f(err(format!("malformed JSON: {e}"), None))?;
                continue;
            }
        };
        let get = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let id = get("id")
            .or_else(|| v.get("id").filter(|x| x.is_number()).map(|x| x.to_string()))
            .unwrap_or_else(|| {
                format!("{}:{no}", opts.id.clone().unwrap_or_else(|| "line".into()))
            });
        let date = match get("date")
            .or_else(|| get("published"))
            .or_else(|| get("publish_date"))
        {
            Some(d) => match parse_date(&d) {
                Some(d) => Some(d),
                None => {
                    f(err(format!("unreadable date `{d}`"), Some(id)))?;
                    continue;
                }
            },
            None => opts.date,
        };
        let meta = DocMeta {
            id: id.clone(),
            date,
            source: get("source"),
            url: get("url"),
            title: get("title"),
        };
        if let Some(text) = get("text")
            .or_else(|| get("body"))
            .or_else(|| get("content"))
        {
            f(Item::Doc(meta, text))?;
        } else if let Some(html) = get("html") {
            match extract_html(&html) {
                Ok((title, body)) => f(Item::Doc(
                    DocMeta {
                        title: meta.title.clone().or(title),
                        ..meta
                    },
                    body,
                ))?,
                Err(e) => f(err(format!("HTML extraction failed: {e}"), Some(id)))?,
            }
        } else {
            f(err(
                "record has no `text` (or `body`, `content`, `html`) string field".into(),
                Some(id),
            ))?;
        }
    }
    Ok(())
}

/// Main text of an HTML page (readability-style extraction), with its title.
pub fn extract_html(html: &str) -> Result<(Option<String>, String)> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::new(html, None, Some(cfg))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let a = r.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    let title = (!a.title.trim().is_empty()).then(|| a.title.to_string());
    Ok((title, a.text_content.to_string()))
}
