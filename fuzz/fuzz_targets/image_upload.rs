//! An uploaded profile photo or spotlight image. Any bytes are refused or become a
//! JPEG of at most 512 pixels a side, without a panic or an allocation past the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle::server::images::{reencode, PHOTO_SIDE};

fuzz_target!(|upload: &[u8]| {
    let Ok(jpeg) = reencode(upload, PHOTO_SIDE) else {
        return;
    };
    let stored = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg)
        .expect("a stored photo is a JPEG");
    assert!(stored.width() <= PHOTO_SIDE && stored.height() <= PHOTO_SIDE);
    assert!(stored.width() >= 1 && stored.height() >= 1);
});
