use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Reply, TestApp, id};

async fn reply(app: &TestApp, token: &str, body: &str, reply_to: Value) -> Reply {
    app.json(Method::POST, "/api/posts", Some(token), json!({"body": body, "reply_to": reply_to})).await
}

/// A post by alice and replies to it by bob, carol and alice, in that order.
async fn thread(app: &TestApp) -> (String, Vec<String>) {
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let carol = app.sign_up("carol").await;
    let root = id(&app.create_post(&alice, "a thread").await);
    let mut replies = Vec::new();
    for (token, text) in [(&bob, "first"), (&carol, "second"), (&alice, "third")] {
        let made = reply(app, token, text, json!(root)).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
        assert_eq!(made.json()["post"]["reply_to"], json!(root));
        replies.push(id(&made.json()["post"]));
    }
    (root, replies)
}

#[tokio::test]
async fn replies_are_listed_oldest_first_and_counted() {
    let app = TestApp::new().await;
    let (root, replies) = thread(&app).await;
    let (listed, next) = app.page(&format!("/api/posts/{root}/replies"), None, "posts").await;
    assert_eq!((listed, next), (replies.clone(), None));
    assert_eq!(app.post(&root, None).await["reply_count"], 3);

    let (first, cursor) = app.page(&format!("/api/posts/{root}/replies?limit=2"), None, "posts").await;
    assert_eq!(first, replies[..2]);
    let path = format!("/api/posts/{root}/replies?limit=2&cursor={}", cursor.unwrap());
    assert_eq!(app.page(&path, None, "posts").await, (replies[2..].to_vec(), None));
}

#[tokio::test]
async fn a_reply_is_a_post() {
    let app = TestApp::new().await;
    let (_, replies) = thread(&app).await;
    let (bobs, _) = app.page("/api/users/bob/posts", None, "posts").await;
    assert_eq!(bobs, [replies[0].clone()]);
    let (explore, _) = app.page("/api/posts?limit=1", None, "posts").await;
    assert_eq!(explore, [replies[2].clone()]);
    assert_eq!(app.profile("bob", None).await["posts_count"], 1);
}

#[tokio::test]
async fn reply_to_must_name_an_existing_post() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let parent = id(&app.create_post(&token, "parent").await);
    let number: i64 = parent.parse().unwrap();
    for bad in [json!("999999999"), json!("abc"), json!(number), json!(["1"])] {
        reply(&app, &token, "hi", bad).await.assert_invalid(&["reply_to"]);
    }
    // null starts a new thread.
    let made = reply(&app, &token, "hi", Value::Null).await;
    assert_eq!(made.status, StatusCode::CREATED);
    assert_eq!(made.json()["post"]["reply_to"], Value::Null);
}

#[tokio::test]
async fn replies_outlive_the_post_they_answer() {
    let app = TestApp::new().await;
    let (root, replies) = thread(&app).await;
    let alice = app
        .json(
            Method::POST,
            "/api/sessions",
            None,
            json!({"username": "alice", "password": crate::support::PASSWORD}),
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        app.call(Method::DELETE, &format!("/api/posts/{root}"), Some(&alice)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.post(&replies[0], None).await["reply_to"], Value::Null);
    app.get(&format!("/api/posts/{root}/replies"), None)
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
}
