//! Uploaded images (profile photos, spotlight images): checked, resized and re-encoded,
//! so no metadata (EXIF location above all) survives; the stored file holds pixels only.

use crate::domain::FieldIssue;
use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Largest upload accepted.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Longest side of a stored profile photo, in pixels.
pub const PHOTO_SIDE: u32 = 512;
/// Longest side of a stored spotlight image, in pixels.
pub const STORY_SIDE: u32 = 1200;
/// The longest side of an organization's logo, in pixels.
pub const LOGO_SIDE: u32 = 400;

/// Decodes a JPEG, PNG or WebP upload and returns a fresh JPEG of at most
/// `max_side` pixels a side. CPU-heavy: call it from a blocking task.
pub fn reencode(upload: &[u8], max_side: u32) -> Result<Vec<u8>, FieldIssue> {
    if upload.len() > MAX_BYTES {
        return Err(FieldIssue::FileTooLarge { max_mb: 2 });
    }
    let format = image::guess_format(upload).map_err(|_| FieldIssue::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(FieldIssue::NotAnImage);
    }
    let mut reader = ImageReader::with_format(Cursor::new(upload), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(8_000);
    limits.max_image_height = Some(8_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|_| FieldIssue::NotAnImage)?;
    let resized = if decoded.width() > max_side || decoded.height() > max_side {
        decoded.resize(max_side, max_side, image::imageops::FilterType::Lanczos3)
    } else {
        decoded
    };
    let mut out = Cursor::new(Vec::new());
    resized
        .to_rgb8()
        .write_to(&mut out, ImageFormat::Jpeg)
        .map_err(|_| FieldIssue::NotAnImage)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(width, height, image::Rgb([200, 80, 40]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).expect("encodes");
        out.into_inner()
    }

    #[test]
    fn a_large_png_becomes_a_small_jpeg() {
        let jpeg = reencode(&png(1200, 600), PHOTO_SIDE).expect("accepted");
        let back = image::load_from_memory(&jpeg).expect("decodes");
        assert_eq!(image::guess_format(&jpeg).ok(), Some(ImageFormat::Jpeg));
        assert_eq!((back.width(), back.height()), (512, 256));
        let story = reencode(&png(1600, 400), STORY_SIDE).expect("accepted");
        let back = image::load_from_memory(&story).expect("decodes");
        assert_eq!((back.width(), back.height()), (1200, 300));
    }

    #[test]
    fn exif_metadata_does_not_survive() {
        // A JPEG with an APP1 Exif segment holding a GPS marker.
        let mut jpeg = Cursor::new(Vec::new());
        image::RgbImage::from_pixel(8, 8, image::Rgb([1, 2, 3]))
            .write_to(&mut jpeg, ImageFormat::Jpeg)
            .expect("encodes");
        let mut bytes = jpeg.into_inner();
        let exif = b"Exif\0\0GPSLatitude=48.8566";
        let len = u16::try_from(exif.len() + 2).expect("short").to_be_bytes();
        let segment = [&[0xFF, 0xE1], &len[..], &exif[..]].concat();
        bytes.splice(2..2, segment);
        assert!(bytes.windows(11).any(|w| w == b"GPSLatitude"));
        let clean = reencode(&bytes, PHOTO_SIDE).expect("accepted");
        assert!(!clean.windows(4).any(|w| w == b"Exif"));
        assert!(!clean.windows(11).any(|w| w == b"GPSLatitude"));
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(
            reencode(b"GIF89a....", PHOTO_SIDE),
            Err(FieldIssue::NotAnImage)
        );
        assert_eq!(
            reencode(b"%PDF-1.7", PHOTO_SIDE),
            Err(FieldIssue::NotAnImage)
        );
        assert_eq!(
            reencode(&vec![0u8; MAX_BYTES + 1], PHOTO_SIDE),
            Err(FieldIssue::FileTooLarge { max_mb: 2 })
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// A damaged upload (bytes of a real JPEG changed) is refused or stored as a JPEG
        /// of at most the stored size, never a panic (fuzzed: `fuzz_targets/image_upload.rs`).
        #[test]
        fn a_damaged_upload_is_refused_or_stored_whole(
            changes in proptest::collection::vec((proptest::prelude::any::<usize>(), proptest::prelude::any::<u8>()), 1..12)
        ) {
            let mut jpeg = Cursor::new(Vec::new());
            image::RgbImage::from_fn(40, 24, |x, y| image::Rgb([x as u8 * 6, y as u8 * 10, 90]))
                .write_to(&mut jpeg, ImageFormat::Jpeg)
                .expect("encodes");
            let mut upload = jpeg.into_inner();
            let len = upload.len();
            for (at, byte) in changes {
                upload[at % len] = byte;
            }
            if let Ok(stored) = reencode(&upload, PHOTO_SIDE) {
                let back = image::load_from_memory_with_format(&stored, ImageFormat::Jpeg);
                proptest::prop_assert!(back.is_ok_and(|b| b.width() <= PHOTO_SIDE && b.height() <= PHOTO_SIDE));
            }
        }
    }
}
