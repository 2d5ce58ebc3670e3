//! Corpora for the stage benchmarks (`benches/stages.rs`) and for `examples/corpus_stats.rs`.
//!
//! The built-in corpus is a set of news-style articles written for this package
//! (`data/*.txt`, articles separated by a line `%%`, headline first, one paragraph per line),
//! each in two layouts: as written, and with the headline moved to the metadata and the body
//! re-wrapped at 64 columns with indented paragraphs, the way wire archives such as
//! Reuters-21578 lay text out. Set `ATTACHE_BENCH_CORPUS=path.jsonl` to use a JSON Lines corpus
//! (`{"id","date","text",...}` per line, as `scripts/reuters_to_jsonl.py` writes) instead, and
//! `ATTACHE_BENCH_DOCS=N` to take its first N documents (default 1,000; 0 for all of them).

use std::io::BufRead;
use std::path::Path;

use attache_doc::DocMeta;

/// The articles written for the benchmarks: (file name, contents).
pub const BUILTIN_FILES: [(&str, &str); 5] = [
    ("diplomacy", include_str!("../data/diplomacy.txt")),
    ("conflict", include_str!("../data/conflict.txt")),
    ("economy", include_str!("../data/economy.txt")),
    ("politics", include_str!("../data/politics.txt")),
    ("humanitarian", include_str!("../data/humanitarian.txt")),
];

/// Default number of documents taken from `ATTACHE_BENCH_CORPUS`.
pub const DEFAULT_DOCS: usize = 1000;

/// A list of documents to benchmark on.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Where the documents came from (for the benchmark output).
    pub name: String,
    pub docs: Vec<(DocMeta, String)>,
}

impl Corpus {
    /// Total text size in bytes.
    pub fn bytes(&self) -> usize {
        self.docs.iter().map(|(_, t)| t.len()).sum()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

fn meta(id: &str, date: Option<&str>) -> DocMeta {
    // Going through JSON keeps this crate free of a direct chrono dependency.
    let v = serde_json::json!({ "id": id, "date": date, "source": "Attache Wire" });
    serde_json::from_value(v).expect("valid DocMeta")
}

/// Re-wrap `text` the way wire archives do: lines of at most `width` columns, each paragraph
/// after the first indented by four spaces, no blank lines between paragraphs.
pub fn wire_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (pi, para) in text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        if pi > 0 {
            out.push('\n');
            out.push_str("    ");
        }
        let mut col = if pi > 0 { 4 } else { 0 };
        let mut first = true;
        for w in para.split_whitespace() {
            if !first && col + 1 + w.len() > width {
                out.push('\n');
                col = 0;
            } else if !first {
                out.push(' ');
                col += 1;
            }
            out.push_str(w);
            col += w.len();
            first = false;
        }
    }
    out
}

/// The built-in corpus: every article as written, and its body re-wrapped (about 46 KB).
pub fn builtin() -> Corpus {
    let mut docs = Vec::new();
    for (name, contents) in BUILTIN_FILES {
        for (i, article) in contents
            .split("\n%%\n")
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .enumerate()
        {
            let date = Some("2024-06-01");
            docs.push((meta(&format!("{name}-{i}"), date), article.to_string()));
            // As in wire archives, the headline is metadata, not body text.
            let (title, body) = article.split_once("\n\n").unwrap_or(("", article));
            let mut m = meta(&format!("{name}-{i}-wrapped"), date);
            m.title = Some(title.trim().to_string());
            docs.push((m, wire_wrap(body, 64)));
        }
    }
    Corpus {
        name: "built-in".into(),
        docs,
    }
}

/// Read up to `limit` documents (0 = all) from a JSON Lines file. Lines without a string
/// `text` are skipped.
pub fn from_jsonl(path: &Path, limit: usize) -> Result<Corpus, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        if limit > 0 && docs.len() >= limit {
            break;
        }
        let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let mut v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let Some(text) = v
            .as_object_mut()
            .and_then(|o| o.remove("text"))
            .and_then(|t| t.as_str().map(str::to_string))
        else {
            continue;
        };
        let meta: DocMeta = serde_json::from_value(v).unwrap_or_default();
        docs.push((meta, text));
    }
    Ok(Corpus {
        name: path.display().to_string(),
        docs,
    })
}

/// `ATTACHE_BENCH_CORPUS` (limited by `ATTACHE_BENCH_DOCS`) when set, else [`builtin`]. A relative
/// path is taken from the current directory, or else from the workspace root.
pub fn from_env() -> Corpus {
    match std::env::var_os("ATTACHE_BENCH_CORPUS") {
        Some(p) if !p.is_empty() => {
            let limit = std::env::var("ATTACHE_BENCH_DOCS")
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(DEFAULT_DOCS);
            // `cargo bench` runs in `benches/`: a relative path may be meant from the workspace.
            let mut path = std::path::PathBuf::from(&p);
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            if path.is_relative() && !path.exists() && root.join(&path).exists() {
                path = root.join(&path);
            }
            from_jsonl(&path, limit).unwrap_or_else(|e| panic!("ATTACHE_BENCH_CORPUS: {e}"))
        }
        _ => builtin(),
    }
}

/// The corpus named on the command line of an example: `PROGRAM CORPUS.jsonl [N]` (first N
/// documents; all when N is 0 or absent). Exits with a usage message when it cannot be read.
pub fn corpus_from_args(program: &str) -> Corpus {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next().map(std::path::PathBuf::from) else {
        eprintln!("usage: {program} CORPUS.jsonl [N]");
        std::process::exit(2);
    };
    let limit: usize = args
        .next()
        .and_then(|n| n.to_str().and_then(|n| n.parse().ok()))
        .unwrap_or(0);
    from_jsonl(&path, limit).unwrap_or_else(|e| {
        eprintln!("{program}: {e}");
        std::process::exit(2);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_corpus_is_realistic_size() {
        let c = builtin();
        assert!(c.len() >= 40, "{} documents", c.len());
        assert!(
            (20_000..=60_000).contains(&c.bytes()),
            "{} bytes",
            c.bytes()
        );
        assert!(c
            .docs
            .iter()
            .all(|(m, t)| m.date.is_some() && t.len() > 300));
    }

    #[test]
    fn wire_wrap_keeps_words_and_limits_width() {
        let t = "One two three four five six.\n\nSeven eight nine ten.";
        let w = wire_wrap(t, 12);
        assert!(w.lines().all(|l| l.len() <= 12), "{w}");
        assert_eq!(
            w.split_whitespace().collect::<Vec<_>>(),
            t.split_whitespace().collect::<Vec<_>>()
        );
        assert!(w.contains("\n    Seven"));
    }

    #[test]
    fn reads_json_lines() {
        let dir = std::env::temp_dir().join(format!("attache-benches-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("c.jsonl");
        std::fs::write(
            &p,
            "{\"id\":\"a\",\"date\":\"1987-02-26\",\"text\":\"Iran attacked Iraq.\"}\n\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"More.\"}\n",
        )
        .unwrap();
        let c = from_jsonl(&p, 0).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c.docs[0].0.id, "a");
        assert!(c.docs[0].0.date.is_some());
        assert_eq!(from_jsonl(&p, 1).unwrap().len(), 1);
        std::fs::remove_dir_all(&dir).ok();
    }
}
