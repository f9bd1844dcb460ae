use axum::http::{Method, StatusCode};

use crate::support::{TestApp, id};

/// alice follows bob, not carol; posts made in the order a1, b1, c1, a2, b2.
async fn three_users() -> (TestApp, [String; 3], [String; 5]) {
    let app = TestApp::new().await;
    let tokens = [app.sign_up("alice").await, app.sign_up("bob").await, app.sign_up("carol").await];
    app.follow(&tokens[0], "bob").await;
    let mut posts = Vec::new();
    for (author, text) in [(0, "a1"), (1, "b1"), (2, "c1"), (0, "a2"), (1, "b2")] {
        posts.push(id(&app.create_post(&tokens[author], text).await));
    }
    (app, tokens, posts.try_into().unwrap())
}

#[tokio::test]
async fn explore_is_everyones_posts_newest_first() {
    let (app, _, [a1, b1, c1, a2, b2]) = three_users().await;
    let (posts, next) = app.page("/api/posts", None, "posts").await;
    assert_eq!(posts, [b2, a2, c1, b1, a1]);
    assert_eq!(next, None);
}

#[tokio::test]
async fn a_users_posts_are_theirs_only_newest_first() {
    let (app, _, [a1, _, _, a2, _]) = three_users().await;
    let (posts, _) = app.page("/api/users/ALICE/posts", None, "posts").await;
    assert_eq!(posts, [a2, a1]);
}

#[tokio::test]
async fn the_feed_is_ones_own_posts_and_the_followed_ones() {
    let (app, [alice, _, carol], [a1, b1, c1, a2, b2]) = three_users().await;
    let (feed, _) = app.page("/api/feed", Some(&alice), "posts").await;
    assert_eq!(feed, [b2.clone(), a2.clone(), b1.clone(), a1.clone()]);
    let (feed, _) = app.page("/api/feed", Some(&carol), "posts").await;
    assert_eq!(feed, [c1]);

    app.call(Method::PUT, &format!("/api/posts/{b1}/like"), Some(&alice)).await;
    let reply = app.get("/api/feed", Some(&alice)).await;
    let liked: Vec<bool> =
        reply.json()["posts"].as_array().unwrap().iter().map(|p| p["liked"].as_bool().unwrap()).collect();
    assert_eq!(liked, [false, false, true, false]);

    app.call(Method::DELETE, "/api/users/bob/follow", Some(&alice)).await;
    let (feed, _) = app.page("/api/feed", Some(&alice), "posts").await;
    assert_eq!(feed, [a2, a1]);
}

#[tokio::test]
async fn the_feed_needs_a_token() {
    let app = TestApp::new().await;
    app.get("/api/feed", None).await.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
}
