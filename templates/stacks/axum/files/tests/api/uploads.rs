use std::io::Cursor;

use axum::http::{Method, StatusCode};
use image::{GenericImageView, ImageFormat, RgbaImage};

use server::demo_images::chunk;

use crate::support::{Reply, TestApp, id, mixed_text, png};

const MIB: usize = 1024 * 1024;

/// The parts of a form: (name, file name, bytes) each, as `TestApp::upload` takes them.
type Form<'a> = &'a [(&'a str, Option<&'a str>, &'a [u8])];

/// A `width` x `height` picture in `format`, made by the `image` crate.
fn picture(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let pixels =
        RgbaImage::from_fn(width, height, |x, y| image::Rgba([(x * 16) as u8, (y * 16) as u8, 128, 255]));
    let image = image::DynamicImage::ImageRgba8(pixels);
    // JPEG has no alpha channel.
    let image =
        if format == ImageFormat::Jpeg { image::DynamicImage::ImageRgb8(image.to_rgb8()) } else { image };
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

/// The stored file of the post that `reply` created.
async fn stored(app: &TestApp, reply: &Reply) -> Reply {
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let url = reply.json()["post"]["image_url"].as_str().unwrap().to_string();
    let image = app.get(&url, None).await;
    assert_eq!(image.status, StatusCode::OK);
    image
}

#[tokio::test]
async fn each_format_is_stored_in_its_format_and_served_with_its_content_type() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    for (format, content_type) in [
        (ImageFormat::Png, "image/png"),
        (ImageFormat::Jpeg, "image/jpeg"),
        (ImageFormat::Gif, "image/gif"),
        (ImageFormat::WebP, "image/webp"),
    ] {
        let reply = app.upload(&token, &[("image", Some("picture"), &picture(format, 12, 10))]).await;
        let image = stored(&app, &reply).await;
        assert_eq!(image.header("content-type"), content_type);
        assert_eq!(image.header("x-content-type-options"), "nosniff");
        assert_eq!(image::guess_format(&image.body).unwrap(), format);
        assert_eq!(image::load_from_memory(&image.body).unwrap().dimensions(), (12, 10));
    }
}

/// A JPEG with EXIF that says where it was taken (a GPS block) and that it is to
/// be turned a quarter to the right (orientation 6), as a phone writes it.
fn photo_with_exif(width: u32, height: u32) -> Vec<u8> {
    let mut tiff = b"MM\0*\0\0\0\x08".to_vec(); // big-endian TIFF, the first IFD at 8
    tiff.extend_from_slice(b"\0\x02"); // 2 entries:
    tiff.extend_from_slice(b"\x01\x12\0\x03\0\0\0\x01\0\x06\0\0"); // Orientation = 6
    tiff.extend_from_slice(b"\x88\x25\0\x04\0\0\0\x01\0\0\0\x26"); // the GPS IFD, at 38
    tiff.extend_from_slice(b"\0\0\0\0"); // no next IFD
    tiff.extend_from_slice(b"\0\x01"); // the GPS IFD, 1 entry:
    tiff.extend_from_slice(b"\0\x01\0\x02\0\0\0\x02N\0\0\0"); // GPSLatitudeRef = "N"
    tiff.extend_from_slice(b"\0\0\0\0");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let jpeg = picture(ImageFormat::Jpeg, width, height);
    let mut photo = jpeg[..2].to_vec(); // SOI, then the APP1 segment
    photo.extend_from_slice(b"\xff\xe1");
    photo.extend_from_slice(&u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
    photo.extend_from_slice(&app1);
    photo.extend_from_slice(&jpeg[2..]);
    photo
}

#[tokio::test]
async fn exif_is_gone_and_its_orientation_applied() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let photo = photo_with_exif(16, 8);
    assert!(photo.windows(4).any(|w| w == b"Exif"));
    let image = stored(&app, &app.upload(&token, &[("image", Some("photo.jpg"), &photo)]).await).await;
    assert!(!image.body.windows(4).any(|w| w == b"Exif"), "the EXIF block is still there");
    // Turned a quarter: 16 x 8 becomes 8 x 16.
    assert_eq!(image::load_from_memory(&image.body).unwrap().dimensions(), (8, 16));
}

#[tokio::test]
async fn bytes_that_only_start_like_an_image_are_415() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let png = png();
    // The GIF signature, then a web page: its header reads as a GIF of 26684 x
    // 28020 pixels, but no frame follows it.
    let polyglot = b"GIF89a<html><script>alert(1)</script></html>";
    // A GIF's header of 1 x 1 pixels, then HTML instead of a frame.
    let small = b"GIF89a\x01\x00\x01\x00\x00\x00\x00<html><script>alert(1)</script></html>";
    for data in [&polyglot[..], &small[..], &png[..png.len() / 2], b"\x89PNG\r\n\x1a\n"] {
        let reply = app.upload(&token, &[("image", Some("a.gif"), data)]).await;
        reply.assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }
    assert_eq!(app.get("/api/posts", None).await.json()["posts"], serde_json::json!([]));
}

/// A PNG whose header says `width` x `height`, with only the start of its pixels
/// after it: what a decompression bomb looks like before it is unpacked.
fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &[0x78, 0x01]);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[tokio::test]
async fn an_image_of_too_many_pixels_is_422_before_it_is_decoded() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let reply = app.upload(&token, &[("image", Some("bomb.png"), &png_header_only(8000, 8000))]).await;
    reply.assert_invalid(&["image"]);
    assert_eq!(reply.json()["error"]["fields"]["image"], "must be at most 25000000 pixels");
    // The setting decides: 100 pixels at most.
    let app = TestApp::with(|config| config.max_image_pixels = 100).await;
    let token = app.sign_up("alice").await;
    let reply = app.upload(&token, &[("image", Some("a.png"), &picture(ImageFormat::Png, 11, 10))]).await;
    assert_eq!(reply.json()["error"]["fields"]["image"], "must be at most 100 pixels");
    let reply = app.upload(&token, &[("image", Some("a.png"), &picture(ImageFormat::Png, 10, 10))]).await;
    assert_eq!(reply.status, StatusCode::CREATED);
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
async fn other_parts_are_ignored() {
    let app = TestApp::new().await;
    let token = app.sign_up("alice").await;
    let reply = app.upload(&token, &[("image", Some("a.png"), &png()), ("album", None, b"summer")]).await;
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
