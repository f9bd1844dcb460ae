//! Uploaded images: reading them from a form, recognising them by their bytes,
//! storing and deleting them.
//!
//! The client's file name and declared Content-Type are never trusted: the format
//! comes from the file's first bytes (its "magic number"), the stored name is
//! random, and its extension is the one that matches the bytes. GET /uploads/...
//! then serves each file with the Content-Type of its extension (see routes.rs).

use std::path::Path;

use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;

use crate::error::ApiError;
use crate::limits::IMAGE_MAX_BYTES;

/// The image formats accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Gif,
    WebP,
}

impl Format {
    /// The format of `data`, judged by its first bytes; `None` for anything else.
    pub fn of(data: &[u8]) -> Option<Self> {
        match data {
            [0xFF, 0xD8, 0xFF, ..] => Some(Self::Jpeg),
            [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n', ..] => Some(Self::Png),
            [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some(Self::Gif),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(Self::WebP),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Gif => "gif",
            Self::WebP => "webp",
        }
    }
}

/// The bytes of an uploaded file. A file over IMAGE_MAX_BYTES is refused as soon
/// as it gets there, before the rest is read.
pub async fn read(mut field: Field<'_>) -> Result<Vec<u8>, ApiError> {
    let mut data = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        if data.len() + chunk.len() > IMAGE_MAX_BYTES {
            return Err(ApiError::PayloadTooLarge("the image is too large"));
        }
        data.extend_from_slice(&chunk);
    }
    Ok(data)
}

/// A multipart body that breaks off, is malformed, or goes past the route's
/// body limit (413).
impl From<MultipartError> for ApiError {
    fn from(error: MultipartError) -> Self {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Self::PayloadTooLarge("the request body is too large")
        } else {
            Self::BadRequest("the multipart/form-data body could not be read")
        }
    }
}

/// Writes the image under a new random name (128 bits: unguessable) and returns
/// that name.
pub async fn save(dir: &Path, data: &[u8], format: Format) -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|error| ApiError::Internal(error.into()))?;
    let name = format!("{}.{}", hex::encode(bytes), format.extension());
    tokio::fs::write(dir.join(&name), data).await?;
    Ok(name)
}

/// Deletes a stored image. A file already gone is not an error, and a failure is
/// only logged: the post it belonged to is deleted either way.
pub async fn delete(dir: &Path, name: &str) {
    match tokio::fs::remove_file(dir.join(name)).await {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            tracing::warn!(%error, name, "could not delete an uploaded image");
        }
        _ => {}
    }
}

/// Deletes every stored image (the names `save` makes, nothing else).
pub async fn delete_all(dir: &Path) -> std::io::Result<()> {
    let mut entries = tokio::fs::read_dir(dir).await?;
    while let Some(entry) = entries.next_entry().await? {
        let name = entry.file_name();
        if name.to_str().is_some_and(is_stored_name) {
            tokio::fs::remove_file(entry.path()).await?;
        }
    }
    Ok(())
}

/// Whether `name` is one `save` makes: 32 hex digits and an image extension.
fn is_stored_name(name: &str) -> bool {
    let Some((stem, extension)) = name.split_once('.') else {
        return false;
    };
    stem.len() == 32
        && stem.bytes().all(|b| b.is_ascii_hexdigit())
        && ["jpg", "png", "gif", "webp"].contains(&extension)
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn formats_are_judged_by_their_first_bytes() {
        assert_eq!(Format::of(b"\xFF\xD8\xFF\xE0rest"), Some(Format::Jpeg));
        assert_eq!(Format::of(b"\x89PNG\r\n\x1a\nrest"), Some(Format::Png));
        assert_eq!(Format::of(b"GIF89a..."), Some(Format::Gif));
        assert_eq!(Format::of(b"GIF87a..."), Some(Format::Gif));
        assert_eq!(Format::of(b"RIFF\x24\0\0\0WEBPVP8 "), Some(Format::WebP));
        assert_eq!(Format::of(b"RIFF\x24\0\0\0WAVEfmt "), None);
        assert_eq!(Format::of(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None);
        assert_eq!(Format::of(b""), None);
    }
}
