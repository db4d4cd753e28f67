/** Build-time settings (see vite.config.ts): the API's base URL and the province this mini app serves by default. */
import { PROVINCE_CHOICE_KEY, type ProvinceLook, startingProvince } from "./domain/province-choice";
import { storage } from "./platform/browser";

/** The API's base URL; the web build, served by the Worker itself, calls the origin it was loaded from. */
export const API_URL: string = (import.meta.env.VITE_API_URL || (typeof window === "undefined" ? "" : window.location.origin)).replace(/\/+$/, "");

/**
 * The province this app serves on this phone and its look as known before any network: the citizen's choice
 * (domain/province-choice.ts, read from the webview's own storage, which answers at once), else the build's (the
 * same values index.html paints first). The home page's header shows it until GET /v1/provinces/{id} answers, so
 * the first render matches the first paint. Choosing another province restarts the app, so this never changes
 * while it runs.
 */
export const CURRENT_PROVINCE: ProvinceLook = startingProvince(storage.getItem(PROVINCE_CHOICE_KEY), {
  id: import.meta.env.VITE_PROVINCE_ID,
  channelName: import.meta.env.VITE_PROVINCE_CHANNEL,
  name: import.meta.env.VITE_PROVINCE_NAME || null,
  primaryColor: import.meta.env.VITE_PROVINCE_COLOR,
  accentColor: import.meta.env.VITE_PROVINCE_ACCENT,
});
export const PROVINCE_ID: string = CURRENT_PROVINCE.id;

/** Whether `provinceId` is the province this build's Zalo app serves: the only one its sign-in opens sessions in. */
export const isBuildProvince = (provinceId: string): boolean => provinceId === import.meta.env.VITE_PROVINCE_ID;

/** The web build's service worker ("/sw.js"); empty in the Zalo build, where the platform keeps the package. */
export const SERVICE_WORKER_URL: string = import.meta.env.VITE_SERVICE_WORKER;

/** How long a request may take on a weak rural network before we say so and offer to retry. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** Dev and test builds: the fake Zalo that stands in for Zalo's sign-in outside Zalo. Empty in production. */
export const DEV_ZALO_URL: string = import.meta.env.VITE_DEV_ZALO_URL.replace(/\/+$/, "");
export const DEV_ZALO_APP_ID: string = import.meta.env.VITE_DEV_ZALO_APP_ID;
