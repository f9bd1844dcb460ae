//! Instagram at the edges (API.md, "Requests at the edges", uploads and white
//! space): 400 only for a body that is not readable `multipart/form-data`;
//! in a readable one, 422 on `image` or `caption` for the wrong parts; other
//! parts ignored (an image is judged by decoding it: `images_decoded`); comments with a
//! lone surrogate or only white space.

use serde_json::json;
use ureq::http::Method;

use crate::verify::client::{Part, Req, Resp, multipart};
use crate::verify::context::{Ctx, PNG, id_of};

const fn text<'a>(name: &'a str, data: &'a [u8]) -> Part<'a> {
    Part { name, filename: None, content_type: None, data }
}

const fn file<'a>(name: &'a str, data: &'a [u8]) -> Part<'a> {
    Part { name, filename: Some("pixel.png"), content_type: Some("image/png"), data }
}

/// POST /api/posts as user "a" with a body and Content-Type given as is.
fn post_raw(c: &mut Ctx<'_>, content_type: &str, body: Vec<u8>) -> Result<Resp, String> {
    let a = c.user("a")?;
    c.send(Req::new(Method::POST, "/api/posts").bearer(a.token()).raw(content_type, body))
}

pub(super) fn run(c: &mut Ctx<'_>) {
    unreadable(c);
    wrong_parts(c);
    accepted(c);
    if c.has("comments") {
        comments(c);
    }
}

/// Bodies that are not well-formed multipart/form-data: 400.
fn unreadable(c: &mut Ctx<'_>) {
    type Mangle = fn(String, Vec<u8>) -> (String, Vec<u8>);
    let cases: [(&str, Mangle); 5] = [
        ("a JSON body, not multipart/form-data", |_, _| {
            ("application/json".into(), br#"{"caption": "hi", "image": "aGk="}"#.to_vec())
        }),
        ("multipart/form-data with no boundary parameter", |_, body| ("multipart/form-data".into(), body)),
        ("a boundary other than the body's", |_, body| {
            ("multipart/form-data; boundary=vf-not-the-boundary".into(), body)
        }),
        ("a part whose name is empty (RFC 7578: every part has one)", |_, _| {
            multipart(&[text("", b"x"), file("image", PNG)])
        }),
        ("a body cut short in the image (no closing boundary)", |content_type, body| {
            let cut = body.len() - PNG.len() / 2 - 40;
            (content_type, body[..cut].to_vec())
        }),
    ];
    for (what, mangle) in cases {
        c.check_error(
            format!("POST /api/posts with {what} -> 400 bad_request"),
            400,
            "bad_request",
            None,
            move |c| {
                let (content_type, body) = multipart(&[text("caption", b"cut"), file("image", PNG)]);
                let (content_type, body) = mangle(content_type, body);
                post_raw(c, &content_type, body)
            },
        );
    }
}

/// Readable multipart with the wrong parts: 422 on the part.
fn wrong_parts(c: &mut Ctx<'_>) {
    let no_file = Part { name: "image", filename: None, content_type: None, data: PNG };
    let cases: Vec<(&str, Vec<Part<'static>>, &str)> = vec![
        ("an image part that is not a file", vec![text("caption", b"x"), no_file], "image"),
        ("an empty image file", vec![file("image", b"")], "image"),
        ("two image files", vec![file("image", PNG), file("image", PNG)], "image"),
        ("a caption sent as a file", vec![file("caption", b"a caption"), file("image", PNG)], "caption"),
        (
            "a caption given twice",
            vec![text("caption", b"one"), text("caption", b"two"), file("image", PNG)],
            "caption",
        ),
        ("a caption that is not UTF-8", vec![text("caption", b"caf\xe9"), file("image", PNG)], "caption"),
    ];
    for (what, parts, field) in cases {
        c.check_error(
            format!("POST /api/posts with {what} -> 422 validation_failed with fields.{field}"),
            422,
            "validation_failed",
            Some(field),
            move |c| {
                let a = c.user("a")?;
                c.upload(a.token(), &parts)
            },
        );
    }
}

/// What is accepted: other parts ignored, a blank caption.
fn accepted(c: &mut Ctx<'_>) {
    c.check_status(
        "POST /api/posts with an extra part besides caption and image -> 201 (ignored)",
        201,
        |c| {
            let a = c.user("a")?;
            c.upload(
                a.token(),
                &[text("vf_extra", b"ignored"), text("caption", b"extra"), file("image", PNG)],
            )
        },
    );
    c.check_status(
        "POST /api/posts with a caption of only white space -> 201 (a caption may be blank)",
        201,
        |c| {
            let a = c.user("a")?;
            c.upload(a.token(), &[text("caption", " \u{3000} ".as_bytes()), file("image", PNG)])
        },
    );
}

fn comments(c: &mut Ctx<'_>) {
    c.check_error(
        "POST /api/posts/{id}/comments with a body of only Unicode white space (U+3000, U+00A0) -> 422 validation_failed with fields.body",
        422,
        "validation_failed",
        Some("body"),
        |c| {
            let a = c.user("a")?;
            let id = id_of(&c.create_post(&a, "blank comments")?)?;
            c.json(Method::POST, &format!("/api/posts/{id}/comments"), a.token(), &json!({"body": " \u{3000}\u{a0}\t"}))
        },
    );
    c.check_error(
        "POST /api/posts/{id}/comments with {\"body\": \"\\ud800\"} (a lone surrogate) -> 400 bad_request",
        400,
        "bad_request",
        None,
        |c| {
            let a = c.user("a")?;
            let id = id_of(&c.create_post(&a, "surrogate comments")?)?;
            let req = Req::new(Method::POST, format!("/api/posts/{id}/comments")).bearer(a.token());
            c.send(req.raw("application/json", b"{\"body\": \"\\ud800\"}".to_vec()))
        },
    );
}
