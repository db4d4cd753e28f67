/**
 * A province for the officials' notices suites (each file its own): a department with an officer, its head and the
 * province admin, a second department with two officers, its Zalo app connected, and the signed requests of its
 * document and scheduling systems.
 */
import { env } from "cloudflare:workers";
import { type Client, createProvince, integration, json, putReference } from "./helpers";
import { asCitizen, connectZalo, consent, fake, linkStaff } from "./zalo-helpers";

export type NoticeProvinceIds = { province: string; agency: string; app: string; unit: string };

export function noticesProvince(ids: NoticeProvinceIds) {
  const { province, agency, app, unit } = ids;
  let client: Client;
  const department = `tp-${agency}`;
  const otherDepartment = `kt-${unit}`;
  const officers = {
    officer: `cb-${agency}`,
    head: `cb-head-${unit}`,
    admin: `cb-admin-${unit}`,
    other: `cb-other-${unit}`,
    unlinked: `cb-new-${unit}`,
  };

  async function setUp() {
    client = await createProvince(province, agency);
    await connectZalo(province, app);
    await putReference(client, `/v1/integration/departments/${otherDepartment}`, { agencyId: agency, name: "Phòng Kinh tế" });
    const put = (id: string, displayName: string, departmentId: string, role: string) =>
      putReference(client, `/v1/integration/officers/${id}`, { displayName, title: "Cán bộ", departmentId, role });
    await put(officers.head, "Lê Thị Thu Hà", department, "department_head");
    await put(officers.admin, "Phạm Văn Minh", department, "province_admin");
    await put(officers.other, "Trần Văn Khánh", otherDepartment, "officer");
    await put(officers.unlinked, "Đỗ Thị Mai", otherDepartment, "officer");
    return client;
  }

  /** An officer's Zalo account linked and agreeing to Mini App messages; the Zalo user id is `<unit>-<officer>`. */
  async function link(officerId: string): Promise<string> {
    const session = await linkStaff(client, province, app, officerId, zaloUser(officerId));
    await consent(session, "miniapp");
    return session;
  }
  const zaloUser = (officerId: string) => `${unit}-${officerId}`.replace(/[^0-9A-Za-z_-]/g, "_");

  const putNotice = async (id: string, body: unknown) => {
    const res = await integration(client, "PUT", `/v1/integration/staff-notices/${id}`, body);
    return { status: res.status, body: await json(res) };
  };
  const getNotice = async (id: string) => {
    const res = await integration(client, "GET", `/v1/integration/staff-notices/${id}`);
    return { status: res.status, body: await json(res) };
  };

  return {
    ...ids,
    department,
    otherDepartment,
    officers,
    setUp,
    link,
    zaloUser,
    putNotice,
    getNotice,
    client: () => client,
    asCitizen,
  };
}

/** The templates of the messages the fake Zalo received for one user, with what they said. */
export async function zaloMessages(userId: string): Promise<{ kind: string; templateData: Record<string, unknown> }[]> {
  const { messages } = await fake<{ messages: { templateId: string; templateData: Record<string, unknown> }[] }>(
    `/__fake/messages?userId=${encodeURIComponent(userId)}`,
  );
  return messages.map((m) => ({ kind: m.templateId.replace(/^tpl-/, ""), templateData: m.templateData }));
}

/** Outbox rows written for a notice, by kind. */
export async function outboxKinds(provinceId: string, noticeId: string): Promise<string[]> {
  const rows = await env.DB.prepare("SELECT kind FROM outbox WHERE province_id = ? AND dossier_code = ? ORDER BY id")
    .bind(provinceId, noticeId)
    .all<{ kind: string }>();
  return rows.results.map((r) => r.kind);
}
