//! The JSON API through `tower::ServiceExt::oneshot`, over a small database built from the
//! store's test articles (written for the tests).

mod common;

use std::path::PathBuf;

use attache_serve::{router, AppState, Config};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{pipeline, SUMMIT};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const TOKEN: &str = "a-long-enough-test-token";

fn build_db(name: &str) -> PathBuf {
    common::build_db(name, SUMMIT)
}

fn app(db: PathBuf, token: Option<&str>, rate: u32) -> axum::Router {
    let config = Config {
        db,
        token: token.map(str::to_string),
        rate_per_second: rate,
        max_body_bytes: 64 * 1024,
        ..Default::default()
    };
    let pipeline = token.map(|_| pipeline());
    router(AppState::new(config, pipeline).unwrap())
}

async fn call(app: &axum::Router, req: Request<Body>) -> (StatusCode, Value) {
    let r = app.clone().oneshot(req).await.unwrap();
    let status = r.status();
    let bytes = r.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, v)
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn read_routes() {
    let app = app(build_db("read"), None, 1000);
    rt().block_on(async {
        let (s, v) = get(&app, "/api").await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["ingest"], false);

        let (s, v) = get(&app, "/api/stats").await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["totals"]["documents"], 7);
        assert_eq!(v["totals"]["duplicates"], 1);

        // Paging: one per page, totals stay.
        let (s, v) = get(&app, "/api/events?order=mentions&limit=1").await;
        assert_eq!(s, StatusCode::OK);
        let total = v["total"].as_i64().unwrap();
        assert!(total >= 3);
        assert_eq!(v["items"].as_array().unwrap().len(), 1);
        let top = &v["items"][0];
        assert_eq!(top["plover"], "CONSULT");
        assert_eq!(top["num_articles"], 5);
        let (_, v2) = get(&app, "/api/events?order=mentions&limit=1&offset=1").await;
        assert_ne!(v2["items"][0]["id"], top["id"]);

        let id = top["id"].as_i64().unwrap();
        let (s, ev) = get(&app, &format!("/api/events/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(ev["mentions"].as_array().unwrap().len(), 6);

        let (s, v) = get(&app, "/api/events?actor=PER").await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["total"], 1);
        let (_, v) = get(&app, "/api/events?place=Busan&plover=CONSULT").await;
        assert_eq!(v["total"], 1);
        let (_, v) = get(&app, "/api/mentions?doc=harbor-101&limit=10").await;
        assert!(v["total"].as_i64().unwrap() >= 1);

        let (s, d) = get(&app, "/api/documents/harbor-101").await;
        assert_eq!(s, StatusCode::OK);
        assert!(d["text"]
            .as_str()
            .unwrap()
            .starts_with("Japanese Foreign Minister"));
        assert!(!d["layers"]["sentences"].as_array().unwrap().is_empty());
        assert!(!d["mentions"].as_array().unwrap().is_empty());
        let (_, d) = get(&app, "/api/documents/meridian-7-copy").await;
        assert_eq!(d["duplicate_of"], "meridian-7");
        let (_, v) = get(&app, "/api/documents?q=Busan").await;
        assert_eq!(v["total"], 3);

        let (s, v) = get(&app, "/api/timeline").await;
        assert_eq!(s, StatusCode::OK);
        assert!(v
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["day"] == "2025-06-12"));
        let (_, v) = get(&app, "/api/network").await;
        assert!(!v["edges"].as_array().unwrap().is_empty());
        let (_, v) = get(&app, "/api/map").await;
        assert!(v.as_array().unwrap().iter().any(|p| p["name"] == "Lima"));
        let (_, v) = get(&app, "/api/errors").await;
        assert!(v["items"].as_array().unwrap().is_empty());
    });
}

#[test]
fn bad_requests_and_not_found() {
    let app = app(build_db("bad"), None, 1000);
    rt().block_on(async {
        for uri in [
            "/api/events?limit=0",
            "/api/events?limit=100000",
            "/api/events?from=yesterday",
            "/api/events?cameo=abc",
            "/api/events?quad_class=9",
            "/api/events?order=random",
            "/api/events/abc",
            "/api/timeline?level=words",
        ] {
            let (s, v) = get(&app, uri).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}");
            assert!(v["error"].is_string(), "{uri}: {v}");
        }
        for uri in [
            "/api/events/999999",
            "/api/documents/nope",
            "/etc/passwd",
            "/../Cargo.toml",
        ] {
            let (s, _) = get(&app, uri).await;
            assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
        }
    });
}

#[test]
fn page_and_assets() {
    let app = app(build_db("page"), None, 1000);
    rt().block_on(async {
        for (uri, ty) in [
            ("/", "text/html"),
            ("/app.js", "application/javascript"),
            ("/style.css", "text/css"),
        ] {
            let r = app
                .clone()
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let ct = r.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .to_string();
            assert!(ct.starts_with(ty), "{uri}: {ct}");
            assert!(r.headers().contains_key(header::CONTENT_SECURITY_POLICY));
            assert_eq!(r.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        }
        // The page loads nothing from elsewhere.
        let page = include_str!("../assets/index.html").to_string()
            + include_str!("../assets/app.js")
            + include_str!("../assets/style.css");
        for bad in ["http://", "https://", "//cdn", "@import"] {
            let hits: Vec<&str> = page
                .lines()
                .filter(|l| l.contains(bad) && !l.contains("www.w3.org/2000/svg"))
                .collect();
            assert!(hits.is_empty(), "{bad}: {hits:?}");
        }
    });
}

#[test]
fn read_only_by_default_and_ingest_needs_the_token() {
    let db = build_db("ingest");
    let doc = r#"{"id": "new-1", "date": "2025-06-20", "source": "Test Desk", "text": "Chilean President Gabriel Boric met Argentine President Javier Milei in Santiago on Friday."}"#;
    let post = |token: Option<&str>, body: String| {
        let mut b = Request::post("/api/ingest").header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        b.body(Body::from(body)).unwrap()
    };
    rt().block_on(async {
        let ro = app(db.clone(), None, 1000);
        let (s, _) = call(&ro, post(Some(TOKEN), doc.into())).await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        let rw = app(db.clone(), Some(TOKEN), 1000);
        let (s, _) = call(&rw, post(None, doc.into())).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, _) = call(&rw, post(Some("a-long-enough-test-tokem"), doc.into())).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, v) = call(&rw, post(Some(TOKEN), "{\"id\": 1}".into())).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
        let (s, v) = call(&rw, post(Some(TOKEN), doc.into())).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["new_documents"], 1);
        assert!(v["mentions"].as_i64().unwrap() >= 1);
        // Twice: unchanged.
        let (_, v) = call(&rw, post(Some(TOKEN), format!("[{doc}]"))).await;
        assert_eq!(v["unchanged"], 1);
        let (_, v) = get(&rw, "/api/documents/new-1").await;
        assert_eq!(v["source"], "Test Desk");
        // Too large a body.
        let big = format!(r#"{{"id": "big", "text": "{}"}}"#, "word ".repeat(20_000));
        let (s, _) = call(&rw, post(Some(TOKEN), big)).await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    });
}

#[test]
fn rate_limit() {
    let app = app(build_db("rate"), None, 2);
    rt().block_on(async {
        let mut codes = Vec::new();
        for _ in 0..8 {
            codes.push(get(&app, "/api").await.0);
        }
        assert!(codes[..4].iter().all(|c| *c == StatusCode::OK), "{codes:?}");
        assert!(codes.contains(&StatusCode::TOO_MANY_REQUESTS), "{codes:?}");
    });
}
