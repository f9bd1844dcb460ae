use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{PASSWORD, Reply, TestApp};

async fn log_in(app: &TestApp, body: Value) -> Reply {
    app.json(Method::POST, "/api/sessions", None, body).await
}

#[tokio::test]
async fn logging_in_ignores_the_case_of_the_username_and_returns_a_new_token() {
    let app = TestApp::new().await;
    let first = app.sign_up("alice").await;
    let reply = log_in(&app, json!({"username": "ALICE", "password": PASSWORD})).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["user"]["username"], "alice");
    assert!(body["user"].get("following").is_none());
    let second = body["token"].as_str().unwrap();
    assert_ne!(second, first);
    // Both sessions work.
    for token in [first.as_str(), second] {
        assert_eq!(app.get("/api/me", Some(token)).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_401() {
    let app = TestApp::new().await;
    app.sign_up("alice").await;
    let wrong = log_in(&app, json!({"username": "alice", "password": "wrong password"})).await;
    let unknown = log_in(&app, json!({"username": "nobody", "password": PASSWORD})).await;
    wrong.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(wrong.body, unknown.body);
    // Whatever its format: too short to exist, or an attempt at SQL.
    for username in ["ab", "' OR '1'='1' --"] {
        let reply = log_in(&app, json!({"username": username, "password": username})).await;
        reply.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
}

#[tokio::test]
async fn every_character_of_a_long_password_counts() {
    let app = TestApp::new().await;
    let password = "p".repeat(100);
    let reply =
        app.json(Method::POST, "/api/users", None, json!({"username": "alice", "password": password})).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let changed = format!("{}q", "p".repeat(99));
    let reply = log_in(&app, json!({"username": "alice", "password": changed})).await;
    reply.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn credentials_that_are_not_strings_are_422() {
    let app = TestApp::new().await;
    log_in(&app, json!({"username": {"$ne": ""}, "password": ["x"]}))
        .await
        .assert_invalid(&["password", "username"]);
    log_in(&app, json!({})).await.assert_invalid(&["password", "username"]);
}

#[tokio::test]
async fn logging_out_revokes_only_the_token_used() {
    let app = TestApp::new().await;
    let first = app.sign_up("alice").await;
    let second = log_in(&app, json!({"username": "alice", "password": PASSWORD})).await.json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let reply = app.call(Method::DELETE, "/api/sessions", Some(&second)).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    app.get("/api/me", Some(&second)).await.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(app.get("/api/me", Some(&first)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn logging_out_needs_a_token() {
    let app = TestApp::new().await;
    app.call(Method::DELETE, "/api/sessions", None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
}
