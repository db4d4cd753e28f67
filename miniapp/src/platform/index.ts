/**
 * Everything the app asks of the phone, in one place: storage, the QR scanner, calling a number, the status
 * bar colour. Inside Zalo it goes through zmp-sdk (loaded lazily from ./zalo); in a browser it falls back to web
 * APIs, so the app runs and is tested outside Zalo. Nothing else in the app imports zmp-sdk.
 */
import * as browser from "./browser";
import { devSignInAvailable } from "./dev-zalo";
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

/**
 * Opens a link that leaves the app: inside Zalo through Zalo (maps in the phone's maps app, a web page in Zalo's
 * webview), so the mini app is not replaced by it. Returns false when the caller's plain link should do its default.
 */
export async function openLink(url: string, kind: "maps" | "page"): Promise<boolean> {
  if (!insideZalo) return false;
  try {
    const z = await zalo();
    await (kind === "maps" ? z.openOutside(url) : z.openPage(url));
    return true;
  } catch {
    return false;
  }
}

/** Copies text for pasting into a banking app; false when this phone refuses. */
export async function copyText(text: string): Promise<boolean> {
  return browser.copyText(text);
}

/** Follows the province's Official Account: Zalo's own sheet inside Zalo; outside, the OA's page on zalo.me. */
export async function followOfficialAccount(oaId: string): Promise<"followed" | "refused" | "opened"> {
  if (insideZalo) {
    try {
      await (await zalo()).followOfficialAccount(oaId);
      return "followed";
    } catch {
      return "refused";
    }
  }
  window.open(officialAccountUrl(oaId), "_blank", "noopener");
  return "opened";
}

export const officialAccountUrl = (oaId: string) => `https://zalo.me/${encodeURIComponent(oaId)}`;

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

/** Signing in is possible here: inside Zalo, or in a dev/test build through the fake Zalo. */
export function canSignIn(): boolean {
  return insideZalo || devSignInAvailable;
}

/** A Zalo access token for POST /v1/session; null when this is neither Zalo nor a dev build. */
export async function zaloAccessToken(): Promise<string | null> {
  if (insideZalo) {
    try {
      const token = await (await zalo()).accessToken();
      return token || null;
    } catch {
      return null;
    }
  }
  if (devSignInAvailable) return (await import("./dev-zalo")).devAccessToken();
  return null;
}

/**
 * Zalo's permission for Mini App notifications, asked after our own explanation. Outside Zalo the citizen's
 * "Đồng ý" in our dialog is the whole answer.
 */
export async function allowNotifications(): Promise<boolean> {
  if (!insideZalo) return true;
  try {
    await (await zalo()).allowNotifications();
    return true;
  } catch {
    return false;
  }
}

/** getPhoneNumber's one-time token (only the server can read the number from it); null when refused. */
export async function phoneNumberToken(): Promise<string | null> {
  try {
    if (insideZalo) return await (await zalo()).phoneToken();
    if (devSignInAvailable) return await (await import("./dev-zalo")).devPhoneToken();
  } catch {
    return null;
  }
  return null;
}
