use std::path::{Path, PathBuf};

use axum::http::{Method, StatusCode};

use crate::support::TestApp;

/// The path, under web/, of a front-end file with this extension.
fn front_end_file(extension: &str) -> String {
    fn find(dir: &Path, extension: &str) -> Option<PathBuf> {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir).ok()?.filter_map(|e| Some(e.ok()?.path())).collect();
        entries.sort();
        entries
            .iter()
            .find(|path| path.extension().is_some_and(|e| e == extension))
            .cloned()
            .or_else(|| entries.iter().find_map(|path| find(path, extension)))
    }
    let path = find(Path::new("web"), extension).unwrap_or_else(|| panic!("a .{extension} file in web/"));
    format!("/{}", path.strip_prefix("web").unwrap().display())
}

#[tokio::test]
async fn the_front_end_is_served_at_the_root_with_a_strict_csp() {
    let app = TestApp::new().await;
    let reply = app.get("/", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(reply.header("permissions-policy"), "camera=(), microphone=(), geolocation=()");
    let policy = reply.header("content-security-policy");
    let script_src = policy.split(';').map(str::trim).find(|d| d.starts_with("script-src"));
    assert_eq!(script_src, Some("script-src 'self'"));
    assert_eq!(app.get("/index.html", None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn scripts_and_styles_have_their_content_types() {
    let app = TestApp::new().await;
    for (extension, content_type) in [("js", "text/javascript"), ("css", "text/css")] {
        let reply = app.get(&front_end_file(extension), None).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.header("content-type").starts_with(content_type), "{}", reply.header("content-type"));
    }
}

#[tokio::test]
async fn files_outside_the_front_end_are_not_served() {
    let app = TestApp::new().await;
    for path in
        ["/no-such-file.css", "/..%2fCargo.toml", "/%2e%2e/Cargo.toml", "/../Cargo.toml", "/web/index.html"]
    {
        assert_eq!(app.get(path, None).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn every_response_says_nosniff() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let replies = [
        app.get("/healthz", None).await,
        app.get("/", None).await,
        app.get("/api/posts", None).await,
        app.get("/api/nope", None).await,
        app.call(Method::POST, "/api/me", None).await,
        app.get("/api/me", Some("not-a-token")).await,
        app.call(Method::DELETE, "/api/sessions", Some(&token)).await,
        app.get("/no-such-file.js", None).await,
    ];
    for reply in replies {
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{}", reply.status);
    }
}
