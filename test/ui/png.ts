/**
 * Reads a screenshot back, so a UI test can check what it shows rather than its file size: a
 * small PNG decoder (8-bit RGB or RGBA, not interlaced: what Chromium writes) on Node's zlib.
 */
import * as assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** The pixel at (x, y) as 0xRRGGBB (alpha ignored). */
  rgb(x: number, y: number): number;
}

export function decodePng(file: Buffer): Image {
  assert.equal(file.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colorType, , , interlace] = body.subarray(8, 13);
      assert.ok(depth === 8 && (colorType === 2 || colorType === 6) && interlace === 0, `unsupported PNG: depth ${depth}, colour type ${colorType}, interlace ${interlace}`);
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      data.push(body);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      pixels[y * stride + i] = (line[i]! + unfilter(filter, left, up, upLeft)) & 0xff;
    }
  }
  return {
    width,
    height,
    rgb: (x, y) => {
      const at = y * stride + x * channels;
      return (pixels[at]! << 16) | (pixels[at + 1]! << 8) | pixels[at + 2]!;
    },
  };
}

/** The value a PNG filter adds back to a byte (PNG spec §9). */
function unfilter(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How many distinct colours the box holds, and the share of its pixels that differ from its most common colour. */
export function inkIn(image: Image, box: Box): { colours: number; ink: number } {
  const counts = new Map<number, number>();
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) counts.set(image.rgb(x, y), (counts.get(image.rgb(x, y)) ?? 0) + 1);
  const total = Math.max(1, (x1 - x0) * (y1 - y0));
  return { colours: counts.size, ink: 1 - Math.max(0, ...counts.values()) / total };
}

/**
 * Asserts the screenshot has the page's size and that each named box (where the page just showed
 * some text) is drawn: text anti-aliases into many colours, a blank or flat area has one or two.
 */
export function assertScreenshotShows(png: Buffer, size: { width: number; height: number }, boxes: Record<string, Box | null>): void {
  const image = decodePng(png);
  assert.deepEqual({ width: image.width, height: image.height }, size, 'the screenshot is not the size of the page');
  for (const [what, box] of Object.entries(boxes)) {
    assert.ok(box, `${what} is not on the page`);
    const { colours, ink } = inkIn(image, box);
    assert.ok(colours >= 8 && ink >= 0.02, `${what} looks blank in the screenshot: ${colours} colours, ${(ink * 100).toFixed(1)}% ink`);
  }
}
