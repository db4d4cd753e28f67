/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the motcua API, e.g. https://api.example.vn (set by miniapp/vite.config.ts). */
  readonly VITE_API_URL: string;
  /** The province this build serves, e.g. "thanh-hoa". */
  readonly VITE_PROVINCE_ID: string;
  /** Dev and test builds only: the fake Zalo to sign in through outside Zalo (empty in production builds). */
  readonly VITE_DEV_ZALO_URL: string;
  /** Dev and test builds only: the Zalo app id the fake Zalo issues dev tokens for. */
  readonly VITE_DEV_ZALO_APP_ID: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
