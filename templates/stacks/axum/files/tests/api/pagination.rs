use crate::support::{TestApp, id};

/// A user with `count` posts; returns the token and the ids, newest first.
async fn posts(app: &TestApp, count: usize) -> (String, Vec<String>) {
    let token = app.sign_up("paul").await;
    let mut newest_first = Vec::new();
    for i in 0..count {
        newest_first.insert(0, id(&app.create_post(&token, &format!("post {i}")).await));
    }
    (token, newest_first)
}

#[tokio::test]
async fn pages_hold_20_by_default_and_end_with_a_null_cursor() {
    let app = TestApp::new().await;
    let (_, all) = posts(&app, 21).await;
    let (first, cursor) = app.page("/api/users/paul/posts", None, "posts").await;
    assert_eq!(first, all[..20]);
    let cursor = cursor.expect("a next page");
    let (second, next) = app.page(&format!("/api/users/paul/posts?cursor={cursor}"), None, "posts").await;
    assert_eq!(second, all[20..]);
    assert_eq!(next, None);
    let (everything, next) = app.page("/api/users/paul/posts?limit=100", None, "posts").await;
    assert_eq!((everything, next), (all, None));
}

#[tokio::test]
async fn paging_shows_each_post_once_while_new_ones_arrive() {
    let app = TestApp::new().await;
    let (token, all) = posts(&app, 7).await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = cursor.map(|c| format!("&cursor={c}")).unwrap_or_default();
        let (page, next) = app.page(&format!("/api/posts?limit=2{query}"), None, "posts").await;
        seen.extend(page);
        app.create_post(&token, "made while paging").await;
        match next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, all);
}

#[tokio::test]
async fn a_bad_limit_or_cursor_is_422() {
    let app = TestApp::new().await;
    let (token, _) = posts(&app, 1).await;
    for limit in ["0", "101", "x", "-1", "+5", "", "1.5"] {
        let reply = app.get(&format!("/api/posts?limit={limit}"), None).await;
        reply.assert_invalid(&["limit"]);
    }
    for path in ["/api/feed?cursor=vf-not-a-cursor", "/api/users/paul/followers?cursor=abc"] {
        app.get(path, Some(&token)).await.assert_invalid(&["cursor"]);
    }
    app.get("/api/posts?limit=0&cursor=x", None).await.assert_invalid(&["cursor", "limit"]);
}
