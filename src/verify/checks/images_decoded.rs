//! Instagram: what an upload becomes (API.md, "Creating a post"). The server
//! decodes every image and stores it encoded again without metadata, so a
//! photo's EXIF (where it was taken) and a PNG's text never reach the public;
//! bytes with an image's signature that do not decode are 415; an image of
//! more pixels than `MAX_IMAGE_PIXELS` is 422, judged before decoding.

use super::comments_uploads::{image_path, upload_file};
use crate::verify::context::{Ctx, created};
use crate::verify::expect::{self, Step};

/// pixel.jpg with an EXIF block: an ImageDescription holding `SECRET`, an
/// Orientation, and a GPS block.
const EXIF_JPEG: &[u8] = include_bytes!("../images/exif.jpg");
/// pixel.png with a tEXt chunk holding `SECRET`.
const TEXT_PNG: &[u8] = include_bytes!("../images/text.png");
/// An 8000 x 8000 one-bit PNG: 7.6 KiB that decode to 64 million pixels.
const BOMB_PNG: &[u8] = include_bytes!("../images/bomb.png");
const BOMB_PIXELS: u64 = 8000 * 8000;
/// What the metadata of both files says, and what no served image may hold.
const SECRET: &[u8] = b"backroad-verify-secret-place";
/// The GIF signature, then a web page: a polyglot.
const POLYGLOT: &[u8] = b"GIF89a<html><body><script>alert(document.domain)</script></body></html>";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub(super) fn run(c: &mut Ctx<'_>) {
    for (format, file, content_type, data, metadata) in [
        ("JPEG", "gps.jpg", "image/jpeg", EXIF_JPEG, "EXIF (GPS, a description)"),
        ("PNG", "note.png", "image/png", TEXT_PNG, "a tEXt chunk"),
    ] {
        c.check(
            format!("POST /api/posts with a {format} holding {metadata} -> 201, and the image served has none of it"),
            format!("201, then 200 {content_type} without the metadata"),
            move |c| {
                let a = c.user("a")?;
                let r = upload_file(c, &a, file, content_type, data, None)?;
                let post = created(&r, "/post")?;
                let url = post["image_url"].as_str().unwrap_or_default().to_string();
                let image = c.get(&image_path(&url), None)?;
                expect::status(&image, 200).step(&format!("GET {url}"))?;
                if image.media_type() != content_type || !image.body.starts_with(&data[..3]) {
                    return Err(format!("GET {url}: {} is not the {format} uploaded", image.media_type()));
                }
                if contains(&image.body, SECRET) || contains(&image.body, b"Exif\0\0") {
                    return Err(format!("GET {url}: the metadata is still in the image, stored as uploaded"));
                }
                Ok(format!("201, then 200 {content_type}, {} bytes without the metadata", image.body.len()))
            },
        );
    }
    for (what, file, content_type, data) in [
        ("GIF89a and then an HTML page (a polyglot)", "page.gif", "image/gif", POLYGLOT),
        ("only the 8-byte PNG signature", "empty.png", "image/png", &b"\x89PNG\r\n\x1a\n"[..]),
    ] {
        c.check_error(
            format!("POST /api/posts with {what} -> 415 unsupported_media_type (a signature, but no image)"),
            415,
            "unsupported_media_type",
            None,
            move |c| {
                let a = c.user("a")?;
                upload_file(c, &a, file, content_type, data, None)
            },
        );
    }
    let max = c.idea.limits.image_max_pixels;
    c.check_error(
        format!(
            "POST /api/posts with a PNG of 8000 x 8000 pixels in {} bytes (over MAX_IMAGE_PIXELS, {max}) -> 422 \
             validation_failed with fields.image",
            BOMB_PNG.len()
        ),
        422,
        "validation_failed",
        Some("image"),
        move |c| {
            if BOMB_PIXELS <= max {
                return Err(format!("the test image has {BOMB_PIXELS} pixels, not over {max}"));
            }
            let a = c.user("a")?;
            upload_file(c, &a, "bomb.png", "image/png", BOMB_PNG, None)
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_images_hold_what_the_checks_look_for() {
        assert!(EXIF_JPEG.starts_with(b"\xff\xd8") && contains(EXIF_JPEG, b"Exif\0\0"));
        assert!(contains(EXIF_JPEG, SECRET) && contains(TEXT_PNG, SECRET));
        // The IHDR's width and height, big-endian, right after the signature and the chunk's head.
        assert_eq!(&BOMB_PNG[16..24], &[0, 0, 0x1f, 0x40, 0, 0, 0x1f, 0x40]);
        assert!(BOMB_PNG.len() < 10_000);
    }
}
