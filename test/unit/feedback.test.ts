import { describe, expect, it } from "vitest";
import { checkChosenPhoto, checkPhotoToSend, MAX_ORIGINAL_BYTES, MAX_SENT_PHOTO_BYTES, photoTypeOf } from "../../miniapp/src/domain/photos";
import { FEEDBACK_ANSWER_WORKING_DAYS, feedbackAnswerDueAt } from "../../worker/src/domain/voice";

const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d];
const WEBP = [...new TextEncoder().encode("RIFF"), 0x24, 0x00, 0x00, 0x00, ...new TextEncoder().encode("WEBPVP8 ")];
/** What an iPhone saves by default: an ISO box "ftyp" with the brand "heic". */
const HEIC = [0x00, 0x00, 0x00, 0x18, ...new TextEncoder().encode("ftypheicmif1")];

const file = (head: number[], name: string, type = "", size = 2048) => {
  const bytes = new Uint8Array(Math.max(size, head.length));
  bytes.set(head);
  return new File([bytes], name, { type });
};

describe("a photo chosen for feedback", () => {
  it("is a JPEG, PNG or WebP by its first bytes", async () => {
    expect(await photoTypeOf(file(JPEG, "a.jpg"))).toBe("image/jpeg");
    expect(await photoTypeOf(file(PNG, "a.png"))).toBe("image/png");
    expect(await photoTypeOf(file(WEBP, "a.webp"))).toBe("image/webp");
    expect(await checkChosenPhoto(file(PNG, "so-do.png"))).toBeNull();
  });

  it("is judged by its bytes, never by its name or declared type", async () => {
    // A HEIC named and declared as a JPEG will not go; a JPEG with an odd name will.
    expect(await checkChosenPhoto(file(HEIC, "IMG_2031.jpg", "image/jpeg"))).toEqual({ reason: "type" });
    expect(await checkChosenPhoto(file(JPEG, "IMG_2031.HEIC", "image/heic"))).toBeNull();
    expect(await checkChosenPhoto(file([...new TextEncoder().encode("%PDF-1.7")], "giay-to.jpg", "image/jpeg"))).toEqual({ reason: "type" });
    expect(await checkChosenPhoto(new File([], "rong.jpg", { type: "image/jpeg" }))).toEqual({ reason: "type" });
    // Almost a WebP: RIFF of another kind (a WAV sound).
    expect(await checkChosenPhoto(file([...new TextEncoder().encode("RIFF"), 0, 0, 0, 0, ...new TextEncoder().encode("WAVE")], "am-thanh.webp"))).toEqual({
      reason: "type",
    });
  });

  it("is refused before shrinking when too big for the phone to shrink", async () => {
    expect(await checkChosenPhoto(file(JPEG, "lon.jpg", "", MAX_ORIGINAL_BYTES))).toBeNull();
    expect(await checkChosenPhoto(file(JPEG, "qua-lon.jpg", "", MAX_ORIGINAL_BYTES + 1))).toEqual({
      reason: "original_too_large",
      bytes: MAX_ORIGINAL_BYTES + 1,
    });
  });

  it("is refused after shrinking when what would be sent is over the server's 5 MB", () => {
    expect(MAX_SENT_PHOTO_BYTES).toBe(5 * 1024 * 1024);
    expect(checkPhotoToSend(new Blob([new Uint8Array(MAX_SENT_PHOTO_BYTES)]))).toBeNull();
    expect(checkPhotoToSend(new Blob([new Uint8Array(MAX_SENT_PHOTO_BYTES + 1)]))).toEqual({ reason: "too_large_to_send", bytes: MAX_SENT_PHOTO_BYTES + 1 });
  });
});

describe("the date an answer to feedback is due", () => {
  const received = (createdAt: string, ...history: { status: string; at: string }[]) => ({
    createdAt,
    history: [{ status: "received", at: createdAt }, ...history],
  });
  const vn = (iso: string) => new Date(iso).toISOString();

  it("is 10 working days after it was received, weekends skipped, at the same hour", () => {
    expect(FEEDBACK_ANSWER_WORKING_DAYS).toBe(10);
    // Friday 10:00 in Vietnam → Friday two weeks later.
    expect(feedbackAnswerDueAt(received("2026-11-20T10:00:00+07:00"))).toBe(vn("2026-12-04T10:00:00+07:00"));
    // Monday → Monday two weeks later.
    expect(feedbackAnswerDueAt(received("2026-11-23T08:30:00+07:00"))).toBe(vn("2026-12-07T08:30:00+07:00"));
    // Sent on a Saturday: the ten days start on Monday, so it is due on the Friday of the second week.
    expect(feedbackAnswerDueAt(received("2026-11-21T21:00:00+07:00"))).toBe(vn("2026-12-04T21:00:00+07:00"));
  });

  it("counts in Vietnam's week, not UTC's: Saturday 06:00 there is Friday in UTC", () => {
    expect(feedbackAnswerDueAt(received("2026-11-21T06:00:00+07:00"))).toBe(vn("2026-12-04T06:00:00+07:00"));
  });

  it("starts again from the last time the citizen sent it back", () => {
    const f = received(
      "2026-11-02T09:00:00+07:00",
      { status: "assigned", at: "2026-11-03T09:00:00+07:00" },
      { status: "answered", at: "2026-11-10T09:00:00+07:00" },
      { status: "reopened", at: "2026-11-12T15:00:00+07:00" },
      { status: "answered", at: "2026-11-16T09:00:00+07:00" },
      { status: "reopened", at: "2026-11-18T14:00:00+07:00" },
    );
    // Wednesday 18/11 → Wednesday 02/12.
    expect(feedbackAnswerDueAt(f)).toBe(vn("2026-12-02T14:00:00+07:00"));
  });
});
