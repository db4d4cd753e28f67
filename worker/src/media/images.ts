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
 * JPEG: segments up to the start of scan. Kept: APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour
 * transform) and every non-APP segment. Dropped: APP1 (EXIF, XMP), APP13 (IPTC), the other APPn and COM.
 */
function stripJpeg(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  while (at < b.length) {
    if (b[at] !== 0xff) throw new BadImageError("JPEG segment marker expected");
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(b.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > b.length) throw new BadImageError("truncated JPEG");
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > b.length) throw new BadImageError("truncated JPEG segment");
    if (marker === 0xda) {
      parts.push(b.subarray(at)); // start of scan: the compressed image data follows, to the end
      return concat(parts);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep = (isApp && (marker === 0xe0 || marker === 0xe2 || marker === 0xee)) || (!isApp && marker !== 0xfe);
    if (keep) parts.push(b.subarray(at, end));
    at = end;
  }
  throw new BadImageError("JPEG without image data");
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
