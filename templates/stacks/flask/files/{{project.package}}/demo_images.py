"""Small PNG pictures drawn in code, for the demo data: no image library needed.

A PNG is a signature and a few chunks (length, type, data, CRC): IHDR says the size and
colour type, IDAT holds the zlib-compressed rows of pixels, IEND ends the file.
"""

import struct
import zlib

RGB = tuple[int, int, int]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def gradient_png(top: RGB, bottom: RGB, size: int = 256) -> bytes:
    """A size x size PNG fading from `top` to `bottom`, with a lighter disc in the middle."""
    rows = []
    centre, radius = size / 2, size / 4
    for y in range(size):
        t = y / (size - 1)
        base = bytes(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        light = bytes(min(255, c + 70) for c in base)
        row = bytearray(b"\x00")  # each row starts with its filter type: 0, none
        for x in range(size):
            inside = (x - centre) ** 2 + (y - centre) ** 2 <= radius**2
            row += light if inside else base
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
