/** Minimal JPEG: SOI, JFIF, an EXIF segment with a GPS position, a comment, a quantisation table, scan, EOI. */
export function jpegWithMetadata(): Uint8Array {
  const seg = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const text = (s: string) => [...new TextEncoder().encode(s)];
  return new Uint8Array([
    0xff,
    0xd8,
    ...seg(0xe0, text("JFIF\0\x01\x01\0\0\x01\0\x01\0\0")),
    ...seg(0xe1, text("Exif\0\0MM\0*GPSLatitude 19.8067 GPSLongitude 105.7852 SerialNumber 123")),
    ...seg(0xfe, text("taken at home")),
    ...seg(0xdb, new Array(65).fill(1)),
    0xff,
    0xda,
    0,
    8,
    1,
    1,
    0,
    0,
    0x3f,
    0,
    0x12,
    0x34,
    0x56,
    0xff,
    0xd9,
  ]);
}
