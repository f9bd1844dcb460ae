use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

use crate::support::TestApp;

#[tokio::test]
async fn every_answer_sends_no_referrer() {
    let app = TestApp::new().await;
    let answers = [
        app.get("/healthz", None).await,
        app.get("/api/nothing-here", None).await,
        app.call(Method::DELETE, "/healthz", None).await,
    ];
    for reply in answers {
        assert_eq!(reply.header("referrer-policy"), "no-referrer", "{}", reply.status);
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{}", reply.status);
    }
}

#[tokio::test]
async fn strict_transport_security_only_behind_https() {
    let app = TestApp::new().await;
    let request = |proto: Option<&str>| {
        let builder = Request::builder().uri("/healthz");
        let builder = match proto {
            Some(proto) => builder.header("x-forwarded-proto", proto),
            None => builder,
        };
        builder.body(Body::empty()).unwrap()
    };
    let https = app.send(request(Some("https"))).await;
    assert_eq!(https.status, StatusCode::OK);
    assert_eq!(https.header("strict-transport-security"), "max-age=31536000");
    for proto in [None, Some("http")] {
        let plain = app.send(request(proto)).await;
        assert!(!plain.headers.contains_key("strict-transport-security"), "{proto:?}");
    }
}
