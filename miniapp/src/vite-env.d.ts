/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the motcua API, e.g. https://api.example.vn (set by miniapp/vite.config.ts); empty: this origin. */
  readonly VITE_API_URL: string;
  /** The province this build serves until the citizen picks another (config.ts CURRENT_PROVINCE), e.g. "thanh-hoa". */
  readonly VITE_PROVINCE_ID: string;
  /** The province's channel name, name and colours as the build knew them (build/shell.ts shellBranding). */
  readonly VITE_PROVINCE_CHANNEL: string;
  readonly VITE_PROVINCE_NAME: string;
  readonly VITE_PROVINCE_COLOR: string;
  readonly VITE_PROVINCE_ACCENT: string;
  /** The web build's service worker URL; empty in the Zalo build. */
  readonly VITE_SERVICE_WORKER: string;
  /** Dev and test builds only: the fake Zalo to sign in through outside Zalo (empty in production builds). */
  readonly VITE_DEV_ZALO_URL: string;
  /** Dev and test builds only: the Zalo app id the fake Zalo issues dev tokens for. */
  readonly VITE_DEV_ZALO_APP_ID: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
