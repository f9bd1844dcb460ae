use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::{PASSWORD, TestApp};

const MIB: usize = 1024 * 1024;

#[tokio::test]
async fn unknown_api_paths_are_json_404_whatever_the_method() {
    let app = TestApp::new().await;
    for path in ["/api", "/api/", "/api/nope", "/api/users/alice/nope", "/api/posts/1/nope"] {
        for method in [Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            let reply = app.call(method, path, None).await;
            reply.assert_error(StatusCode::NOT_FOUND, "not_found");
        }
    }
}

#[tokio::test]
async fn known_paths_with_another_method_are_json_405_with_allow() {
    let app = TestApp::new().await;
    for (method, path, allowed) in [
        (Method::GET, "/api/sessions", "POST"),
        (Method::PUT, "/api/users", "POST"),
        (Method::DELETE, "/api/feed", "GET"),
        (Method::POST, "/healthz", "GET"),
        (Method::POST, "/api/users/alice/followers", "GET"),
    ] {
        let reply = app.call(method, path, None).await;
        reply.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
        assert!(reply.header("allow").contains(allowed), "{path}: {}", reply.header("allow"));
    }
}

#[tokio::test]
async fn bodies_that_are_not_a_json_object_are_400() {
    let app = TestApp::new().await;
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let bodies: [&[u8]; 9] = [
        b"",
        b"{",
        b"not json",
        b"[1, 2]",
        b"\"a string\"",
        b"null",
        b"42",
        b"{\"a\": \"\xff\xfe\"}",
        deep.as_bytes(),
    ];
    for body in bodies {
        let reply = app.raw(Method::POST, "/api/users", None, "application/json", body.to_vec()).await;
        reply.assert_error(StatusCode::BAD_REQUEST, "bad_request");
    }
    for content_type in ["application/x-www-form-urlencoded", "text/plain"] {
        let reply = app.raw(Method::POST, "/api/sessions", None, content_type, "username=a&password=b").await;
        reply.assert_error(StatusCode::BAD_REQUEST, "bad_request");
    }
}

/// `{"username": "alice", "password": ..., "padding": "xxx..."}` of exactly `size` bytes.
fn sign_up_of_size(size: usize) -> Vec<u8> {
    let head = format!("{{\"username\": \"alice\", \"password\": \"{PASSWORD}\", \"padding\": \"");
    let padding = "x".repeat(size - head.len() - 2);
    format!("{head}{padding}\"}}").into_bytes()
}

#[tokio::test]
async fn json_bodies_of_1_mib_are_read_and_one_byte_more_is_413() {
    let app = TestApp::new().await;
    let body = sign_up_of_size(MIB);
    assert_eq!(body.len(), MIB);
    let reply = app.raw(Method::POST, "/api/users", None, "application/json", body).await;
    assert_eq!(reply.status, StatusCode::CREATED);

    let token = reply.json()["token"].as_str().unwrap().to_string();
    for (method, path) in
        [(Method::POST, "/api/users"), (Method::POST, "/api/sessions"), (Method::PATCH, "/api/me")]
    {
        let reply = app.raw(method, path, Some(&token), "application/json", sign_up_of_size(MIB + 1)).await;
        reply.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    }
}

#[tokio::test]
async fn an_invalid_token_is_401_even_where_no_token_is_needed() {
    let app = TestApp::new().await;
    app.sign_up("alice").await;
    let body = json!({"username": "bob", "password": PASSWORD}).to_string();
    for (method, path) in [
        (Method::GET, "/healthz"),
        (Method::GET, "/"),
        (Method::GET, "/api/posts"),
        (Method::GET, "/api/users/alice"),
        (Method::GET, "/api/users/alice/followers"),
        (Method::POST, "/api/users"),
        (Method::POST, "/api/sessions"),
    ] {
        for header in ["Bearer not-a-real-token", "Bearer ", "Basic YWxpY2U6cHc=", "nonsense"] {
            let request = axum::http::Request::builder()
                .method(method.clone())
                .uri(path)
                .header("authorization", header)
                .header("content-type", "application/json")
                .body(body.clone().into())
                .unwrap();
            app.send(request).await.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
        }
    }
    // And nothing happened: bob was not signed up.
    app.get("/api/users/bob", None).await.assert_error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn the_bearer_scheme_ignores_case() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let request = axum::http::Request::builder()
        .uri("/api/me")
        .header("authorization", format!("bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::OK);
}
