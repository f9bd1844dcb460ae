use axum::http::{Method, StatusCode};

use crate::support::{TestApp, id};

#[tokio::test]
async fn following_is_idempotent_and_counted() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    app.sign_up("bob").await;
    app.follow(&alice, "bob").await;
    app.follow(&alice, "BOB").await;
    let bob = app.profile("bob", Some(&alice)).await;
    assert_eq!(bob["followers_count"], 1);
    assert_eq!(bob["following"], true);
    assert_eq!(app.profile("alice", None).await["following_count"], 1);
}

#[tokio::test]
async fn unfollowing_is_idempotent() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    app.sign_up("bob").await;
    app.follow(&alice, "bob").await;
    for _ in 0..2 {
        let reply = app.call(Method::DELETE, "/api/users/bob/follow", Some(&alice)).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT);
    }
    assert_eq!(app.profile("bob", None).await["followers_count"], 0);
    // Unfollowing oneself is allowed, and does nothing.
    let reply = app.call(Method::DELETE, "/api/users/alice/follow", Some(&alice)).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn following_oneself_is_422() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    let reply = app.call(Method::PUT, "/api/users/Alice/follow", Some(&alice)).await;
    reply.assert_invalid(&["username"]);
}

#[tokio::test]
async fn following_needs_a_token_and_an_existing_user() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    app.sign_up("bob").await;
    for method in [Method::PUT, Method::DELETE] {
        let reply = app.call(method.clone(), "/api/users/bob/follow", None).await;
        reply.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
        let reply = app.call(method, "/api/users/nobody/follow", Some(&alice)).await;
        reply.assert_error(StatusCode::NOT_FOUND, "not_found");
    }
}

#[tokio::test]
async fn followers_and_following_list_the_newest_follow_first() {
    let app = TestApp::new().await;
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let carol = app.sign_up("carol").await;
    app.follow(&bob, "alice").await;
    app.follow(&carol, "alice").await;
    app.follow(&alice, "carol").await;
    app.follow(&alice, "bob").await;
    let alice_id = id(&app.profile("alice", None).await);
    let bob_id = id(&app.profile("bob", None).await);
    let carol_id = id(&app.profile("carol", None).await);

    let (followers, next) = app.page("/api/users/alice/followers", None, "users").await;
    assert_eq!(followers, [carol_id.clone(), bob_id.clone()]);
    assert_eq!(next, None);
    let (following, _) = app.page("/api/users/alice/following", None, "users").await;
    assert_eq!(following, [bob_id, carol_id]);
    let (followers, _) = app.page("/api/users/bob/followers", None, "users").await;
    assert_eq!(followers, [alice_id]);
}

#[tokio::test]
async fn follower_lists_of_unknown_users_are_404() {
    let app = TestApp::new().await;
    for path in ["/api/users/nobody/followers", "/api/users/nobody/following"] {
        app.get(path, None).await.assert_error(StatusCode::NOT_FOUND, "not_found");
    }
}
