//! Small PNG pictures drawn in code, for the demo data: no image library needed.
//!
//! A PNG is a signature and a few chunks (length, type, data, CRC-32): IHDR says
//! the size and colour type, IDAT holds the rows of pixels in a zlib stream, IEND
//! ends the file. The zlib stream here uses "stored" blocks, which any decoder
//! reads: bigger files than real compression makes, and much less code.

/// An RGB colour.
pub type Rgb = [u8; 3];

/// A `size` x `size` PNG fading from `top` to `bottom`, with a lighter disc in
/// the middle.
pub fn gradient_png(top: Rgb, bottom: Rgb, size: u32) -> Vec<u8> {
    let (centre, radius) = (f64::from(size) / 2.0, f64::from(size) / 4.0);
    let mut pixels = Vec::new();
    for y in 0..size {
        let t = f64::from(y) / f64::from(size.max(2) - 1);
        let base: Rgb = std::array::from_fn(|i| {
            (f64::from(top[i]) + (f64::from(bottom[i]) - f64::from(top[i])) * t).round() as u8
        });
        let light = base.map(|c| c.saturating_add(70));
        pixels.push(0); // each row starts with its filter type: 0, none
        for x in 0..size {
            let (dx, dy) = (f64::from(x) - centre, f64::from(y) - centre);
            let inside = dx * dx + dy * dy <= radius * radius;
            pixels.extend_from_slice(if inside { &light } else { &base });
        }
    }

    let mut header = Vec::new();
    header.extend_from_slice(&size.to_be_bytes());
    header.extend_from_slice(&size.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8 bits per channel, RGB, no interlace

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib_stored(&pixels));
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]); // over the type and the data
    png.extend_from_slice(&crc.to_be_bytes());
}

/// `data` as a zlib stream of uncompressed ("stored") deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01]; // zlib header: deflate, 32 KiB window
    let blocks: Vec<&[u8]> = data.chunks(u16::MAX as usize).collect();
    for (i, block) in blocks.iter().enumerate() {
        let last = u8::from(i + 1 == blocks.len());
        let len = block.len() as u16;
        out.push(last); // BFINAL bit, and block type 00: stored
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn pictures_are_pngs_of_the_size_asked() {
        let png = gradient_png([255, 0, 0], [0, 0, 255], 16);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(&png[16..24], &[0, 0, 0, 16, 0, 0, 0, 16]);
        assert!(png.ends_with(b"IEND\xAE\x42\x60\x82"));
    }
}
