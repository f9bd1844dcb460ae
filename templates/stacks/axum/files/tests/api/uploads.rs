use axum::http::{Method, StatusCode};

use crate::support::{TestApp, id, mixed_text, png};

const MIB: usize = 1024 * 1024;

/// The parts of a form: (name, file name, bytes) each, as `TestApp::upload` takes them.
type Form<'a> = &'a [(&'a str, Option<&'a str>, &'a [u8])];

/// Bytes that start like a real file of each format (the server looks no further).
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00";
const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
const WEBP: &[u8] = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00";

#[tokio::test]
async fn each_format_is_stored_and_served_with_its_content_type() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let png = png();
    for (data, content_type) in
        [(&png[..], "image/png"), (JPEG, "image/jpeg"), (GIF, "image/gif"), (WEBP, "image/webp")]
    {
        let reply = app.upload(&token, &[("image", Some("picture"), data)]).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        let url = reply.json()["post"]["image_url"].as_str().unwrap().to_string();
        let image = app.get(&url, None).await;
        assert_eq!(image.status, StatusCode::OK);
        assert_eq!(image.header("content-type"), content_type);
        assert_eq!(image.header("x-content-type-options"), "nosniff");
        assert_eq!(image.body, data);
    }
}

#[tokio::test]
async fn images_are_judged_by_their_bytes_not_their_name() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let reply = app.upload(&token, &[("image", Some("note.txt"), &png())]).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    for (name, data) in [("photo.png", &b"just some text\n"[..]), ("drawing.svg", &svg[..])] {
        let reply = app.upload(&token, &[("image", Some(name), data)]).await;
        reply.assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }
}

#[tokio::test]
async fn the_stored_name_is_made_by_the_server() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let reply = app.upload(&token, &[("image", Some("../../evil.png"), &png())]).await;
    let url = reply.json()["post"]["image_url"].as_str().unwrap().to_string();
    assert!(!url.contains("..") && !url.contains("evil"), "{url}");
    assert_eq!(app.get(&url, None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn only_stored_images_are_served() {
    let app = TestApp::new().await;
    // The database is test.db, next to the uploads folder.
    for path in
        ["/uploads/..%2ftest.db", "/uploads/%2e%2e/test.db", "/uploads/../test.db", "/uploads/nope.png"]
    {
        assert_eq!(app.get(path, None).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn an_image_of_5_mib_is_accepted_and_one_byte_more_is_413() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let mut image = png();
    image.resize(5 * MIB, 0);
    let reply = app.upload(&token, &[("image", Some("big.png"), &image)]).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    image.push(0);
    let reply = app.upload(&token, &[("image", Some("huge.png"), &image)]).await;
    reply.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    image.resize(20 * MIB, 0);
    let reply = app.upload(&token, &[("image", Some("huger.png"), &image)]).await;
    reply.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
}

#[tokio::test]
async fn an_image_is_required() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    app.upload(&token, &[("caption", None, b"no image")]).await.assert_invalid(&["image"]);
    // What a browser sends when no file was chosen: an empty part with no name.
    app.upload(&token, &[("image", Some(""), b"")]).await.assert_invalid(&["image"]);
    let reply =
        app.json(Method::POST, "/api/posts", Some(&token), serde_json::json!({"caption": "hi"})).await;
    reply.assert_error(StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn a_caption_is_0_to_2200_characters() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let longest = mixed_text(2200);
    let reply =
        app.upload(&token, &[("caption", None, longest.as_bytes()), ("image", Some("a.png"), &png())]).await;
    assert_eq!(reply.json()["post"]["caption"], longest);
    let too_long = mixed_text(2201);
    let reply =
        app.upload(&token, &[("caption", None, too_long.as_bytes()), ("image", Some("a.png"), &png())]).await;
    reply.assert_invalid(&["caption"]);
}

#[tokio::test]
async fn deleting_a_post_deletes_its_image() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let post = app.create_post(&token, "gone soon").await;
    let url = post["image_url"].as_str().unwrap().to_string();
    app.call(Method::DELETE, &format!("/api/posts/{}", id(&post)), Some(&token)).await;
    assert_eq!(app.get(&url, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(std::fs::read_dir(&*app.state.upload_dir).unwrap().count(), 0);
}

#[tokio::test]
async fn the_image_must_be_one_non_empty_file() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let png = png();
    let forms: [Form; 3] = [
        // A text field named image, not a file.
        &[("image", None, &png)],
        // A file with nothing in it.
        &[("image", Some("empty.png"), b"")],
        // Two files: which one would be the post?
        &[("image", Some("a.png"), &png), ("image", Some("b.png"), &png)],
    ];
    for form in forms {
        app.upload(&token, form).await.assert_invalid(&["image"]);
    }
}

#[tokio::test]
async fn the_caption_must_be_one_text_field_in_utf8() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let png = png();
    let forms: [Form; 3] = [
        &[("caption", Some("caption.txt"), b"a caption"), ("image", Some("a.png"), &png)],
        &[("caption", None, b"one"), ("caption", None, b"two"), ("image", Some("a.png"), &png)],
        &[("caption", None, b"caf\xe9"), ("image", Some("a.png"), &png)],
    ];
    for form in forms {
        app.upload(&token, form).await.assert_invalid(&["caption"]);
    }
    assert_eq!(app.get("/api/posts", None).await.json()["posts"], serde_json::json!([]));
}

#[tokio::test]
async fn other_parts_are_ignored_and_a_png_signature_is_a_png() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let signature = b"\x89PNG\r\n\x1a\n";
    let reply = app.upload(&token, &[("image", Some("a.png"), signature), ("album", None, b"summer")]).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
}

#[tokio::test]
async fn a_form_that_cannot_be_read_is_400() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let body: &[u8] =
        b"--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n\x89PNG";
    for content_type in
        ["multipart/form-data", "multipart/form-data; boundary=other", "multipart/form-data; boundary=b"]
    {
        let reply = app.raw(Method::POST, "/api/posts", Some(&token), content_type, body).await;
        reply.assert_error(StatusCode::BAD_REQUEST, "bad_request");
    }
    // A part with an empty name: RFC 7578 says every part has one.
    let png = png();
    let reply = app.upload(&token, &[("", None, b"x"), ("image", Some("a.png"), &png)]).await;
    reply.assert_error(StatusCode::BAD_REQUEST, "bad_request");
}
