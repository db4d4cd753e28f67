/**
 * Photos for feedback are made small before they leave the phone: at most 1600 px on the long side, re-encoded
 * as JPEG. Drawing through a canvas also leaves the camera's metadata (GPS position, time, device) behind; the
 * server strips it again whatever arrives. A photo the browser cannot decode is sent as it is.
 *
 * Each file is checked when chosen, so the citizen learns which one will not go while they can still pick
 * another, rather than after pressing "Gửi": its type from its first bytes, as the server reads it (a name says
 * nothing: "IMG_2031.jpg" may be a HEIC), and its size twice, the original before shrinking (what a cheap phone
 * can decode) and what will be sent after (what the server takes).
 */
import { PHOTO_MAX_BYTES } from "../../../worker/src/domain/limits";
import { detectImageType } from "../../../worker/src/media/images";

export const MAX_PHOTO_SIDE = 1600;
/** The largest original the phone tries to shrink: a bigger one would only exhaust a cheap phone's memory. */
export const MAX_ORIGINAL_BYTES = 30 * 1024 * 1024;
/** What the server takes, per photo sent. */
export const MAX_SENT_PHOTO_BYTES = PHOTO_MAX_BYTES;
/** WebP's signature (RIFF….WEBP) is the longest one read. */
const SIGNATURE_BYTES = 12;

export type PhotoProblem =
  | { reason: "type" }
  /** Too big to shrink on the phone. */
  | { reason: "original_too_large"; bytes: number }
  /** Still over the server's limit once shrunk (or not shrinkable, so sent as it is). */
  | { reason: "too_large_to_send"; bytes: number };

/** What a chosen file is, from its first bytes: JPEG, PNG or WebP as the server reads them, or null. */
export async function photoTypeOf(file: Blob): Promise<string | null> {
  const head = new Uint8Array(await new Response(file.slice(0, SIGNATURE_BYTES)).arrayBuffer());
  return detectImageType(head);
}

/** The check made the moment a file is chosen, before anything is done with it. */
export async function checkChosenPhoto(file: Blob): Promise<PhotoProblem | null> {
  if (!(await photoTypeOf(file))) return { reason: "type" };
  if (file.size > MAX_ORIGINAL_BYTES) return { reason: "original_too_large", bytes: file.size };
  return null;
}

/** The check made on what will be sent, once shrunk. */
export function checkPhotoToSend(photo: Blob): PhotoProblem | null {
  return photo.size > MAX_SENT_PHOTO_BYTES ? { reason: "too_large_to_send", bytes: photo.size } : null;
}

export function fitWithin(width: number, height: number, max = MAX_PHOTO_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function shrinkPhoto(file: Blob): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const { width, height } = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    return blob ?? file;
  } catch {
    return file;
  }
}

/** The phone's position, asked only when the citizen ticks "share my place". */
export function currentPosition(timeoutMs = 10_000): Promise<{ lat: number; lng: number }> {
  return new Promise((resolve, reject) => {
    if (!("geolocation" in navigator)) return reject(new Error("no geolocation"));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lng: Math.round(p.coords.longitude * 1e6) / 1e6 }),
      reject,
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
