/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the motcua API, e.g. https://api.example.vn (set by miniapp/vite.config.ts). */
  readonly VITE_API_URL: string;
  /** The province this build serves, e.g. "thanh-hoa". */
  readonly VITE_PROVINCE_ID: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
