/**
 * The authorisation matrix's rows for the staff area's broadcasts (spread into TABLE in authz-table.ts): only who may
 * send alerts (X's province admin, by role) learns how many people an alert for a commune would reach.
 */
import { integration } from "../helpers";
import type { Row } from "./authz-table";

export const STAFF_BROADCAST_ROWS: Record<string, Row> = {
  "POST /v1/staff/alerts/reach": {
    ok: ["provinceAdminX"],
    refusal: { officerX: 403, officerY: 403, departmentHeadX: 403 },
    request: async (w) => {
      await integration(w.clientX, "PUT", "/v1/integration/communes/71001", { name: "Phường Một" });
      return { path: "/v1/staff/alerts/reach", body: { communes: ["71001"] } };
    },
  },
};
