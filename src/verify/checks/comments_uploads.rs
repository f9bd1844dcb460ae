//! Instagram: uploads (the four image formats judged by their bytes, 415 for
//! anything else, the 5 MiB limit, captions, generated file names, images
//! served with the right Content-Type) and comments (shape, limits, oldest
//! first, `comment_count`, paging).

use serde_json::{Value, json};
use ureq::http::Method;

use super::profiles_follows::order;
use crate::verify::client::{Part, Resp, encode, shorten};
use crate::verify::context::{Ctx, GIF, JPEG, PNG, User, WEBP, created, id_of, mixed_text};
use crate::verify::expect::{self, Step};

/// An upload of one file, with an optional caption.
pub(super) fn upload_file(
    c: &mut Ctx<'_>,
    user: &User,
    filename: &str,
    content_type: &str,
    data: &[u8],
    caption: Option<&str>,
) -> Result<Resp, String> {
    let mut parts = Vec::new();
    if let Some(caption) = caption {
        parts.push(Part { name: "caption", filename: None, content_type: None, data: caption.as_bytes() });
    }
    parts.push(Part { name: "image", filename: Some(filename), content_type: Some(content_type), data });
    c.upload(user.token(), &parts)
}

/// The path of an `image_url` on this server (it may be absolute).
pub(super) fn image_path(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/".to_string(), |i| rest[i..].to_string()),
        None => url.to_string(),
    }
}

/// The first bytes of every PNG file.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The extension of a URL's file name when it names an image type ("gif"), lower case.
fn image_extension(url: &str) -> Option<String> {
    let name = url.split(['?', '#']).next()?.rsplit('/').next()?;
    let (_, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    ["png", "jpg", "jpeg", "gif", "webp"].contains(&ext.as_str()).then_some(ext)
}

/// `len` bytes that start as a valid PNG (a decoder stops at its end).
fn png_of_size(len: usize) -> Vec<u8> {
    let mut bytes = PNG.to_vec();
    bytes.resize(len.max(PNG.len()), 0);
    bytes
}

pub(super) fn run_uploads(c: &mut Ctx<'_>) {
    for (format, ext, content_type, data) in [
        ("PNG", "png", "image/png", PNG),
        ("JPEG", "jpg", "image/jpeg", JPEG),
        ("GIF", "gif", "image/gif", GIF),
        ("WebP", "webp", "image/webp", WEBP),
    ] {
        c.check(
            format!(
                "POST /api/posts with a {format} image -> 201, and GET its image_url -> 200 {content_type}"
            ),
            format!("201, then 200 {content_type}"),
            move |c| {
                let a = c.user("a")?;
                let r = upload_file(c, &a, &format!("pixel.{ext}"), content_type, data, None)?;
                let post = created(&r, "/post")?;
                c.expect_post(&post)?;
                let url = post["image_url"].as_str().unwrap_or_default();
                let image = c.get(&image_path(url), None)?;
                expect::status(&image, 200).step(&format!("GET {url}"))?;
                let served = image.media_type();
                if served != content_type {
                    return Err(format!("GET {url}: Content-Type {served:?}"));
                }
                if !image.body.starts_with(&data[..3]) {
                    return Err(format!("GET {url}: the body is not the {format} image"));
                }
                Ok(format!("201, then 200 {served}"))
            },
        );
    }

    c.check_status(
        "POST /api/posts with a PNG named note.txt and declared text/plain -> 201 (judged by its bytes)",
        201,
        |c| {
            let a = c.user("a")?;
            upload_file(c, &a, "note.txt", "text/plain", PNG, None)
        },
    );

    c.check(
        "POST /api/posts with a PNG named x.gif and declared image/gif -> 201, and GET its image_url -> 200 image/png \
         (judged by its bytes)",
        "201, then 200 image/png with the PNG's bytes, and nothing in the post saying GIF",
        |c| {
            let a = c.user("a")?;
            let r = upload_file(c, &a, "x.gif", "image/gif", PNG, None)?;
            let post = created(&r, "/post")?;
            c.expect_post(&post)?;
            let url = post["image_url"].as_str().unwrap_or_default().to_string();
            if let Some(ext) = image_extension(&url).filter(|ext| ext != "png") {
                return Err(format!("image_url {url:?} has the extension .{ext}, the image is a PNG"));
            }
            // A type the post reports of its own accord ("image/...") must agree too.
            let other_type = |t: &str| t.starts_with("image/") && t != "image/png";
            let mut fields = post.as_object().into_iter().flatten();
            if let Some((key, value)) = fields.find(|(_, v)| v.as_str().is_some_and(other_type)) {
                return Err(format!("post.{key} is {value}, the image is a PNG"));
            }
            let image = c.get(&image_path(&url), None)?;
            expect::status(&image, 200).step(&format!("GET {url}"))?;
            let served = image.media_type();
            if served != "image/png" {
                return Err(format!("GET {url}: Content-Type {served:?}, not the type of its bytes"));
            }
            if !image.body.starts_with(PNG_SIGNATURE) {
                return Err(format!("GET {url}: the body is not the PNG that was uploaded"));
            }
            Ok(format!("201, then 200 {served}"))
        },
    );

    for (what, filename, content_type, data) in [
        (
            "text named photo.png and declared image/png",
            "photo.png",
            "image/png",
            &b"just some text, not an image\n"[..],
        ),
        (
            "an SVG image",
            "drawing.svg",
            "image/svg+xml",
            &b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"[..],
        ),
    ] {
        c.check_error(
            format!("POST /api/posts with {what} -> 415 unsupported_media_type"),
            415,
            "unsupported_media_type",
            None,
            move |c| {
                let a = c.user("a")?;
                upload_file(c, &a, filename, content_type, data, None)
            },
        );
    }

    let max = c.idea.limits.image_max_bytes as usize;
    c.check_status(
        format!("POST /api/posts with an image of exactly {max} bytes (5 MiB) -> 201"),
        201,
        move |c| {
            let a = c.user("a")?;
            let r = upload_file(c, &a, "big.png", "image/png", &png_of_size(max), None)?;
            // The post is only needed for its status; removing it keeps feeds small.
            if let Some(id) = r.str_at("/post/id") {
                c.bare(Method::DELETE, &format!("/api/posts/{id}"), a.token())?;
            }
            Ok(r)
        },
    );

    c.check_error(
        format!("POST /api/posts with an image of {} bytes (5 MiB + 1) -> 413 payload_too_large", max + 1),
        413,
        "payload_too_large",
        None,
        move |c| {
            let a = c.user("a")?;
            upload_file(c, &a, "huge.png", "image/png", &png_of_size(max + 1), None)
        },
    );

    c.check_error(
        "POST /api/posts with a caption and no image -> 422 validation_failed with fields.image",
        422,
        "validation_failed",
        Some("image"),
        |c| {
            let a = c.user("a")?;
            c.upload(
                a.token(),
                &[Part { name: "caption", filename: None, content_type: None, data: b"no image" }],
            )
        },
    );

    let caption_max = c.idea.limits.caption_max as usize;
    c.check(
        format!("POST /api/posts: caption of {caption_max} characters (emoji, accents, CJK) -> 201, stored as sent"),
        "201 {post} with the caption as sent",
        move |c| {
            let a = c.user("a")?;
            let caption = mixed_text(caption_max);
            let r = upload_file(c, &a, "pixel.png", "image/png", PNG, Some(&caption))?;
            let post = created(&r, "/post")?;
            if post["caption"] == caption.as_str() { Ok(r.describe()) } else { Err(format!("a different caption: {}", r.describe())) }
        },
    );

    c.check_error(
        format!(
            "POST /api/posts: caption of {} characters -> 422 validation_failed with fields.caption",
            caption_max + 1
        ),
        422,
        "validation_failed",
        Some("caption"),
        move |c| {
            let a = c.user("a")?;
            upload_file(c, &a, "pixel.png", "image/png", PNG, Some(&mixed_text(caption_max + 1)))
        },
    );

    c.check(
        "POST /api/posts with the file name ../../<name>.png -> 201, and the image_url uses a name the server made",
        "an image_url without '..' or the client's name",
        |c| {
            let a = c.user("a")?;
            let name = c.name("upload");
            let r = upload_file(c, &a, &format!("../../{name}.png"), "image/png", PNG, None)?;
            let post = created(&r, "/post")?;
            let url = post["image_url"].as_str().unwrap_or_default().to_string();
            if url.contains("..") || url.contains(&name) {
                return Err(format!("image_url {url:?}"));
            }
            let image = c.get(&image_path(&url), None)?;
            expect::status(&image, 200).step(&format!("GET {url}"))?;
            Ok(format!("image_url {url:?}"))
        },
    );
}

/// POST /api/posts/{id}/comments.
fn comment(c: &mut Ctx<'_>, user: Option<&User>, post: &str, body: Value) -> Result<Resp, String> {
    c.json(Method::POST, &format!("/api/posts/{post}/comments"), user.and_then(User::token), &body)
}

/// A post by "a" with comments by "b", "a" and "c", in that order.
fn commented_post(c: &mut Ctx<'_>) -> Result<(String, Vec<String>, Value), String> {
    let (a, b, cc) = (c.user("a")?, c.user("b")?, c.user("c")?);
    let post = id_of(&c.create_post(&a, "comment on this")?)?;
    let mut comments = Vec::new();
    let mut first = Value::Null;
    for (user, text) in [(&b, "first"), (&a, "second"), (&cc, "third")] {
        let r = comment(c, Some(user), &post, json!({"body": text}))?;
        let made = created(&r, "/comment").step("commenting")?;
        if first.is_null() {
            first = made.clone();
        }
        comments.push(id_of(&made)?);
    }
    Ok((post, comments, first))
}

pub(super) fn run_comments(c: &mut Ctx<'_>) {
    let setup = commented_post(c).step("setup failed, cannot comment on a post");
    let comment_id = |i: usize| setup.as_ref().ok().and_then(|s| s.1.get(i)).cloned().unwrap_or_default();
    let [c1, c2, c3] = [0, 1, 2].map(comment_id);

    c.check(
        "POST /api/posts/{id}/comments -> 201 {comment}: the Comment shape, the caller as author, the body as sent",
        "201 {comment}",
        |c| {
            let (_, _, first) = setup.clone()?;
            let b = c.user("b")?;
            expect::comment(&first)?;
            if first["author"]["id"] != b.id.as_str() || first["body"] != "first" {
                return Err(format!("comment {first}"));
            }
            Ok(format!("comment {}", shorten(&first.to_string(), 120)))
        },
    );

    c.check(
        "GET /api/posts/{id}/comments -> a page of comments, oldest first",
        "first, second, third",
        |c| {
            let (post, ..) = setup.clone()?;
            let (items, _) = c.page(&format!("/api/posts/{post}/comments"), None, "comments")?;
            for item in &items {
                expect::comment(item)?;
            }
            order(&items, &[&c1, &c2, &c3])
        },
    );

    c.check("comment_count counts a post's comments", "comment_count 3", |c| {
        let (post, ..) = setup.clone()?;
        let post = c.fetch_post(&post, None)?;
        expect::count(&post, "comment_count", 3)
    });

    c.check(
        "GET /api/posts/{id}/comments?limit=2 then its next_cursor -> all comments once, oldest first",
        "[first, second] then [third] with next_cursor null",
        |c| {
            let (post, ..) = setup.clone()?;
            let path = format!("/api/posts/{post}/comments");
            let (page1, cursor) = c.page(&format!("{path}?limit=2"), None, "comments")?;
            order(&page1, &[&c1, &c2]).step("first page")?;
            let cursor = cursor.ok_or("first page: next_cursor is null with a comment left")?;
            let (page2, next) =
                c.page(&format!("{path}?limit=2&cursor={}", encode(&cursor)), None, "comments")?;
            order(&page2, &[&c3]).step("second page")?;
            match next {
                None => Ok("[first, second] then [third] with next_cursor null".into()),
                Some(n) => Err(format!("next_cursor {n:?} on the last page")),
            }
        },
    );

    let max = c.idea.limits.comment_max as usize;
    c.check(
        format!("POST /api/posts/{{id}}/comments: body of {max} characters (emoji, accents, CJK) -> 201, stored as sent"),
        "201 {comment} with the body as sent",
        |c| {
            let (post, ..) = setup.clone()?;
            let a = c.user("a")?;
            let body = mixed_text(max);
            let r = comment(c, Some(&a), &post, json!({"body": body}))?;
            let made = created(&r, "/comment")?;
            if made["body"] == body.as_str() { Ok(r.describe()) } else { Err(format!("a different body: {}", r.describe())) }
        },
    );

    for (what, body) in [
        (format!("body of {} characters", max + 1), json!({"body": mixed_text(max + 1)})),
        ("empty body".to_string(), json!({"body": ""})),
        ("no body".to_string(), json!({})),
        ("body that is not a string".to_string(), json!({"body": 5})),
    ] {
        c.check_error(
            format!("POST /api/posts/{{id}}/comments: {what} -> 422 validation_failed with fields.body"),
            422,
            "validation_failed",
            Some("body"),
            |c| {
                let (post, ..) = setup.clone()?;
                let a = c.user("a")?;
                comment(c, Some(&a), &post, body)
            },
        );
    }

    c.check_error(
        "POST /api/posts/{id}/comments without a token -> 401 unauthorized",
        401,
        "unauthorized",
        None,
        |c| {
            let (post, ..) = setup.clone()?;
            comment(c, None, &post, json!({"body": "anonymous"}))
        },
    );

    c.check_error("POST /api/posts/{unknown id}/comments -> 404 not_found", 404, "not_found", None, |c| {
        let a = c.user("a")?;
        comment(c, Some(&a), "999999999", json!({"body": "nowhere"}))
    });

    c.check_error("GET /api/posts/{unknown id}/comments -> 404 not_found", 404, "not_found", None, |c| {
        c.get("/api/posts/999999999/comments", None)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_paths_drop_scheme_and_host() {
        assert_eq!(image_path("/uploads/a.png"), "/uploads/a.png");
        assert_eq!(image_path("http://127.0.0.1:5000/uploads/a.png"), "/uploads/a.png");
    }

    #[test]
    fn image_extensions_come_from_the_file_name() {
        assert_eq!(image_extension("/uploads/3f9c.GIF").as_deref(), Some("gif"));
        assert_eq!(image_extension("http://h:1/uploads/a.png?v=1").as_deref(), Some("png"));
        assert_eq!(image_extension("/uploads/3f9c"), None);
        assert_eq!(image_extension("/img.d/3f9c"), None);
        assert_eq!(image_extension("/uploads/a.txt"), None);
    }

    #[test]
    fn big_pngs_keep_the_signature() {
        let png = png_of_size(1000);
        assert_eq!(png.len(), 1000);
        assert!(png.starts_with(b"\x89PNG"));
    }
}
