//! The Attaché server: a JSON API over an event store and a single web page (timeline of events
//! per day by QuadClass, actor network, map, events list, article view).
//!
//! Read-only by default: the database is opened with `SQLITE_OPEN_READ_ONLY` and the only route
//! that writes, `POST /api/ingest`, answers 403 unless a token was configured (then it needs
//! `Authorization: Bearer TOKEN`). Requests never touch the file system: the page's three files
//! are compiled in and the database path is fixed at start. Bodies are limited in size, clients
//! in request rate (a token bucket per IP address) and the server in concurrent requests.
//!
//! | route | what |
//! |---|---|
//! | `GET /` , `/app.js`, `/style.css` | the page |
//! | `GET /api` | this list |
//! | `GET /api/stats` | totals, counts by day, CAMEO root and dyad |
//! | `GET /api/events` | merged events, paged (`limit` ≤ 500, `offset`, `order=recent|date|mentions`) |
//! | `GET /api/events/{id}` | one event with its mentions |
//! | `GET /api/mentions` | coded mentions, paged |
//! | `GET /api/documents` | documents, paged (`q` searches titles and ids) |
//! | `GET /api/documents/{id}` | text, annotation layers, mentions and near-duplicates |
//! | `GET /api/timeline` | events (or `level=mentions`) per day by QuadClass |
//! | `GET /api/network` | actor network (`limit` edges) |
//! | `GET /api/map` | event locations with counts |
//! | `GET /api/basemap` | land dots for the map (from the built-in gazetteer) |
//! | `GET /api/errors` | ingest error records |
//! | `POST /api/ingest` | code and store documents (token required) |
//!
//! Filters (all list routes): `from`, `to`, `actor`, `recipient`, `cameo`, `plover`, `status`,
//! `quad_class`, `place`, `source`, `doc`, `event`, `min_mentions`.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use attache_pipeline::Pipeline;
use attache_store::{Filter, NewDocument, Order, Page, Store, StoreError};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");

/// Largest page of a list route.
pub const MAX_PAGE: usize = 500;
/// Most documents in one ingest request.
pub const MAX_INGEST_DOCS: usize = 500;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("network error: {0}")]
    Io(#[from] std::io::Error),
}

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    /// Enables `POST /api/ingest` for requests carrying this bearer token.
    pub token: Option<String>,
    pub max_body_bytes: usize,
    /// Requests per second per client address (bursts of twice as many).
    pub rate_per_second: u32,
    /// Requests served at once.
    pub max_concurrent: usize,
    /// Read connections kept open.
    pub pool_size: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db: PathBuf::from("attache.db"),
            token: None,
            max_body_bytes: 2 * 1024 * 1024,
            rate_per_second: 50,
            max_concurrent: 64,
            pool_size: 8,
        }
    }
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Shared state of the handlers.
pub struct AppState {
    config: Config,
    readers: Mutex<Vec<Store>>,
    writer: Option<Mutex<Store>>,
    pipeline: Option<Arc<Pipeline>>,
    buckets: Mutex<HashMap<Option<IpAddr>, Bucket>>,
    basemap: OnceLock<Arc<String>>,
}

impl AppState {
    /// Open the database (read-only; for writing too when a token and a pipeline are given).
    pub fn new(
        config: Config,
        pipeline: Option<Arc<Pipeline>>,
    ) -> Result<Arc<AppState>, ServeError> {
        let writable = config.token.is_some() && pipeline.is_some();
        let writer = if writable {
            Some(Mutex::new(Store::open(&config.db)?))
        } else {
            None
        };
        let first = Store::open_read_only(&config.db)?;
        Ok(Arc::new(AppState {
            config,
            readers: Mutex::new(vec![first]),
            writer,
            pipeline: if writable { pipeline } else { None },
            buckets: Mutex::new(HashMap::new()),
            basemap: OnceLock::new(),
        }))
    }
}

/// An error answered as JSON `{"error": "..."}`.
#[derive(Debug)]
pub enum ApiError {
    BadRequest(String),
    NotFound(String),
    Unauthorized,
    Forbidden(String),
    TooMany,
    Internal(String),
    /// A request the extractors refused (bad JSON, body too large), with their status.
    Rejected(StatusCode, String),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Filter(m) => ApiError::BadRequest(m),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, msg) = match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "a valid `Authorization: Bearer TOKEN` header is required".into(),
            ),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            ApiError::TooMany => (StatusCode::TOO_MANY_REQUESTS, "too many requests".into()),
            ApiError::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),
            ApiError::Rejected(s, m) => (s, m),
        };
        let mut r = (status, Json(json!({ "error": msg }))).into_response();
        if status == StatusCode::TOO_MANY_REQUESTS {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        r
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// Run `f` with a pooled read-only connection on the blocking thread pool.
async fn read<T, F>(st: &Arc<AppState>, f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
{
    let st = st.clone();
    tokio::task::spawn_blocking(move || {
        let pooled = st.readers.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let store = match pooled {
            Some(s) => s,
            None => Store::open_read_only(&st.config.db)?,
        };
        let r = f(&store);
        let mut pool = st.readers.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < st.config.pool_size {
            pool.push(store);
        }
        r.map_err(ApiError::from)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?
}

/// Query-string parameters of the list routes (all strings, checked here).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Params {
    from: Option<String>,
    to: Option<String>,
    actor: Option<String>,
    recipient: Option<String>,
    cameo: Option<String>,
    plover: Option<String>,
    status: Option<String>,
    quad_class: Option<String>,
    place: Option<String>,
    source: Option<String>,
    doc: Option<String>,
    event: Option<String>,
    min_mentions: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
    order: Option<String>,
    level: Option<String>,
    q: Option<String>,
    top: Option<String>,
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn number<T: std::str::FromStr>(name: &str, v: &Option<String>) -> ApiResult<Option<T>> {
    nonempty(v)
        .map(|s| {
            s.parse::<T>()
                .map_err(|_| ApiError::BadRequest(format!("`{name}` must be a number")))
        })
        .transpose()
}

impl Params {
    fn filter(&self) -> ApiResult<Filter> {
        let f = Filter {
            from: nonempty(&self.from),
            to: nonempty(&self.to),
            actor: nonempty(&self.actor),
            recipient: nonempty(&self.recipient),
            cameo: nonempty(&self.cameo),
            plover: nonempty(&self.plover),
            status: nonempty(&self.status),
            quad_class: number("quad_class", &self.quad_class)?,
            place: nonempty(&self.place),
            source: nonempty(&self.source),
            doc: nonempty(&self.doc),
            event: number("event", &self.event)?,
            min_mentions: number("min_mentions", &self.min_mentions)?,
        };
        f.validate()?;
        Ok(f)
    }

    fn page(&self, default_order: Order) -> ApiResult<Page> {
        let limit = number::<usize>("limit", &self.limit)?.unwrap_or(50);
        if limit == 0 || limit > MAX_PAGE {
            return Err(ApiError::BadRequest(format!(
                "`limit` must be 1 to {MAX_PAGE}"
            )));
        }
        let offset = number::<usize>("offset", &self.offset)?.unwrap_or(0);
        if offset > 10_000_000 {
            return Err(ApiError::BadRequest("`offset` is too large".into()));
        }
        let order = match nonempty(&self.order).as_deref() {
            None => default_order,
            Some("date") => Order::Date,
            Some("recent") => Order::Recent,
            Some("mentions") => Order::Mentions,
            Some(o) => {
                return Err(ApiError::BadRequest(format!(
                    "`order` must be date, recent or mentions, not `{o}`"
                )))
            }
        };
        Ok(Page {
            limit: Some(limit),
            offset,
            order,
        })
    }

    fn mentions_level(&self) -> ApiResult<bool> {
        match nonempty(&self.level).as_deref() {
            None | Some("events") => Ok(false),
            Some("mentions") => Ok(true),
            Some(l) => Err(ApiError::BadRequest(format!(
                "`level` must be events or mentions, not `{l}`"
            ))),
        }
    }
}

async fn index() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        INDEX_HTML,
    )
}

async fn app_js() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "application/javascript; charset=utf-8",
        )],
        APP_JS,
    )
}

async fn style_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        STYLE_CSS,
    )
}

async fn api_index(State(st): State<Arc<AppState>>) -> Json<Value> {
    Json(json!({
        "name": "attache",
        "version": env!("CARGO_PKG_VERSION"),
        "ingest": st.writer.is_some(),
        "max_page": MAX_PAGE,
        "routes": [
            "GET /api/stats", "GET /api/events", "GET /api/events/{id}", "GET /api/mentions",
            "GET /api/documents", "GET /api/documents/{id}", "GET /api/timeline",
            "GET /api/network", "GET /api/map", "GET /api/basemap", "GET /api/errors",
            "POST /api/ingest"
        ],
        "filters": ["from", "to", "actor", "recipient", "cameo", "plover", "status",
                    "quad_class", "place", "source", "doc", "event", "min_mentions"],
    }))
}

async fn stats(State(st): State<Arc<AppState>>, Query(p): Query<Params>) -> ApiResult<Json<Value>> {
    let f = p.filter()?;
    let mentions = p.mentions_level()?;
    let top = number::<usize>("top", &p.top)?.unwrap_or(20).min(200);
    let s = read(&st, move |s| s.stats(&f, mentions, top)).await?;
    Ok(Json(json!(s)))
}

async fn events(
    State(st): State<Arc<AppState>>,
    Query(p): Query<Params>,
) -> ApiResult<Json<Value>> {
    let f = p.filter()?;
    let page = p.page(Order::Recent)?;
    let (total, items) = read(&st, move |s| {
        Ok((s.count_events(&f)?, s.events(&f, &page)?))
    })
    .await?;
    Ok(Json(json!({
        "total": total, "limit": page.limit, "offset": page.offset, "items": items
    })))
}

async fn event(State(st): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::BadRequest("event ids are numbers".into()))?;
    match read(&st, move |s| s.event(id)).await? {
        Some(e) => Ok(Json(json!(e))),
        None => Err(ApiError::NotFound(format!("no event {id}"))),
    }
}

async fn mentions(
    State(st): State<Arc<AppState>>,
    Query(p): Query<Params>,
) -> ApiResult<Json<Value>> {
    let f = p.filter()?;
    let page = p.page(Order::Recent)?;
    let (total, items) = read(&st, move |s| {
        Ok((s.count_mentions(&f)?, s.mentions(&f, &page)?))
    })
    .await?;
    Ok(Json(json!({
        "total": total, "limit": page.limit, "offset": page.offset, "items": items
    })))
}

async fn documents(
    State(st): State<Arc<AppState>>,
    Query(p): Query<Params>,
) -> ApiResult<Json<Value>> {
    let page = p.page(Order::Recent)?;
    let q = nonempty(&p.q);
    if q.as_ref().is_some_and(|q| q.len() > 200) {
        return Err(ApiError::BadRequest("`q` is too long".into()));
    }
    let (total, items) = read(&st, move |s| s.documents(q.as_deref(), &page)).await?;
    Ok(Json(json!({
        "total": total, "limit": page.limit, "offset": page.offset, "items": items
    })))
}

async fn document(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    if id.len() > 500 {
        return Err(ApiError::BadRequest("document id too long".into()));
    }
    let key = id.clone();
    match read(&st, move |s| s.document(&key)).await? {
        Some(d) => Ok(Json(json!(d))),
        None => Err(ApiError::NotFound(format!("no document `{id}`"))),
    }
}

async fn timeline(
    State(st): State<Arc<AppState>>,
    Query(p): Query<Params>,
) -> ApiResult<Json<Value>> {
    let f = p.filter()?;
    let mentions = p.mentions_level()?;
    let days = read(&st, move |s| s.timeline(&f, mentions)).await?;
    Ok(Json(json!(days)))
}

async fn network(
    State(st): State<Arc<AppState>>,
    Query(p): Query<Params>,
) -> ApiResult<Json<Value>> {
    let f = p.filter()?;
    let limit = number::<usize>("limit", &p.limit)?
        .unwrap_or(60)
        .clamp(1, MAX_PAGE);
    let n = read(&st, move |s| s.network(&f, limit)).await?;
    Ok(Json(json!(n)))
}

async fn map(State(st): State<Arc<AppState>>, Query(p): Query<Params>) -> ApiResult<Json<Value>> {
    let f = p.filter()?;
    let limit = number::<usize>("limit", &p.limit)?
        .unwrap_or(1000)
        .clamp(1, 5000);
    let points = read(&st, move |s| s.map(&f, limit)).await?;
    Ok(Json(json!(points)))
}

async fn errors(
    State(st): State<Arc<AppState>>,
    Query(p): Query<Params>,
) -> ApiResult<Json<Value>> {
    let page = p.page(Order::Recent)?;
    let items = read(&st, move |s| s.errors(&page)).await?;
    Ok(Json(json!({ "items": items })))
}

/// Land dots: one per 1.5° cell holding a populated place of the built-in gazetteer.
fn compute_basemap() -> String {
    let step = 1.5;
    let mut cells = std::collections::BTreeSet::new();
    if let Ok(g) = attache_places::Gazetteer::load_builtin() {
        for p in g.places() {
            if matches!(
                p.kind,
                attache_places::PlaceKind::City | attache_places::PlaceKind::Admin2
            ) {
                cells.insert(((p.lon / step).floor() as i32, (p.lat / step).floor() as i32));
            }
        }
    }
    let dots: Vec<[f64; 2]> = cells
        .into_iter()
        .map(|(x, y)| {
            let centre = |i: i32| ((f64::from(i) * step + step / 2.0) * 100.0).round() / 100.0;
            [centre(x), centre(y)]
        })
        .collect();
    json!({ "step": step, "dots": dots }).to_string()
}

async fn basemap(State(st): State<Arc<AppState>>) -> ApiResult<Response> {
    let st2 = st.clone();
    let body = tokio::task::spawn_blocking(move || {
        st2.basemap
            .get_or_init(|| Arc::new(compute_basemap()))
            .clone()
    })
    .await
    .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body.to_string(),
    )
        .into_response())
}

/// A document sent to `POST /api/ingest`.
#[derive(Debug, Deserialize)]
pub struct InDoc {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum IngestBody {
    Many(Vec<InDoc>),
    One(InDoc),
}

/// Constant-time comparison of the presented token.
fn token_ok(expected: &str, headers: &HeaderMap) -> bool {
    let Some(got) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (expected.as_bytes(), got.trim().as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}

async fn ingest(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Json<IngestBody>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Json<Value>> {
    let (Some(token), Some(_)) = (&st.config.token, &st.writer) else {
        return Err(ApiError::Forbidden(
            "this server is read-only (start it with a token to allow ingest)".into(),
        ));
    };
    if !token_ok(token, &headers) {
        return Err(ApiError::Unauthorized);
    }
    let Json(body) = body.map_err(|e| {
        let status = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            e.status()
        } else {
            StatusCode::BAD_REQUEST
        };
        ApiError::Rejected(status, e.body_text())
    })?;
    let docs = match body {
        IngestBody::Many(v) => v,
        IngestBody::One(d) => vec![d],
    };
    if docs.is_empty() || docs.len() > MAX_INGEST_DOCS {
        return Err(ApiError::BadRequest(format!(
            "send 1 to {MAX_INGEST_DOCS} documents"
        )));
    }
    let mut metas = Vec::with_capacity(docs.len());
    for d in docs {
        if d.id.trim().is_empty() || d.id.len() > 500 {
            return Err(ApiError::BadRequest(
                "every document needs an id (≤ 500 bytes)".into(),
            ));
        }
        let date = match d.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(
                s.get(..10)
                    .and_then(|x| chrono::NaiveDate::parse_from_str(x, "%Y-%m-%d").ok())
                    .ok_or_else(|| {
                        ApiError::BadRequest(format!(
                            "document `{}`: date `{s}` is not YYYY-MM-DD",
                            d.id
                        ))
                    })?,
            ),
            None => None,
        };
        let meta = attache_doc::DocMeta {
            id: d.id,
            date,
            source: d.source,
            url: d.url,
            title: d.title,
        };
        metas.push((meta, d.text));
    }
    let st2 = st.clone();
    let report = tokio::task::spawn_blocking(move || -> ApiResult<Value> {
        let (Some(pipeline), Some(writer)) = (&st2.pipeline, &st2.writer) else {
            return Err(ApiError::Forbidden("ingest is not enabled".into()));
        };
        let coded: Vec<NewDocument> = metas
            .into_iter()
            .map(|(meta, text)| {
                let (doc, records) = pipeline.code_text(meta, &text);
                NewDocument::new(&doc, records)
            })
            .collect();
        let mut w = writer.lock().unwrap_or_else(|e| e.into_inner());
        let r = w.ingest(&coded, &[], false)?;
        Ok(json!(r))
    })
    .await
    .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))??;
    Ok(Json(report))
}

/// Token bucket per client address.
async fn rate_limit(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let rate = f64::from(st.config.rate_per_second.max(1));
    let allowed = {
        let mut b = st.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if b.len() > 10_000 {
            b.clear();
        }
        let now = Instant::now();
        let bucket = b.entry(ip).or_insert(Bucket {
            tokens: rate * 2.0,
            at: now,
        });
        let elapsed = now.duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(rate * 2.0);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    };
    if !allowed {
        return ApiError::TooMany.into_response();
    }
    next.run(req).await
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

/// The application: routes, limits and headers.
pub fn router(st: Arc<AppState>) -> Router {
    let max_body = st.config.max_body_bytes;
    let max_concurrent = st.config.max_concurrent.max(1);
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(app_js))
        .route("/style.css", get(style_css))
        .route("/api", get(api_index))
        .route("/api/stats", get(stats))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/mentions", get(mentions))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/timeline", get(timeline))
        .route("/api/network", get(network))
        .route("/api/map", get(map))
        .route("/api/basemap", get(basemap))
        .route("/api/errors", get(errors))
        .route("/api/ingest", post(ingest))
        .fallback(|| async { ApiError::NotFound("no such route".into()) })
        .layer(DefaultBodyLimit::max(max_body))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(max_body))
        .layer(middleware::from_fn_with_state(st.clone(), rate_limit))
        .layer(middleware::from_fn(security_headers))
        .layer(tower::limit::ConcurrencyLimitLayer::new(max_concurrent))
        .with_state(st)
}

/// Serve until Ctrl-C. Prints `serving http://ADDR` on standard error once listening.
pub fn run(config: Config, pipeline: Option<Arc<Pipeline>>, addr: &str) -> Result<(), ServeError> {
    let writable = config.token.is_some();
    let state = AppState::new(config, pipeline)?;
    let app = router(state);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        eprintln!(
            "attache: serving http://{local}/ ({})",
            if writable {
                "ingest enabled with the token"
            } else {
                "read-only"
            }
        );
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
        Ok(())
    })
}
