use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp};

async fn sign_up(app: &TestApp, body: Value) -> crate::support::Reply {
    app.json(Method::POST, "/api/users", None, body).await
}

#[tokio::test]
async fn sign_up_returns_the_new_user_and_a_token() {
    let app = TestApp::new().await;
    let reply = sign_up(&app, json!({"username": "Alice_1", "password": PASSWORD})).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let body = reply.json();
    let user = &body["user"];
    assert!(user["id"].is_string());
    assert_eq!(user["username"], "Alice_1");
    assert_eq!(user["bio"], "");
    assert!(user["created_at"].as_str().unwrap().ends_with('Z'));
    for count in ["followers_count", "following_count", "posts_count"] {
        assert_eq!(user[count], 0);
    }
    // Signing up answers with the user without `following`, like an anonymous view.
    assert!(user.get("following").is_none());
    assert!(body["token"].as_str().unwrap().len() >= 22);
    assert!(!reply.text().contains("argon2"), "no password hash in a response");
}

#[tokio::test]
async fn usernames_are_3_to_30_ascii_letters_digits_or_underscores() {
    let app = TestApp::new().await;
    for good in ["abc", "a_b_c_1", &"z".repeat(30)] {
        let reply = sign_up(&app, json!({"username": good, "password": PASSWORD})).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{good}");
    }
    for bad in [
        json!("ab"),
        json!("z".repeat(31)),
        json!("has-dash"),
        json!("café"),
        json!("new\nline"),
        json!(12345),
        Value::Null,
    ] {
        let reply = sign_up(&app, json!({"username": bad, "password": PASSWORD})).await;
        reply.assert_invalid(&["username"]);
    }
    sign_up(&app, json!({"password": PASSWORD})).await.assert_invalid(&["username"]);
}

#[tokio::test]
async fn passwords_are_8_to_128_characters_counted_as_code_points() {
    let app = TestApp::new().await;
    for (name, good) in [("emoji_min", "😀".repeat(8)), ("emoji_max", "😀".repeat(128))] {
        let reply = sign_up(&app, json!({"username": name, "password": good})).await;
        assert_eq!(reply.status, StatusCode::CREATED);
    }
    for bad in [json!("short"), json!("😀".repeat(7)), json!("x".repeat(129)), json!(123456789)] {
        let reply = sign_up(&app, json!({"username": "bob", "password": bad})).await;
        reply.assert_invalid(&["password"]);
    }
    sign_up(&app, json!({"username": "bob"})).await.assert_invalid(&["password"]);
}

#[tokio::test]
async fn every_invalid_field_is_named_at_once() {
    let app = TestApp::new().await;
    sign_up(&app, json!({"username": "x", "password": "y"})).await.assert_invalid(&["password", "username"]);
}

#[tokio::test]
async fn a_username_taken_in_any_case_is_a_conflict() {
    let app = TestApp::new().await;
    app.sign_up("alice").await;
    let reply = sign_up(&app, json!({"username": "ALICE", "password": PASSWORD})).await;
    reply.assert_error(StatusCode::CONFLICT, "conflict");
}

#[tokio::test]
async fn profiles_are_found_ignoring_case() {
    let app = TestApp::new().await;
    app.sign_up("alice").await;
    let user = app.profile("ALICE", None).await;
    assert_eq!(user["username"], "alice");
    // Without a token there is no `following`.
    assert!(user.get("following").is_none());
}

#[tokio::test]
async fn with_a_token_a_profile_says_whether_the_caller_follows() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    app.sign_up("bob").await;
    assert_eq!(app.profile("bob", Some(&alice)).await["following"], false);
    assert_eq!(app.profile("alice", Some(&alice)).await["following"], false);
    app.follow(&alice, "bob").await;
    assert_eq!(app.profile("bob", Some(&alice)).await["following"], true);
}

#[tokio::test]
async fn unknown_users_are_404() {
    let app = TestApp::new().await;
    for path in ["/api/users/nobody", "/api/users/%27%20OR%20%271%27%3D%271", "/api/users/nobody/posts"] {
        app.get(path, None).await.assert_error(StatusCode::NOT_FOUND, "not_found");
    }
}
