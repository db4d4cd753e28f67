/** Build-time settings (see vite.config.ts): the API's base URL and the province this mini app serves. */
export const API_URL: string = import.meta.env.VITE_API_URL.replace(/\/+$/, "");
export const PROVINCE_ID: string = import.meta.env.VITE_PROVINCE_ID;

/** How long a request may take on a weak rural network before we say so and offer to retry. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** Dev and test builds: the fake Zalo that stands in for Zalo's sign-in outside Zalo. Empty in production. */
export const DEV_ZALO_URL: string = import.meta.env.VITE_DEV_ZALO_URL.replace(/\/+$/, "");
export const DEV_ZALO_APP_ID: string = import.meta.env.VITE_DEV_ZALO_APP_ID;
