/**
 * The authorisation matrix's rows for delivery within Zalo's quotas and the staff area's broadcasts (spread into
 * TABLE in authz-table.ts): only who may send alerts (X's province admin, by role) learns how many people an alert
 * for a commune would reach.
 */
import { env } from "cloudflare:workers";
import { integration } from "../helpers";
import { fixed, X } from "./actors";
import type { Row } from "./authz-table";

/** An alert send of X's, its counters as a fan-out left them (seeding, not the path under test). */
async function seedBroadcast(): Promise<string> {
  const subject = "matrix-alert-1";
  await env.DB.prepare(
    `INSERT OR IGNORE INTO broadcasts (province_id, kind, subject, outbox_id, targeted, sent_by_zalo, in_app_only, deferred, failed, created_at, updated_at)
     VALUES (?, 'alert', ?, -1, 3, 2, 1, 0, 0, ?, ?)`,
  )
    .bind(X.province, subject, new Date().toISOString(), new Date().toISOString())
    .run();
  return subject;
}

export const STAFF_BROADCAST_ROWS: Record<string, Row> = {
  // Delivery within Zalo's quotas: each client its own province's limits; a broadcast's counts for the province that
  // sent it (Y's client asking X's subject gets 404), on the staff side for X's province admin (alerts) only.
  "GET /v1/integration/delivery-settings": { ok: ["clientX", "clientY"], request: fixed("/v1/integration/delivery-settings") },
  "PUT /v1/integration/delivery-settings": { ok: ["clientX", "clientY"], request: fixed("/v1/integration/delivery-settings", { znsDailyQuota: 500 }) },
  "GET /v1/integration/broadcasts/{subject}/deliveries": {
    ok: ["clientX"],
    request: async () => ({ path: `/v1/integration/broadcasts/${await seedBroadcast()}/deliveries` }),
  },
  "GET /v1/staff/broadcasts/{kind}/{subject}/deliveries": {
    ok: ["provinceAdminX"],
    refusal: { officerX: 403, departmentHeadX: 403, officerY: 403 },
    request: async () => ({ path: `/v1/staff/broadcasts/alert/${await seedBroadcast()}/deliveries` }),
  },

  "POST /v1/staff/alerts/reach": {
    ok: ["provinceAdminX"],
    refusal: { officerX: 403, officerY: 403, departmentHeadX: 403 },
    request: async (w) => {
      await integration(w.clientX, "PUT", "/v1/integration/communes/71001", { name: "Phường Một" });
      return { path: "/v1/staff/alerts/reach", body: { communes: ["71001"] } };
    },
  },
};
