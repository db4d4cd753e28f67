import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      DB_THANH_HOA: D1Database;
      DB_NGHE_AN: D1Database;
      DB_BEHIND: D1Database;
      FAKE_ZALO_URL: string;
      PUBLIC_ORIGIN: string;
    }
  }
}
