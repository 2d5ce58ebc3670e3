//! The page in a real browser: Debian's headless Chromium loads it from a server on 127.0.0.1
//! over a small database, and the rendered DOM must hold the timeline, the actor network, the
//! map and an article view. A screenshot is saved under `target/screenshots/`.
//!
//! Runs only with `ATTACHE_BROWSER_TESTS=1` (needs `/usr/bin/chromium`: `apt-get install -y
//! chromium`). `ATTACHE_UPDATE_SCREENSHOT=1` also copies the screenshot to `docs/screenshot.png`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use attache_serve::{router, AppState, Config};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn chromium(args: &[String]) -> std::process::Output {
    let profile = std::env::temp_dir().join(format!("attache-chromium-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let out =
        Command::new(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--virtual-time-budget=20000",
                "--window-size=1400,1000",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(args)
            .output()
            .expect("cannot run chromium (apt-get install -y chromium)");
    let _ = std::fs::remove_dir_all(&profile);
    out
}

#[test]
fn page_renders_in_chromium() {
    if std::env::var("ATTACHE_BROWSER_TESTS").ok().as_deref() != Some("1") {
        eprintln!("skipped: set ATTACHE_BROWSER_TESTS=1 to run the headless-Chromium test");
        return;
    }
    let db = common::build_db("browser", common::SUMMIT);
    let config = Config {
        db,
        rate_per_second: 1000,
        ..Default::default()
    };
    let app = router(AppState::new(config, None).unwrap());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        axum::serve(listener, app).await.unwrap();
    });
    std::thread::sleep(Duration::from_millis(200));
    let url = format!("http://{addr}/");

    let out = chromium(&["--dump-dom".into(), url.clone()]);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page did not finish loading: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        &dom[..dom.len().min(3000)]
    );
    let section = |id: &str| -> String {
        let start = dom
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no #{id}"));
        let rest = &dom[start..];
        let end = rest.find("<section").unwrap_or(rest.len());
        rest[..end].to_string()
    };
    assert!(section("timeline").contains("<rect"), "timeline bars");
    assert!(
        section("network").contains("class=\"net-node\""),
        "network nodes"
    );
    assert!(section("network").contains("JPN"), "network labels");
    assert!(section("map").contains("class=\"map-point\""), "map points");
    let article = section("article");
    assert!(article.contains("class=\"sent"), "article sentences");
    assert!(
        article.contains("<mark class=\"trigger\""),
        "highlighted triggers"
    );
    assert!(
        article.contains("<mark class=\"actor\""),
        "highlighted actors"
    );
    assert!(
        article.contains("class=\"chip q"),
        "events beside sentences"
    );
    assert!(section("events").contains("Busan"), "events table");

    let shots = workspace().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join("attache-page.png");
    let _ = std::fs::remove_file(&png);
    let out = chromium(&[format!("--screenshot={}", png.display()), url]);
    assert!(
        png.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000);
    if std::env::var("ATTACHE_UPDATE_SCREENSHOT").ok().as_deref() == Some("1") {
        let docs = workspace().join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::copy(&png, docs.join("screenshot.png")).unwrap();
    }
    eprintln!("screenshot: {}", png.display());
}
