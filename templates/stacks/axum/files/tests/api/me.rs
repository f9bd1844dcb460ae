use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::{TestApp, mixed_text};

#[tokio::test]
async fn me_is_the_caller_with_following_false() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let reply = app.get("/api/me", Some(&token)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let user = &reply.json()["user"];
    assert_eq!(user["username"], "alice");
    assert_eq!(user["following"], false);
}

#[tokio::test]
async fn me_needs_a_valid_token() {
    let app = TestApp::new().await;
    app.get("/api/me", None).await.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    app.get("/api/me", Some("not-a-token")).await.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    let reply = app.json(Method::PATCH, "/api/me", None, json!({"bio": "hi"})).await;
    reply.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn the_bio_is_0_to_160_characters_stored_as_sent() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let bio = mixed_text(160);
    let reply = app.json(Method::PATCH, "/api/me", Some(&token), json!({"bio": bio})).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["user"]["bio"], bio);
    assert_eq!(app.profile("alice", None).await["bio"], bio);

    let reply = app.json(Method::PATCH, "/api/me", Some(&token), json!({"bio": mixed_text(161)})).await;
    reply.assert_invalid(&["bio"]);
    let reply = app.json(Method::PATCH, "/api/me", Some(&token), json!({"bio": 42})).await;
    reply.assert_invalid(&["bio"]);

    let reply = app.json(Method::PATCH, "/api/me", Some(&token), json!({"bio": ""})).await;
    assert_eq!(reply.json()["user"]["bio"], "");
}

#[tokio::test]
async fn patching_without_a_bio_changes_nothing() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    app.json(Method::PATCH, "/api/me", Some(&token), json!({"bio": "hello"})).await;
    let reply = app.json(Method::PATCH, "/api/me", Some(&token), json!({"username": "mallory"})).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["user"]["bio"], "hello");
    assert_eq!(reply.json()["user"]["username"], "alice");
}
