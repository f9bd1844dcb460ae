use axum::http::{Method, StatusCode};

use crate::support::{TestApp, id};

#[tokio::test]
async fn liking_is_idempotent_and_counted() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let carol = app.sign_up("carol").await;
    let post = id(&app.create_post(&bob, "like me").await);
    let path = format!("/api/posts/{post}/like");
    for _ in 0..2 {
        assert_eq!(app.call(Method::PUT, &path, Some(&alice)).await.status, StatusCode::NO_CONTENT);
    }
    assert_eq!(app.post(&post, None).await["like_count"], 1);
    assert_eq!(app.post(&post, Some(&alice)).await["liked"], true);
    assert_eq!(app.post(&post, Some(&carol)).await["liked"], false);
    assert_eq!(app.post(&post, None).await["liked"], false);

    app.call(Method::PUT, &path, Some(&carol)).await;
    assert_eq!(app.post(&post, None).await["like_count"], 2);
}

#[tokio::test]
async fn unliking_is_idempotent() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    let post = id(&app.create_post(&alice, "like me").await);
    let path = format!("/api/posts/{post}/like");
    app.call(Method::PUT, &path, Some(&alice)).await;
    for _ in 0..2 {
        assert_eq!(app.call(Method::DELETE, &path, Some(&alice)).await.status, StatusCode::NO_CONTENT);
    }
    let post = app.post(&post, Some(&alice)).await;
    assert_eq!((&post["like_count"], &post["liked"]), (&0.into(), &false.into()));
}

#[tokio::test]
async fn liking_needs_a_token_and_an_existing_post() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    let post = id(&app.create_post(&alice, "like me").await);
    for method in [Method::PUT, Method::DELETE] {
        let reply = app.call(method.clone(), &format!("/api/posts/{post}/like"), None).await;
        reply.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
        for missing in ["999999999", "abc"] {
            let reply = app.call(method.clone(), &format!("/api/posts/{missing}/like"), Some(&alice)).await;
            reply.assert_error(StatusCode::NOT_FOUND, "not_found");
        }
    }
}
