/**
 * Photos citizens attach to feedback: the type is read from the bytes (never from the name or the declared type),
 * and everything that can identify a person or a place without their say is removed before the photo is stored:
 * EXIF (GPS position, time, camera serial), XMP, IPTC and comments. Pixels are untouched.
 */
export type ImageType = "image/jpeg" | "image/png" | "image/webp";

export const IMAGE_EXTENSIONS: Record<ImageType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

export class BadImageError extends Error {}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));

export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return "image/png";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  return null;
}

export function stripMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
  switch (type) {
    case "image/jpeg":
      return stripJpeg(bytes);
    case "image/png":
      return stripPng(bytes);
    case "image/webp":
      return stripWebp(bytes);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * JPEG: every segment and scan up to the end-of-image marker. Kept: APP0 (JFIF), APP2 (ICC colour profile), APP14
 * (Adobe colour transform), every non-APP segment and the compressed image data. Dropped: APP1 (EXIF, XMP), APP13
 * (IPTC), the other APPn, COM, and anything after the end marker (where a polyglot file hides a second format).
 * A file that ends before its end marker is refused: half a photo is not stored.
 */
function stripJpeg(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  let scans = 0;
  while (at < b.length) {
    if (b[at] !== 0xff) throw new BadImageError("JPEG segment marker expected");
    const marker = b[at + 1];
    if (marker === undefined) break;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      if (scans === 0) throw new BadImageError("JPEG without image data");
      parts.push(b.subarray(at, at + 2));
      return concat(parts);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(b.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > b.length) throw new BadImageError("truncated JPEG");
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > b.length) throw new BadImageError("truncated JPEG segment");
    if (marker === 0xda) {
      const dataEnd = entropyCodedEnd(b, end);
      parts.push(b.subarray(at, dataEnd)); // start of scan and the compressed image data after it
      scans++;
      at = dataEnd;
      continue;
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep = (isApp && (marker === 0xe0 || marker === 0xe2 || marker === 0xee)) || (!isApp && marker !== 0xfe);
    if (keep) parts.push(b.subarray(at, end));
    at = end;
  }
  throw new BadImageError(scans === 0 ? "JPEG without image data" : "truncated JPEG: no end-of-image marker");
}

/**
 * Where a scan's compressed data ends: at the first marker that is not a stuffed 0xFF00, a restart marker or fill.
 * Progressive JPEGs have several scans, with tables between them; the segment loop goes on from there.
 */
function entropyCodedEnd(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) {
    if (b[i] !== 0xff) continue;
    const next = b[i + 1]!;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
    return i;
  }
  throw new BadImageError("truncated JPEG: the image data ends before its end marker");
}

/** PNG: drops the text chunks (tEXt, zTXt, iTXt), eXIf and tIME; keeps the rest. */
const PNG_DROPPED = new Set(["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]);
function stripPng(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 8;
  let sawEnd = false;
  while (at < b.length) {
    if (at + 12 > b.length) throw new BadImageError("truncated PNG chunk");
    const length = view.getUint32(at);
    const type = ascii(b, at + 4, 4);
    const end = at + 12 + length;
    if (end > b.length) throw new BadImageError("truncated PNG chunk");
    if (!PNG_DROPPED.has(type)) parts.push(b.subarray(at, end));
    at = end;
    if (type === "IEND") {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) throw new BadImageError("PNG without IEND");
  return concat(parts);
}

/** WebP: drops the EXIF and XMP chunks, clears their flags in VP8X, and rewrites the RIFF size. */
function stripWebp(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffEnd = Math.min(b.length, 8 + view.getUint32(4, true));
  const chunks: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= riffEnd) {
    const fourcc = ascii(b, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > riffEnd) throw new BadImageError("truncated WebP chunk");
    if (fourcc !== "EXIF" && fourcc !== "XMP ") {
      const chunk = b.slice(at, Math.min(end, riffEnd));
      if (fourcc === "VP8X" && chunk.length > 8) chunk[8]! &= ~(0x08 | 0x04);
      chunks.push(chunk);
    }
    at = end;
  }
  if (chunks.length === 0) throw new BadImageError("WebP without image data");
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}
