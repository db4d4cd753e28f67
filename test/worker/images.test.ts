/** Photo metadata stripping for each accepted format, on hand-made files whose every byte is known. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BadImageError, detectImageType, stripMetadata } from "../../worker/src/media/images";
import { call, createProvince, json } from "./helpers";
import { jpegWithMetadata } from "./image-fixtures";
import { connectZalo, signIn } from "./zalo-helpers";

const text = (s: string) => [...new TextEncoder().encode(s)];
const latin1 = (b: Uint8Array) => new TextDecoder("latin1").decode(b);

function pngChunk(type: string, data: number[]): number[] {
  const length = [data.length >>> 24, (data.length >>> 16) & 255, (data.length >>> 8) & 255, data.length & 255];
  return [...length, ...text(type), ...data, 0, 0, 0, 0]; // CRC is not checked by the stripper
}

function png(): Uint8Array {
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...pngChunk("IHDR", new Array(13).fill(1)),
    ...pngChunk("tEXt", text("Author\0Nguyen Van A")),
    ...pngChunk("eXIf", text("MM\0*GPSLatitude")),
    ...pngChunk("tIME", [7, 234, 11, 25, 1, 2, 3]),
    ...pngChunk("IDAT", [1, 2, 3, 4]),
    ...pngChunk("IEND", []),
  ]);
}

function webpChunk(fourcc: string, data: number[]): number[] {
  const padded = data.length % 2 ? [...data, 0] : data;
  return [...text(fourcc), data.length & 255, (data.length >> 8) & 255, 0, 0, ...padded];
}

function webp(): Uint8Array {
  const body = [
    ...text("WEBP"),
    ...webpChunk("VP8X", [0x0c, 0, 0, 0, 1, 0, 0, 1, 0, 0]), // flags: EXIF (0x08) and XMP (0x04)
    ...webpChunk("VP8 ", [9, 9, 9]),
    ...webpChunk("EXIF", text("MM\0*GPSLongitude")),
    ...webpChunk("XMP ", text("<x:xmpmeta>Nguyen Van A</x:xmpmeta>")),
  ];
  return new Uint8Array([...text("RIFF"), body.length & 255, (body.length >> 8) & 255, 0, 0, ...body]);
}

describe("photo metadata", () => {
  it("detects the type from the bytes only", () => {
    expect(detectImageType(jpegWithMetadata())).toBe("image/jpeg");
    expect(detectImageType(png())).toBe("image/png");
    expect(detectImageType(webp())).toBe("image/webp");
    expect(detectImageType(new TextEncoder().encode("GIF89a..."))).toBeNull();
    expect(detectImageType(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
  });

  it("JPEG: drops EXIF and comments, keeps JFIF, tables and the scan", () => {
    const out = stripMetadata(jpegWithMetadata(), "image/jpeg");
    expect(latin1(out)).not.toMatch(/Exif|GPS|taken at home/);
    expect(latin1(out)).toContain("JFIF");
    expect(out.length).toBe(jpegWithMetadata().length - (4 + 68 - 2 + 2) - (4 + 13));
  });

  it("PNG: drops text, eXIf and tIME chunks, keeps the image chunks in order", () => {
    const out = stripMetadata(png(), "image/png");
    expect(latin1(out)).not.toMatch(/Nguyen|GPS|tEXt|eXIf|tIME/);
    expect([...latin1(out).matchAll(/IHDR|IDAT|IEND/g)].map((m) => m[0])).toEqual(["IHDR", "IDAT", "IEND"]);
  });

  it("WebP: drops EXIF and XMP, clears their flags and rewrites the RIFF size", () => {
    const out = stripMetadata(webp(), "image/webp");
    expect(latin1(out)).not.toMatch(/GPS|Nguyen|EXIF|XMP/);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    expect(view.getUint32(4, true)).toBe(out.length - 8);
    expect(out[20]! & 0x0c).toBe(0);
    expect(latin1(out)).toContain("VP8 ");
  });

  it("refuses truncated files instead of storing half of them", () => {
    expect(() => stripMetadata(jpegWithMetadata().slice(0, 30), "image/jpeg")).toThrow(BadImageError);
    expect(() => stripMetadata(png().slice(0, 40), "image/png")).toThrow(BadImageError);
  });

  it("JPEG: refuses a file cut inside its image data, before the end marker", () => {
    const whole = jpegWithMetadata();
    for (const cut of [2, 3, 4]) expect(() => stripMetadata(whole.slice(0, whole.length - cut), "image/jpeg"), `cut ${cut}`).toThrow(/truncated/);
  });

  it("JPEG: refuses an end marker with no image before it", () => {
    expect(() => stripMetadata(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), "image/jpeg")).toThrow(/without image data/);
  });

  it("JPEG: drops whatever follows the end marker, so a polyglot file loses its second format", () => {
    const whole = jpegWithMetadata();
    const hidden = text("PK\x03\x04<script>alert(1)</script>");
    const out = stripMetadata(new Uint8Array([...whole, ...hidden]), "image/jpeg");
    expect(latin1(out)).not.toMatch(/PK|script/);
    expect([...out.slice(-2)]).toEqual([0xff, 0xd9]);
    expect(out).toEqual(stripMetadata(whole, "image/jpeg"));
  });

  it("JPEG: keeps every scan of a progressive file, with the stuffed bytes, restarts and tables between them", () => {
    const whole = jpegWithMetadata();
    const firstScanEnd = whole.length - 2;
    const secondScan = [0xff, 0xc4, 0, 4, 0x10, 0x01, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0xab, 0xff, 0x00, 0xcd, 0xff, 0xd0, 0xef];
    const progressive = new Uint8Array([...whole.slice(0, firstScanEnd), ...secondScan, 0xff, 0xd9]);
    const out = stripMetadata(progressive, "image/jpeg");
    expect([...out.slice(-(secondScan.length + 2))]).toEqual([...secondScan, 0xff, 0xd9]);
  });
});

describe("photos sent with feedback", () => {
  it("refuses a truncated JPEG with 415 and stores nothing; keeps a polyglot's JPEG without what followed it", async () => {
    await createProvince("images-a", "000.00.02.H12");
    await connectZalo("images-a", "5200000001");
    const session = await signIn("images-a", "5200000001", "images-citizen");
    const send = (bytes: Uint8Array) => {
      const form = new FormData();
      form.append("category", "traffic_infrastructure");
      form.append("text", "Đèn đường ở ngõ 12 phố Lê Lợi hỏng đã hai tuần, buổi tối rất tối.");
      form.append("photos", new File([bytes], "anh.jpg", { type: "image/jpeg" }));
      return call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${session}` }, body: form });
    };
    const count = async () => (await env.DB.prepare("select count(*) n from feedback").first<{ n: number }>())!.n;
    const before = await count();
    const whole = jpegWithMetadata();
    const truncated = await send(whole.slice(0, whole.length - 3));
    expect(truncated.status).toBe(415);
    expect((await json(truncated)).error).toMatchObject({ code: "unreadable_photo", field: "photos" });
    expect(await count()).toBe(before);

    const polyglot = await send(new Uint8Array([...whole, ...text("PK\x03\x04<html><script>alert(1)</script>")]));
    expect(polyglot.status).toBe(201);
    const stored = new Uint8Array(await (await call(new URL((await json(polyglot)).photos[0].url).pathname)).arrayBuffer());
    expect(latin1(stored)).not.toMatch(/PK|script/);
    expect([...stored.slice(-2)]).toEqual([0xff, 0xd9]);
  });
});
