// Small PNG pictures drawn in code, for the demo data: no image library needed.
//
// A PNG is a signature and a few chunks (length, type, data, CRC): IHDR gives
// the size and colour type, IDAT holds the zlib-compressed rows of pixels, and
// IEND ends the file.

import { crc32, deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A size x size PNG fading from `top` to `bottom` ([r, g, b]), with a lighter disc in the middle. */
export function gradientPng(top, bottom, size = 256) {
  const centre = size / 2;
  const radius = size / 4;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const t = y / (size - 1);
    const base = top.map((from, i) => Math.round(from + (bottom[i] - from) * t));
    const light = base.map((channel) => Math.min(255, channel + 70));
    const row = [0]; // each row starts with its filter type: 0, none
    for (let x = 0; x < size; x++) {
      const inside = (x - centre) ** 2 + (y - centre) ** 2 <= radius ** 2;
      row.push(...(inside ? light : base));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, no interlacing
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
