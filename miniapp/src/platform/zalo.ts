/**
 * The only module that imports zmp-sdk. It is loaded on demand, and only inside Zalo (see ./index.ts), so
 * browsers and tests never download it and the first screen does not wait for it.
 */
import {
  configAppView,
  downloadFile,
  followOA,
  getAccessToken,
  getPhoneNumber,
  nativeStorage,
  openOutApp,
  openPhone,
  openShareSheet,
  openWebview,
  requestSendNotification,
  scanQRCode,
} from "zmp-sdk/apis";

/** zmp-sdk rejects with a plain object `{code, message}`, not an Error. */
function errorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

const USER_DENIED = -2002;
const USER_CANCEL = -2003;

export type ZaloScan = { kind: "scanned"; content: string } | { kind: "cancelled" } | { kind: "denied" } | { kind: "failed" };

export async function scan(): Promise<ZaloScan> {
  try {
    const { content } = await scanQRCode();
    return { kind: "scanned", content: content ?? "" };
  } catch (error) {
    const code = errorCode(error);
    if (code === USER_CANCEL) return { kind: "cancelled" };
    if (code === USER_DENIED) return { kind: "denied" };
    return { kind: "failed" };
  }
}

export const storage = {
  getItem(key: string): string | null {
    return nativeStorage.getItem(key) || null;
  },
  setItem(key: string, value: string): void {
    nativeStorage.setItem(key, value);
  },
  removeItem(key: string): void {
    nativeStorage.removeItem(key);
  },
};

export async function call(phoneNumber: string): Promise<void> {
  await openPhone({ phoneNumber });
}

/** Leaves Zalo for the phone's own app for this link (maps: the maps app). */
export async function openOutside(url: string): Promise<void> {
  await openOutApp({ url });
}

/** A web page (a payment page) in Zalo's full-screen webview, so the citizen comes back to the app after it. */
export async function openPage(url: string): Promise<void> {
  await openWebview({ url, config: { style: "normal" } });
}

/** Zalo's own "follow this Official Account" sheet. */
export async function followOfficialAccount(id: string): Promise<void> {
  await followOA({ id });
}

/** The status bar takes the province's colour; the app draws its own header (app-config hides the action bar). */
export async function brand(color: string): Promise<void> {
  await configAppView({ headerColor: color, headerTextColor: "white", statusBarType: "normal", actionBar: { hide: true } });
}

/** The Zalo access token the server verifies with Zalo's Graph API (never a user id we would have to trust). */
export async function accessToken(): Promise<string> {
  return getAccessToken();
}

/** Zalo's own permission sheet for Mini App notifications. Resolves when allowed, rejects when refused. */
export async function allowNotifications(): Promise<void> {
  await requestSendNotification();
}

/** A one-time token (2 minutes) that only the server can exchange for the phone number. */
export async function phoneToken(): Promise<string> {
  const { token } = await getPhoneNumber();
  if (!token) throw new Error("no phone token");
  return token;
}

/** Zalo's downloadFile with the file's bytes as base64 (zmp-sdk ≥ 2.44): Zalo saves it on the phone. */
export async function saveText(text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  await downloadFile({ fileBase64Data: btoa(binary) });
}

/** Zalo's share sheet with a link that opens this mini app at `path` (a chat or the citizen's timeline). */
export async function share(post: { title: string; description: string; path: string; thumbnail: string }): Promise<boolean> {
  const { status } = await openShareSheet({ type: "zmp_deep_link", data: post });
  return status !== 0;
}
