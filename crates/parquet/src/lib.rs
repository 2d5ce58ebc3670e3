//! Writes Attaché [`EventRecord`]s to Apache Parquet with a typed, nested schema.
//!
//! One row per event. The columns mirror the JSON record (`attache code --format jsonl`) field for
//! field, nested where the record is nested, plus one derived column, `event_date`:
//!
//! | column        | type                                                                      |
//! |---------------|---------------------------------------------------------------------------|
//! | `id`, `doc_id`| string                                                                    |
//! | `sentence`    | int64                                                                     |
//! | `cameo`, `cameo_root` | string                                                            |
//! | `goldstein`   | float32                                                                   |
//! | `quad_class`  | int32                                                                     |
//! | `plover`      | struct<event: string?, mode: string?>                                     |
//! | `status`      | string (`occurred`, `planned`, `negated`, `hypothetical`)                 |
//! | `actor`, `recipient` | list<struct<text, name, code, country?, sector?, start, end, inferred?>> |
//! | `trigger`     | struct<text, start, end>                                                  |
//! | `date`        | struct<value?, granularity, text?, start?, end?>                          |
//! | `event_date`  | date32?: the day of `date.value` when it names one (`1987-03-02`, `1987-03-02TMO`), else null |
//! | `location`    | struct<text, name, country?, geonameid: int64?, lat?, lon?, feature, resolution, start, end>? |
//! | `attribution` | list<struct<text, source, start, end>>                                    |
//! | `counts`      | list<struct<kind, value: float64, qualifier?, text, start, end, attribution?>> |
//!
//! Offsets are character offsets as in the JSON record, stored as int64 (Spark has no unsigned
//! types). Lists use the standard three-level Parquet LIST layout with `element` items, so Spark,
//! DuckDB, DataFusion and pyarrow read the nested columns natively. Files are Snappy-compressed.
//! The same events always give the same bytes.

use std::borrow::Borrow;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use arrow_array::builder::{
    Date32Builder, Float32Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use attache_events::{ActorRef, Attribution, Count, EventRecord};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

/// Version of the column layout, stored in the file's key-value metadata as `attache.schema`.
pub const SCHEMA_VERSION: &str = "attache.event/1";

/// Errors while writing events to Parquet.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // Display names the layer only: the cause is the error's `source()`, which error reporters
    // (anyhow's `{:#}`, for one) print after it.
    #[error("Parquet writer")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("Arrow arrays")]
    Arrow(#[from] arrow_schema::ArrowError),
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("event {id}: {field} = {value} does not fit a signed 64-bit integer")]
    OutOfRange {
        id: String,
        field: &'static str,
        value: u64,
    },
    #[error("a batch holds more list items than a 32-bit offset can address")]
    ListTooLong,
    #[error("the writer was already finished")]
    Finished,
}

/// What a finished file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub rows: u64,
    pub row_groups: usize,
}

/// Tuning knobs; the defaults suit files of any size.
#[derive(Debug, Clone)]
pub struct Options {
    /// Events gathered into one Arrow batch before it goes to the Parquet writer.
    pub batch_rows: usize,
    /// Text bytes gathered into one batch before it is written (bounds memory, and keeps the
    /// 32-bit string offsets of a batch far from overflow).
    pub batch_bytes: usize,
    /// Rows per row group (the unit a reader skips or reads in parallel).
    pub row_group_rows: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            batch_rows: 8192,
            batch_bytes: 32 << 20,
            row_group_rows: 256 * 1024,
        }
    }
}

fn s(name: &str) -> Field {
    Field::new(name, DataType::Utf8, false)
}
fn s_opt(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}
fn i64f(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}
fn list_of(name: &str, fields: Fields) -> Field {
    Field::new(
        name,
        DataType::List(Arc::new(Field::new(
            "element",
            DataType::Struct(fields),
            false,
        ))),
        false,
    )
}

fn actor_fields() -> Fields {
    Fields::from(vec![
        s("text"),
        s("name"),
        s("code"),
        s_opt("country"),
        s_opt("sector"),
        i64f("start"),
        i64f("end"),
        s_opt("inferred"),
    ])
}
fn plover_fields() -> Fields {
    Fields::from(vec![s_opt("event"), s_opt("mode")])
}
fn span_fields() -> Fields {
    Fields::from(vec![s("text"), i64f("start"), i64f("end")])
}
fn date_fields() -> Fields {
    Fields::from(vec![
        s_opt("value"),
        s("granularity"),
        s_opt("text"),
        Field::new("start", DataType::Int64, true),
        Field::new("end", DataType::Int64, true),
    ])
}
fn location_fields() -> Fields {
    Fields::from(vec![
        s("text"),
        s("name"),
        s_opt("country"),
        Field::new("geonameid", DataType::Int64, true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        s("feature"),
        s("resolution"),
        i64f("start"),
        i64f("end"),
    ])
}
fn attribution_fields() -> Fields {
    Fields::from(vec![s("text"), s("source"), i64f("start"), i64f("end")])
}
fn count_fields() -> Fields {
    Fields::from(vec![
        s("kind"),
        Field::new("value", DataType::Float64, false),
        s_opt("qualifier"),
        s("text"),
        i64f("start"),
        i64f("end"),
        s_opt("attribution"),
    ])
}

/// The Arrow schema of the event table (see the crate documentation).
pub fn schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            let fields = vec![
                s("id"),
                s("doc_id"),
                i64f("sentence"),
                s("cameo"),
                s("cameo_root"),
                Field::new("goldstein", DataType::Float32, false),
                Field::new("quad_class", DataType::Int32, false),
                Field::new("plover", DataType::Struct(plover_fields()), false),
                s("status"),
                list_of("actor", actor_fields()),
                list_of("recipient", actor_fields()),
                Field::new("trigger", DataType::Struct(span_fields()), false),
                Field::new("date", DataType::Struct(date_fields()), false),
                Field::new("event_date", DataType::Date32, true),
                Field::new("location", DataType::Struct(location_fields()), true),
                list_of("attribution", attribution_fields()),
                list_of("counts", count_fields()),
            ];
            let meta = [("attache.schema".to_string(), SCHEMA_VERSION.to_string())];
            Arc::new(Schema::new(fields).with_metadata(std::collections::HashMap::from(meta)))
        })
        .clone()
}

/// The day named by a TIMEX value that starts with `YYYY-MM-DD` (`1987-03-02`, `1987-03-02TMO`).
pub fn event_day(value: &str) -> Option<NaiveDate> {
    let b = value.as_bytes();
    let shape = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

fn days_since_epoch(d: NaiveDate) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from(d.signed_duration_since(epoch).num_days()).ok()
}

fn to_i64(id: &str, field: &'static str, v: u64) -> Result<i64, Error> {
    i64::try_from(v).map_err(|_| Error::OutOfRange {
        id: id.to_string(),
        field,
        value: v,
    })
}

fn off(id: &str, field: &'static str, v: usize) -> Result<i64, Error> {
    to_i64(id, field, v as u64)
}

/// List offsets, checked against i32 overflow.
struct Offsets(Vec<i32>);

impl Offsets {
    fn new() -> Self {
        Offsets(vec![0])
    }
    fn push(&mut self, n: usize) -> Result<(), Error> {
        let last = self.0.last().copied().unwrap_or(0);
        let n = i32::try_from(n).map_err(|_| Error::ListTooLong)?;
        self.0.push(last.checked_add(n).ok_or(Error::ListTooLong)?);
        Ok(())
    }
    /// How many more list items this batch can take.
    fn room(&self) -> usize {
        let last = self.0.last().copied().unwrap_or(0);
        usize::try_from(i32::MAX - last).unwrap_or(0)
    }
    fn take(&mut self) -> OffsetBuffer<i32> {
        let v = std::mem::replace(&mut self.0, vec![0]);
        // Monotonic and non-negative by construction.
        OffsetBuffer::new(ScalarBuffer::from(v))
    }
}

fn list(
    fields: Fields,
    offsets: OffsetBuffer<i32>,
    values: StructArray,
) -> Result<ArrayRef, Error> {
    let item = Arc::new(Field::new("element", DataType::Struct(fields), false));
    Ok(Arc::new(ListArray::try_new(
        item,
        offsets,
        Arc::new(values),
        None,
    )?))
}

fn strukt(
    fields: Fields,
    arrays: Vec<ArrayRef>,
    nulls: Option<NullBuffer>,
) -> Result<StructArray, Error> {
    Ok(StructArray::try_new(fields, arrays, nulls)?)
}

#[derive(Default)]
struct Actors {
    offsets: Option<Offsets>,
    text: StringBuilder,
    name: StringBuilder,
    code: StringBuilder,
    country: StringBuilder,
    sector: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
    inferred: StringBuilder,
}

impl Actors {
    fn append(&mut self, id: &str, actors: &[ActorRef]) -> Result<usize, Error> {
        let mut bytes = 0;
        for a in actors {
            self.text.append_value(&a.text);
            self.name.append_value(&a.name);
            self.code.append_value(&a.code);
            self.country.append_option(a.country.as_deref());
            self.sector.append_option(a.sector.as_deref());
            self.start.append_value(off(id, "actor.start", a.start)?);
            self.end.append_value(off(id, "actor.end", a.end)?);
            self.inferred.append_option(a.inferred.as_deref());
            bytes += a.text.len() + a.name.len() + a.code.len();
        }
        self.offsets
            .get_or_insert_with(Offsets::new)
            .push(actors.len())?;
        Ok(bytes)
    }
    fn finish(&mut self) -> Result<ArrayRef, Error> {
        let values = strukt(
            actor_fields(),
            vec![
                Arc::new(self.text.finish()),
                Arc::new(self.name.finish()),
                Arc::new(self.code.finish()),
                Arc::new(self.country.finish()),
                Arc::new(self.sector.finish()),
                Arc::new(self.start.finish()),
                Arc::new(self.end.finish()),
                Arc::new(self.inferred.finish()),
            ],
            None,
        )?;
        let offsets = self.offsets.get_or_insert_with(Offsets::new).take();
        list(actor_fields(), offsets, values)
    }
}

#[derive(Default)]
struct Attributions {
    offsets: Option<Offsets>,
    text: StringBuilder,
    source: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
}

impl Attributions {
    fn append(&mut self, id: &str, v: &[Attribution]) -> Result<usize, Error> {
        let mut bytes = 0;
        for a in v {
            self.text.append_value(&a.text);
            self.source.append_value(&a.source);
            self.start
                .append_value(off(id, "attribution.start", a.start)?);
            self.end.append_value(off(id, "attribution.end", a.end)?);
            bytes += a.text.len() + a.source.len();
        }
        self.offsets
            .get_or_insert_with(Offsets::new)
            .push(v.len())?;
        Ok(bytes)
    }
    fn finish(&mut self) -> Result<ArrayRef, Error> {
        let values = strukt(
            attribution_fields(),
            vec![
                Arc::new(self.text.finish()),
                Arc::new(self.source.finish()),
                Arc::new(self.start.finish()),
                Arc::new(self.end.finish()),
            ],
            None,
        )?;
        let offsets = self.offsets.get_or_insert_with(Offsets::new).take();
        list(attribution_fields(), offsets, values)
    }
}

#[derive(Default)]
struct Counts {
    offsets: Option<Offsets>,
    kind: StringBuilder,
    value: Float64Builder,
    qualifier: StringBuilder,
    text: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
    attribution: StringBuilder,
}

impl Counts {
    fn append(&mut self, id: &str, v: &[Count]) -> Result<usize, Error> {
        let mut bytes = 0;
        for c in v {
            self.kind.append_value(&c.kind);
            self.value.append_value(c.value);
            self.qualifier.append_option(c.qualifier.as_deref());
            self.text.append_value(&c.text);
            self.start.append_value(off(id, "counts.start", c.start)?);
            self.end.append_value(off(id, "counts.end", c.end)?);
            self.attribution.append_option(c.attribution.as_deref());
            bytes += c.kind.len() + c.text.len();
        }
        self.offsets
            .get_or_insert_with(Offsets::new)
            .push(v.len())?;
        Ok(bytes)
    }
    fn finish(&mut self) -> Result<ArrayRef, Error> {
        let values = strukt(
            count_fields(),
            vec![
                Arc::new(self.kind.finish()),
                Arc::new(self.value.finish()),
                Arc::new(self.qualifier.finish()),
                Arc::new(self.text.finish()),
                Arc::new(self.start.finish()),
                Arc::new(self.end.finish()),
                Arc::new(self.attribution.finish()),
            ],
            None,
        )?;
        let offsets = self.offsets.get_or_insert_with(Offsets::new).take();
        list(count_fields(), offsets, values)
    }
}

#[derive(Default)]
struct Locations {
    valid: Vec<bool>,
    text: StringBuilder,
    name: StringBuilder,
    country: StringBuilder,
    geonameid: Int64Builder,
    lat: Float64Builder,
    lon: Float64Builder,
    feature: StringBuilder,
    resolution: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
}

impl Locations {
    fn append(&mut self, id: &str, l: Option<&attache_events::Location>) -> Result<usize, Error> {
        let Some(l) = l else {
            // Under a null struct slot the children hold placeholders that no reader sees.
            self.valid.push(false);
            self.text.append_value("");
            self.name.append_value("");
            self.country.append_null();
            self.geonameid.append_null();
            self.lat.append_null();
            self.lon.append_null();
            self.feature.append_value("");
            self.resolution.append_value("");
            self.start.append_value(0);
            self.end.append_value(0);
            return Ok(0);
        };
        self.valid.push(true);
        self.text.append_value(&l.text);
        self.name.append_value(&l.name);
        self.country.append_option(l.country.as_deref());
        self.geonameid.append_option(
            l.geonameid
                .map(|g| to_i64(id, "location.geonameid", g))
                .transpose()?,
        );
        self.lat.append_option(l.lat);
        self.lon.append_option(l.lon);
        self.feature.append_value(&l.feature);
        self.resolution.append_value(&l.resolution);
        self.start.append_value(off(id, "location.start", l.start)?);
        self.end.append_value(off(id, "location.end", l.end)?);
        Ok(l.text.len() + l.name.len())
    }
    fn finish(&mut self) -> Result<ArrayRef, Error> {
        let valid = std::mem::take(&mut self.valid);
        let nulls = NullBuffer::from(valid);
        let nulls = (nulls.null_count() > 0).then_some(nulls);
        Ok(Arc::new(strukt(
            location_fields(),
            vec![
                Arc::new(self.text.finish()),
                Arc::new(self.name.finish()),
                Arc::new(self.country.finish()),
                Arc::new(self.geonameid.finish()),
                Arc::new(self.lat.finish()),
                Arc::new(self.lon.finish()),
                Arc::new(self.feature.finish()),
                Arc::new(self.resolution.finish()),
                Arc::new(self.start.finish()),
                Arc::new(self.end.finish()),
            ],
            nulls,
        )?))
    }
}

/// Column builders for one batch of events.
#[derive(Default)]
struct Batch {
    rows: usize,
    bytes: usize,
    id: StringBuilder,
    doc_id: StringBuilder,
    sentence: Int64Builder,
    cameo: StringBuilder,
    cameo_root: StringBuilder,
    goldstein: Float32Builder,
    quad_class: Int32Builder,
    plover_event: StringBuilder,
    plover_mode: StringBuilder,
    status: StringBuilder,
    actor: Actors,
    recipient: Actors,
    trigger_text: StringBuilder,
    trigger_start: Int64Builder,
    trigger_end: Int64Builder,
    date_value: StringBuilder,
    date_granularity: StringBuilder,
    date_text: StringBuilder,
    date_start: Int64Builder,
    date_end: Int64Builder,
    event_date: Date32Builder,
    location: Locations,
    attribution: Attributions,
    counts: Counts,
}

impl Batch {
    /// Appends one event. Every fallible conversion happens before the first column is touched,
    /// so a rejected event leaves the batch consistent.
    fn append(&mut self, e: &EventRecord) -> Result<(), Error> {
        let id = e.id.as_str();
        let sentence = off(id, "sentence", e.sentence)?;
        let trigger = (
            off(id, "trigger.start", e.trigger.start)?,
            off(id, "trigger.end", e.trigger.end)?,
        );
        let date_start = e.date.start.map(|v| off(id, "date.start", v)).transpose()?;
        let date_end = e.date.end.map(|v| off(id, "date.end", v)).transpose()?;
        check_nested(e)?;
        let room = |o: &Option<Offsets>| o.as_ref().map_or(i32::MAX as usize, Offsets::room);
        if e.actor.len() > room(&self.actor.offsets)
            || e.recipient.len() > room(&self.recipient.offsets)
            || e.attribution.len() > room(&self.attribution.offsets)
            || e.counts.len() > room(&self.counts.offsets)
        {
            return Err(Error::ListTooLong);
        }

        self.id.append_value(id);
        self.doc_id.append_value(&e.doc_id);
        self.sentence.append_value(sentence);
        self.cameo.append_value(&e.cameo);
        self.cameo_root.append_value(&e.cameo_root);
        self.goldstein.append_value(e.goldstein);
        self.quad_class.append_value(i32::from(e.quad_class));
        self.plover_event.append_option(e.plover.event.as_deref());
        self.plover_mode.append_option(e.plover.mode.as_deref());
        self.status.append_value(e.status.as_str());
        let mut bytes = id.len() + e.doc_id.len() + e.trigger.text.len();
        bytes += self.actor.append(id, &e.actor)?;
        bytes += self.recipient.append(id, &e.recipient)?;
        self.trigger_text.append_value(&e.trigger.text);
        self.trigger_start.append_value(trigger.0);
        self.trigger_end.append_value(trigger.1);
        self.date_value.append_option(e.date.value.as_deref());
        self.date_granularity.append_value(&e.date.granularity);
        self.date_text.append_option(e.date.text.as_deref());
        self.date_start.append_option(date_start);
        self.date_end.append_option(date_end);
        self.event_date.append_option(
            e.date
                .value
                .as_deref()
                .and_then(event_day)
                .and_then(days_since_epoch),
        );
        bytes += self.location.append(id, e.location.as_ref())?;
        bytes += self.attribution.append(id, &e.attribution)?;
        bytes += self.counts.append(id, &e.counts)?;
        self.rows += 1;
        self.bytes += bytes;
        Ok(())
    }

    fn finish(&mut self) -> Result<RecordBatch, Error> {
        self.rows = 0;
        self.bytes = 0;
        let plover = strukt(
            plover_fields(),
            vec![
                Arc::new(self.plover_event.finish()),
                Arc::new(self.plover_mode.finish()),
            ],
            None,
        )?;
        let trigger = strukt(
            span_fields(),
            vec![
                Arc::new(self.trigger_text.finish()),
                Arc::new(self.trigger_start.finish()),
                Arc::new(self.trigger_end.finish()),
            ],
            None,
        )?;
        let date = strukt(
            date_fields(),
            vec![
                Arc::new(self.date_value.finish()),
                Arc::new(self.date_granularity.finish()),
                Arc::new(self.date_text.finish()),
                Arc::new(self.date_start.finish()),
                Arc::new(self.date_end.finish()),
            ],
            None,
        )?;
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            Arc::new(self.doc_id.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.cameo.finish()),
            Arc::new(self.cameo_root.finish()),
            Arc::new(self.goldstein.finish()),
            Arc::new(self.quad_class.finish()),
            Arc::new(plover),
            Arc::new(self.status.finish()),
            self.actor.finish()?,
            self.recipient.finish()?,
            Arc::new(trigger),
            Arc::new(date),
            Arc::new(self.event_date.finish()),
            self.location.finish()?,
            self.attribution.finish()?,
            self.counts.finish()?,
        ];
        Ok(RecordBatch::try_new(schema(), columns)?)
    }
}

/// Checks the nested integers that [`Batch::append`] converts, so that a failure there cannot
/// leave half an event in the batch.
fn check_nested(e: &EventRecord) -> Result<(), Error> {
    let id = e.id.as_str();
    for a in e.actor.iter().chain(&e.recipient) {
        off(id, "actor.start", a.start)?;
        off(id, "actor.end", a.end)?;
    }
    for a in &e.attribution {
        off(id, "attribution.start", a.start)?;
        off(id, "attribution.end", a.end)?;
    }
    for c in &e.counts {
        off(id, "counts.start", c.start)?;
        off(id, "counts.end", c.end)?;
    }
    if let Some(l) = &e.location {
        off(id, "location.start", l.start)?;
        off(id, "location.end", l.end)?;
        if let Some(g) = l.geonameid {
            to_i64(id, "location.geonameid", g)?;
        }
    }
    Ok(())
}

/// Streams events into a Parquet file.
pub struct EventWriter<W: Write + Send> {
    writer: Option<ArrowWriter<W>>,
    batch: Batch,
    opts: Options,
    rows: u64,
}

impl<W: Write + Send> EventWriter<W> {
    pub fn try_new(out: W) -> Result<Self, Error> {
        Self::with_options(out, Options::default())
    }

    pub fn with_options(out: W, opts: Options) -> Result<Self, Error> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(opts.row_group_rows.max(1)))
            .set_key_value_metadata(Some(vec![KeyValue::new(
                "attache.schema".to_string(),
                SCHEMA_VERSION.to_string(),
            )]))
            .build();
        let writer = ArrowWriter::try_new(out, schema(), Some(props))?;
        Ok(EventWriter {
            writer: Some(writer),
            batch: Batch::default(),
            opts,
            rows: 0,
        })
    }

    /// Adds one event.
    pub fn write(&mut self, e: &EventRecord) -> Result<(), Error> {
        if self.writer.is_none() {
            return Err(Error::Finished);
        }
        match self.batch.append(e) {
            // The batch's lists are full: write it out and start a new one.
            Err(Error::ListTooLong) if self.batch.rows > 0 => {
                self.flush_batch()?;
                self.batch.append(e)?;
            }
            r => r?,
        }
        self.rows += 1;
        if self.batch.rows >= self.opts.batch_rows.max(1)
            || self.batch.bytes >= self.opts.batch_bytes
        {
            self.flush_batch()?;
        }
        Ok(())
    }

    /// Events written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    fn flush_batch(&mut self) -> Result<(), Error> {
        if self.batch.rows == 0 {
            return Ok(());
        }
        let rb = self.batch.finish()?;
        self.writer.as_mut().ok_or(Error::Finished)?.write(&rb)?;
        Ok(())
    }

    /// Writes the remaining rows and the footer, and flushes the output.
    pub fn finish(mut self) -> Result<Summary, Error> {
        self.flush_batch()?;
        let mut writer = self.writer.take().ok_or(Error::Finished)?;
        let meta = writer.finish()?;
        Ok(Summary {
            rows: self.rows,
            row_groups: meta.num_row_groups(),
        })
    }
}

/// Writes all `events` to `out` as one Parquet file.
pub fn write_events<I, W>(events: I, out: W) -> Result<Summary, Error>
where
    I: IntoIterator,
    I::Item: Borrow<EventRecord>,
    W: Write + Send,
{
    let mut w = EventWriter::try_new(out)?;
    for e in events {
        w.write(e.borrow())?;
    }
    w.finish()
}

/// Writes all `events` to the file `path`: first to `path` + `.tmp`, which is synced and then
/// renamed, so that `path` never holds a partial file. On error the temporary file is removed.
pub fn write_events_to_path<I>(events: I, path: &Path) -> Result<Summary, Error>
where
    I: IntoIterator,
    I::Item: Borrow<EventRecord>,
{
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| Error::Io { path: p, source }
    };
    let result = (|| {
        let file = File::create(&tmp).map_err(io(&tmp))?;
        let summary = write_events(events, &file)?;
        file.sync_all().map_err(io(&tmp))?;
        std::fs::rename(&tmp, path).map_err(io(path))?;
        Ok(summary)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
