/**
 * Fuzzing the feedback photo upload (multipart): files that are not the photos they claim to be — truncated
 * headers, wrong magic bytes, zero bytes, SVG and HTML, random bytes under any declared type and name, too many
 * files, one too large — are refused with a 4xx, never a 5xx, and leave nothing behind: no feedback row, no object
 * in R2.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PHOTO_MAX_BYTES, PHOTO_MAX_COUNT } from "../../worker/src/domain/limits";
import { call } from "./helpers";
import { jpegWithMetadata } from "./image-fixtures";
import { seedWorld, type World } from "./suites/actors";
import { judge } from "./suites/fuzz-support";

const SEED = 20261314;
const BATCH = 10;
const RUNS = 40;

const bytes = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
/** The first bytes of each accepted format, cut before any image data. */
const PNG_HEAD = concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), bytes("IHDR"), new Uint8Array([0, 0, 0, 1]));
const WEBP_HEAD = concat(bytes("RIFF"), new Uint8Array([40, 0, 0, 0]), bytes("WEBPVP8X"));
const JPEG = jpegWithMetadata();
/** Where the JPEG's scan (its image data) starts: a cut before it leaves no image at all. */
const JPEG_SCAN = JPEG.findIndex((b, i) => b === 0xff && JPEG[i + 1] === 0xda);

const NOT_PHOTOS: Uint8Array[] = [
  new Uint8Array(0),
  bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
  bytes("<!DOCTYPE html><html><body><script>fetch('/v1/me')</script></body></html>"),
  bytes("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
  concat(bytes("PK\x03\x04"), JPEG),
  bytes("%PDF-1.7\n%âãÏÓ\n"),
  PNG_HEAD,
  WEBP_HEAD,
  JPEG.slice(0, 2),
  JPEG.slice(0, JPEG_SCAN),
];

const notAPhoto: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom(...NOT_PHOTOS),
  // A header cut anywhere before the image data.
  fc.integer({ min: 0, max: JPEG_SCAN - 1 }).map((n) => JPEG.slice(0, n)),
  fc.integer({ min: 0, max: PNG_HEAD.length }).map((n) => PNG_HEAD.slice(0, n)),
  // The JPEG's magic (its start-of-image marker) spoiled, the rest kept.
  fc
    .tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 255 }))
    .filter(([i, b]) => JPEG[i] !== b)
    .map(([i, b]) => {
      const out = JPEG.slice();
      out[i] = b;
      return out;
    }),
  fc.uint8Array({ minLength: 1, maxLength: 2048 }),
);

const file = fc.record({
  data: notAPhoto,
  type: fc.constantFrom("image/jpeg", "image/png", "image/webp", "image/svg+xml", "text/html", "application/octet-stream", "", "image/jpeg; charset=utf-8"),
  // A part with an empty file name is dropped as "no file chosen" (the feedback is kept without it): not here.
  name: fc.constantFrom("anh.jpg", "anh.png", "anh.svg", "../../anh.jpg", "anh.jpg.html", "ảnh chụp.webp", "a\u0000.jpg"),
});

let world: World;
let requests = 0;

async function stored() {
  const objects = (await env.MEDIA.list()).objects.length;
  const row = await env.DB.prepare("SELECT count(*) AS n FROM feedback").first<{ n: number }>();
  return { objects, feedback: row!.n };
}

async function upload(files: { data: Uint8Array; type: string; name: string }[], session = world.sessions.citizenB!) {
  requests++;
  const form = new FormData();
  form.append("category", "environment");
  form.append("text", "Rác thải đổ bừa bãi ở chân cầu nhiều ngày.");
  for (const f of files) form.append("photos", new File([f.data], f.name, { type: f.type }));
  const res = await call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${session}` }, body: form });
  return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") ?? "" };
}

beforeAll(async () => {
  world = await seedWorld();
});

describe("photo upload fuzzing", () => {
  it("anything that is not a whole JPEG, PNG or WebP photo is refused with a 4xx and nothing is stored", async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(file, { minLength: 1, maxLength: PHOTO_MAX_COUNT }), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const answers = await Promise.all(batch.map((files) => upload(files)));
        for (const a of answers) {
          expect(a.status, a.text).toBeGreaterThanOrEqual(400);
          expect(judge("/v1/me/feedback", a.status, a.contentType, a.text)).toEqual({ ok: true });
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(await stored()).toEqual(before);
  }, 600_000);

  it("one good photo among bad ones does not carry them: the whole feedback is refused", async () => {
    const before = await stored();
    for (const bad of NOT_PHOTOS) {
      const a = await upload([
        { data: JPEG, type: "image/jpeg", name: "tot.jpg" },
        { data: bad, type: "image/jpeg", name: "xau.jpg" },
      ]);
      expect([400, 415], a.text).toContain(a.status);
    }
    expect(await stored()).toEqual(before);
  });

  it("too many photos, or one too large, are refused before anything is stored", async () => {
    const before = await stored();
    const many = await upload(Array.from({ length: PHOTO_MAX_COUNT + 1 }, () => ({ data: JPEG, type: "image/jpeg", name: "anh.jpg" })));
    expect(many.status).toBe(400);
    expect(JSON.parse(many.text).error.code).toBe("too_many_photos");
    const large = concat(JPEG.slice(0, -2), new Uint8Array(PHOTO_MAX_BYTES), JPEG.slice(-2));
    const big = await upload([{ data: large, type: "image/jpeg", name: "lon.jpg" }]);
    expect(big.status).toBe(413);
    expect(judge("/v1/me/feedback", big.status, big.contentType, big.text)).toEqual({ ok: true });
    expect(await stored()).toEqual(before);
    console.log(`upload fuzzing: ${requests} uploads refused, nothing stored`);
  }, 60_000);

  it("the same form with a whole photo is stored, once: the refusals above were about the files", async () => {
    const before = await stored();
    const ok = await upload([{ data: JPEG, type: "application/octet-stream", name: "anh.bin" }]);
    expect(ok.status, ok.text).toBe(201);
    expect(await stored()).toEqual({ objects: before.objects + 1, feedback: before.feedback + 1 });
  });
});

/**
 * A JPEG cut inside its image data is refused; bytes after a JPEG's end marker (a ZIP or an HTML page: a polyglot)
 * are not kept: what is stored ends at the marker.
 */
describe("truncated and polyglot JPEGs", () => {
  it("a JPEG cut inside its scan is refused and nothing is stored", async () => {
    const before = await stored();
    const res = await upload([{ data: JPEG.slice(0, JPEG_SCAN + 12), type: "image/jpeg", name: "anh.jpg" }], world.sessions.citizenA!);
    expect(res.status, res.text).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it("a JPEG followed by a ZIP or HTML is stored without what follows its end marker", async () => {
    for (const tail of ["PK\x03\x04zipzipzip", "<html><script>alert(1)</script></html>"]) {
      const before = new Set((await env.MEDIA.list()).objects.map((o) => o.key));
      const res = await upload([{ data: concat(JPEG, bytes(tail)), type: "image/jpeg", name: "anh.jpg" }], world.sessions.citizenA!);
      expect(res.status, res.text).toBe(201);
      const added = (await env.MEDIA.list()).objects.map((o) => o.key).filter((k) => !before.has(k));
      expect(added).toHaveLength(1);
      const kept = new Uint8Array(await (await env.MEDIA.get(added[0]!))!.arrayBuffer());
      expect([...kept.slice(-2)]).toEqual([0xff, 0xd9]);
      const text = new TextDecoder("latin1").decode(kept);
      expect(text).not.toContain(tail.slice(0, 6));
    }
  });
});
