/**
 * The authorisation matrix's rows for officials' notices (spread into TABLE in authz-table.ts): X's systems send and
 * read back their notices (Y's may name none of X's officers); only a notice's recipients see and answer it, and
 * nobody learns of one meant for others.
 */
import { integration, vnDayAt } from "../helpers";
import { X } from "./actors";
import type { Row } from "./authz-table";

const X_STAFF = ["officerX", "departmentHeadX", "provinceAdminX"] as const;
const MEETING = {
  kind: "meeting",
  title: "Giao ban tuần",
  startsAt: vnDayAt(3, "14:00"),
  endsAt: vnDayAt(3, "15:00"),
  recipients: { roles: ["officer", "department_head", "province_admin"] },
};

/** A meeting of X's for every officer of X, sent once by X's system. */
async function meetingOfX(w: Parameters<Row["request"]>[0]): Promise<string> {
  const res = await integration(w.clientX, "PUT", "/v1/integration/staff-notices/matrix-hop", MEETING);
  if (res.status !== 200) throw new Error(`notice: ${res.status} ${await res.text()}`);
  return "matrix-hop";
}

export const STAFF_NOTICE_ROWS: Record<string, Row> = {
  "PUT /v1/integration/staff-notices/{noticeId}": {
    ok: ["clientX"],
    refusal: { clientY: 403 },
    request: () => ({
      path: "/v1/integration/staff-notices/matrix-vb",
      body: { kind: "document_to_process", title: "Công văn số 12", recipients: { officerIds: [`cb-${X.agency}`] } },
    }),
  },
  "GET /v1/integration/staff-notices/{noticeId}": {
    ok: ["clientX"],
    request: async (w) => ({ path: `/v1/integration/staff-notices/${await meetingOfX(w)}` }),
  },
  "GET /v1/staff/notices": { ok: ["officerX", "officerY", "departmentHeadX", "provinceAdminX"], request: () => ({ path: "/v1/staff/notices?state=all" }) },
  "GET /v1/staff/notices/{noticeId}": {
    ok: [...X_STAFF],
    request: async (w) => ({ path: `/v1/staff/notices/${await meetingOfX(w)}` }),
  },
  "POST /v1/staff/notices/{noticeId}/acknowledge": {
    ok: [...X_STAFF],
    request: async (w) => ({ path: `/v1/staff/notices/${await meetingOfX(w)}/acknowledge` }),
  },
  "PUT /v1/staff/notices/{noticeId}/answer": {
    ok: [...X_STAFF],
    request: async (w) => ({ path: `/v1/staff/notices/${await meetingOfX(w)}/answer`, body: { answer: "absent", reason: "Đi công tác" } }),
  },
};
