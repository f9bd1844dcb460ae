//! Requests at the edges of the contract (API.md "Requests at the edges"): odd
//! but possible requests, which every stack answers the same way.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use crate::support::{PASSWORD, TestApp};

fn sign_up_body(username: &str) -> String {
    json!({"username": username, "password": PASSWORD}).to_string()
}

#[tokio::test]
async fn json_is_read_whatever_the_content_type_says() {
    let app = TestApp::new().await;
    let no_content_type =
        Request::builder().method(Method::POST).uri("/api/users").body(Body::from(sign_up_body("alice")));
    assert_eq!(app.send(no_content_type.unwrap()).await.status, StatusCode::CREATED);
    for (name, content_type) in
        [("bob", "text/plain"), ("carol", "application/x-www-form-urlencoded"), ("dave", "image/png")]
    {
        let reply = app.raw(Method::POST, "/api/users", None, content_type, sign_up_body(name)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{content_type}: {}", reply.text());
    }
}

#[tokio::test]
async fn a_byte_order_mark_or_a_lone_surrogate_is_400_and_nothing_is_made() {
    let app = TestApp::new().await;
    let bom = format!("\u{feff}{}", sign_up_body("alice"));
    let bodies = [
        bom.as_str(),
        r#"{"username": "alice", "password": "\ud800\ud800\ud800\ud800"}"#,
        r#"{"username": "alice", "password": "correct horse", "\udfff": 1}"#,
    ];
    for body in bodies {
        let reply = app.raw(Method::POST, "/api/users", None, "application/json", body.to_string()).await;
        reply.assert_error(StatusCode::BAD_REQUEST, "bad_request");
    }
    app.get("/api/users/alice", None).await.assert_error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn any_key_is_allowed_even_one_with_a_nul() {
    let app = TestApp::new().await;
    let body = format!(r#"{{"\u0000a": 1, "username": "alice", "password": "{PASSWORD}"}}"#);
    let reply = app.raw(Method::POST, "/api/users", None, "application/json", body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
}

#[tokio::test]
async fn endpoints_that_take_no_body_ignore_one() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    app.sign_up("bob").await;
    for (content_type, body) in
        [("application/json", ""), ("text/plain", "not json"), ("application/json", "[")]
    {
        let reply = app.raw(Method::PUT, "/api/users/bob/follow", Some(&alice), content_type, body).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{content_type} {body:?}: {}", reply.text());
    }
    let reply = app.raw(Method::GET, "/api/me", Some(&alice), "application/json", "{").await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn a_page_parameter_given_twice_or_empty_is_422_on_it() {
    let app = TestApp::new().await;
    app.sign_up("alice").await;
    for (query, field) in [
        ("limit=1&limit=2", "limit"),
        ("limit=1&limit=abc", "limit"),
        ("limit=", "limit"),
        ("cursor=", "cursor"),
        ("cursor=x&cursor=y", "cursor"),
    ] {
        app.get(&format!("/api/posts?{query}"), None).await.assert_invalid(&[field]);
        app.get(&format!("/api/users/alice/followers?{query}"), None).await.assert_invalid(&[field]);
    }
    // Parameters the API does not know are ignored.
    assert_eq!(app.get("/api/posts?limit=1&page=2&sort=new", None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn paths_are_exact_and_a_name_or_id_that_cannot_exist_is_404() {
    let app = TestApp::new().await;
    app.sign_up("alice").await;
    for path in [
        "/api/posts/",
        "/api/users/alice/",
        "/api/me/",
        "/api/users/%FF",
        "/api/users/%FF/posts",
        "/api/users/%FF/followers",
        "/api/posts/%FF",
        "/api/posts/%C3%A9",
    ] {
        app.get(path, None).await.assert_error(StatusCode::NOT_FOUND, "not_found");
    }
}

#[tokio::test]
async fn options_anywhere_and_other_methods_on_the_front_page_are_405() {
    let app = TestApp::new().await;
    for path in ["/api/posts", "/api/users", "/healthz"] {
        let reply = app.call(Method::OPTIONS, path, None).await;
        reply.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    }
    for method in [Method::OPTIONS, Method::POST, Method::DELETE] {
        let reply = app.call(method.clone(), "/", None).await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{method} /");
    }
}
