/**
 * A demo news cover drawn in code (no image file in the repository): a 480×270 PNG of a morning over rice fields
 * and the hills, the kind of picture a province puts over a notice. Deflated with CompressionStream, so it is made
 * the same way in Node (the seeder) and in workerd (the tests).
 */
const WIDTH = 480;
const HEIGHT = 270;

type Rgb = [number, number, number];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb;

const SKY_TOP: Rgb = [120, 180, 230];
const SKY_LOW: Rgb = [250, 214, 165];
const SUN: Rgb = [255, 236, 170];
const HILLS: Rgb = [74, 120, 110];
const FIELD_FAR: Rgb = [150, 196, 90];
const FIELD_NEAR: Rgb = [64, 138, 52];

function pixel(x: number, y: number): Rgb {
  const hill = 150 + 18 * Math.sin(x / 47) + 10 * Math.sin(x / 19 + 1);
  if (y >= 175) {
    const t = (y - 175) / (HEIGHT - 175);
    // Rows of rice: a slightly darker line every few pixels, closer together towards the horizon.
    const row = Math.sin((y - 175) ** 1.35 / 2.2) > 0.85 ? 0.82 : 1;
    return mix(FIELD_FAR, FIELD_NEAR, t).map((c) => Math.round(c * row)) as Rgb;
  }
  if (y >= hill) return HILLS;
  const sunDistance = Math.hypot(x - 360, y - 95);
  if (sunDistance < 26) return SUN;
  const sky = mix(SKY_TOP, SKY_LOW, y / 175);
  return sunDistance < 60 ? mix(SUN, sky, (sunDistance - 26) / 34) : sky;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function demoNewsCoverPng(): Promise<Uint8Array> {
  const raw = new Uint8Array(HEIGHT * (1 + WIDTH * 3));
  for (let y = 0; y < HEIGHT; y++) {
    const row = y * (1 + WIDTH * 3); // filter byte 0 (none) first
    for (let x = 0; x < WIDTH; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, WIDTH);
  view.setUint32(4, HEIGHT);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, adaptive filtering, no interlace
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", await deflate(raw)),
    chunk("IEND", new Uint8Array()),
  ];
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}
