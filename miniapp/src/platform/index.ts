/**
 * Everything the app asks of the phone, in one place: storage, the QR scanner, calling a number, the status
 * bar colour. Inside Zalo it goes through zmp-sdk (loaded lazily from ./zalo); in a browser it falls back to web
 * APIs, so the app runs and is tested outside Zalo. Nothing else in the app imports zmp-sdk.
 */
import * as browser from "./browser";
import { isInsideZalo } from "./environment";

export const insideZalo = typeof window !== "undefined" && isInsideZalo(window.location);

type ZaloModule = typeof import("./zalo");
let zaloModule: Promise<ZaloModule> | undefined;
function zalo(): Promise<ZaloModule> {
  zaloModule ??= import("./zalo");
  return zaloModule;
}

export type ScanResult =
  | { kind: "scanned"; content: string }
  | { kind: "cancelled" }
  | { kind: "denied" }
  | { kind: "failed" }
  /** No camera scanner here (a browser): offer typing the code or choosing a photo of the QR. */
  | { kind: "unavailable" };

export async function scanQrCode(): Promise<ScanResult> {
  if (!insideZalo) return { kind: "unavailable" };
  try {
    return await (await zalo()).scan();
  } catch {
    return { kind: "failed" };
  }
}

export const canReadQrFromPhoto = browser.canReadQrFromPhoto;
export const readQrFromPhoto = browser.readQrFromPhoto;

/**
 * Key-value storage that survives closing the app: Zalo's nativeStorage inside Zalo, localStorage elsewhere.
 * Async because the Zalo side loads on demand; if nativeStorage fails (an old Zalo), localStorage is used.
 */
export const storage = {
  async getItem(key: string): Promise<string | null> {
    if (insideZalo) {
      try {
        return (await zalo()).storage.getItem(key);
      } catch {
        // fall through to the browser's storage
      }
    }
    return browser.storage.getItem(key);
  },
  async setItem(key: string, value: string): Promise<void> {
    if (insideZalo) {
      try {
        return (await zalo()).storage.setItem(key, value);
      } catch {
        // fall through
      }
    }
    browser.storage.setItem(key, value);
  },
  async removeItem(key: string): Promise<void> {
    if (insideZalo) {
      try {
        return (await zalo()).storage.removeItem(key);
      } catch {
        // fall through
      }
    }
    browser.storage.removeItem(key);
  },
};

export async function callPhone(phoneNumber: string): Promise<void> {
  if (insideZalo) {
    try {
      return await (await zalo()).call(phoneNumber);
    } catch {
      // fall back to a tel: link
    }
  }
  browser.call(phoneNumber);
}

/** Colours the phone's status bar (Zalo) or the browser's toolbar with the province's colour. */
export async function applyBrandColor(color: string): Promise<void> {
  if (insideZalo) {
    try {
      return await (await zalo()).brand(color);
    } catch {
      return;
    }
  }
  browser.brand(color);
}
