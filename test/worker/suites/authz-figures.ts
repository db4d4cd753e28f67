/**
 * The authorisation matrix's rows for the leaders' figures (spread into TABLE in authz-table.ts): public for anyone,
 * each client its own province, in the staff area department heads and province admins (an officer has no figures:
 * 403), the rebuild for the operator; the citizen's say on the answer to their own feedback.
 */
import { ACTORS, sendFeedback, X } from "./actors";
import type { Row } from "./authz-table";

const fixed = (path: string, body?: unknown) => () => ({ path, body });

export const FIGURES_ROWS: Record<string, Row> = {
  "GET /v1/provinces/{provinceId}/figures": { ok: [...ACTORS], request: fixed(`/v1/provinces/${X.province}/figures`) },
  "GET /v1/integration/figures": { ok: ["clientX", "clientY"], request: fixed("/v1/integration/figures") },
  "GET /v1/staff/figures": {
    ok: ["departmentHeadX", "provinceAdminX"],
    refusal: { officerX: 403, officerY: 403 },
    request: fixed("/v1/staff/figures"),
  },
  "GET /v1/staff/figures.csv": {
    ok: ["departmentHeadX", "provinceAdminX"],
    refusal: { officerX: 403, officerY: 403 },
    request: fixed("/v1/staff/figures.csv?groupBy=month"),
  },
  "POST /v1/admin/figures/rebuild": { ok: ["operator"], request: fixed("/v1/admin/figures/rebuild", { provinceId: X.province }) },
  "PUT /v1/me/feedback/{id}/satisfaction": {
    ok: ["citizenA"],
    request: async (w, a) => ({
      path: `/v1/me/feedback/${a === "citizenA" ? await sendFeedback(w, { sender: "citizenA", answered: true }) : w.feedbackId}/satisfaction`,
      body: { satisfied: true },
    }),
  },
};
