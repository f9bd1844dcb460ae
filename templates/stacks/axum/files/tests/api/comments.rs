use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Reply, TestApp, id, mixed_text};

async fn comment(app: &TestApp, token: Option<&str>, post: &str, body: Value) -> Reply {
    app.json(Method::POST, &format!("/api/posts/{post}/comments"), token, body).await
}

/// alice's post with comments by bob, alice and carol, in that order.
async fn commented(app: &TestApp) -> (String, String, Vec<String>) {
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let carol = app.sign_up("carol").await;
    let post = id(&app.create_post(&alice, "comment on this").await);
    let mut comments = Vec::new();
    for (token, text) in [(&bob, "first"), (&alice, "second"), (&carol, "third")] {
        let made = comment(app, Some(token), &post, json!({"body": text})).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
        comments.push(id(&made.json()["comment"]));
    }
    (alice, post, comments)
}

#[tokio::test]
async fn a_comment_has_its_author_and_body() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    let post = id(&app.create_post(&alice, "hello").await);
    let made = comment(&app, Some(&alice), &post, json!({"body": "nice"})).await;
    assert_eq!(made.status, StatusCode::CREATED);
    let made = made.json()["comment"].clone();
    assert_eq!(made["author"]["username"], "alice");
    assert_eq!(made["body"], "nice");
    assert!(made["id"].is_string() && made["created_at"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn comments_are_listed_oldest_first_and_counted() {
    let app = TestApp::new().await;
    let (_, post, comments) = commented(&app).await;
    let path = format!("/api/posts/{post}/comments");
    assert_eq!(app.page(&path, None, "comments").await, (comments.clone(), None));
    assert_eq!(app.post(&post, None).await["comment_count"], 3);

    let (first, cursor) = app.page(&format!("{path}?limit=2"), None, "comments").await;
    assert_eq!(first, comments[..2]);
    let next = format!("{path}?limit=2&cursor={}", cursor.unwrap());
    assert_eq!(app.page(&next, None, "comments").await, (comments[2..].to_vec(), None));
}

#[tokio::test]
async fn a_comment_is_1_to_500_characters() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    let post = id(&app.create_post(&alice, "hello").await);
    let longest = mixed_text(500);
    let made = comment(&app, Some(&alice), &post, json!({"body": longest})).await;
    assert_eq!(made.json()["comment"]["body"], longest);
    for bad in [json!({"body": mixed_text(501)}), json!({"body": ""}), json!({}), json!({"body": 5})] {
        comment(&app, Some(&alice), &post, bad).await.assert_invalid(&["body"]);
    }
}

#[tokio::test]
async fn a_comment_of_only_white_space_is_422_like_a_blank_post() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    let post = id(&app.create_post(&alice, "hello").await);
    for blank in [" ", "\t\n", "\u{3000}\u{a0}"] {
        comment(&app, Some(&alice), &post, json!({"body": blank})).await.assert_invalid(&["body"]);
    }
}

#[tokio::test]
async fn commenting_needs_a_token_and_an_existing_post() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    let post = id(&app.create_post(&alice, "hello").await);
    let reply = comment(&app, None, &post, json!({"body": "anonymous"})).await;
    reply.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    let reply = comment(&app, Some(&alice), "999999999", json!({"body": "nowhere"})).await;
    reply.assert_error(StatusCode::NOT_FOUND, "not_found");
    let reply = app.get("/api/posts/999999999/comments", None).await;
    reply.assert_error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn comments_go_with_their_post() {
    let app = TestApp::new().await;
    let (alice, post, _) = commented(&app).await;
    app.call(Method::DELETE, &format!("/api/posts/{post}"), Some(&alice)).await;
    let reply = app.get(&format!("/api/posts/{post}/comments"), None).await;
    reply.assert_error(StatusCode::NOT_FOUND, "not_found");
    let left: i64 =
        sqlx::query_scalar("SELECT count(*) FROM comments").fetch_one(&app.state.db).await.unwrap();
    assert_eq!(left, 0);
}
