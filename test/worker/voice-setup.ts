/**
 * A province for the citizen's-voice suites (each suite file its own, so they never share officers or counters):
 * an agency with a commune, a department head and a province admin, its Zalo app connected, and the helpers the
 * suites share.
 */
import { slipToken } from "../../worker/src/security/tokens";
import { type Client, call, createProvince, intake, putReference, sendEvents } from "./helpers";
import { asCitizen, connectZalo, consent, fake, follow, linkStaff, signIn, vnTime } from "./zalo-helpers";

export const SECRET = "test-server-secret-0123456789abcdef";

export type VoiceProvinceIds = { province: string; agency: string; commune: string; app: string; unit: string };

export function voiceProvince(ids: VoiceProvinceIds) {
  const { province, agency, commune, app, unit } = ids;
  let client: Client;
  const officer = `cb-${agency}`;
  const head = `cb-head${unit}`;
  const admin = `cb-admin${unit}`;

  async function setUp() {
    client = await createProvince(province, agency);
    await connectZalo(province, app);
    await putReference(client, `/v1/integration/agencies/${commune}`, { name: "Trung tâm Phục vụ hành chính công phường Hạc Thành", level: "commune" });
    await putReference(client, `/v1/integration/officers/${head}`, {
      displayName: "Lê Thị Thu Hà",
      title: "Trưởng phòng",
      departmentId: `tp-${agency}`,
      role: "department_head",
    });
    await putReference(client, `/v1/integration/officers/${admin}`, {
      displayName: "Phạm Văn Minh",
      title: "Giám đốc",
      departmentId: `tp-${agency}`,
      role: "province_admin",
    });
    return client;
  }

  /** A linked officer who agreed to Zalo messages. */
  async function linkOfficer(officerId: string, zaloUser: string) {
    const session = await linkStaff(client, province, app, officerId, zaloUser);
    await consent(session, "miniapp");
    return session;
  }

  /** A signed-in citizen following a fresh dossier of this province (with `extraEvents` after its intake). */
  async function citizenWithDossier(userId: string, extraEvents: (code: string) => unknown[] = () => []) {
    const session = await signIn(province, app, userId);
    await consent(session, "miniapp");
    const received = intake(agency, { occurredAt: vnTime(-120), receivedAt: vnTime(-120), dueAt: vnTime(5 * 24 * 60) });
    await sendEvents(client, [received, ...extraEvents(received.dossierCode)]);
    await follow(session, received.dossierCode, await slipToken(SECRET, received.dossierCode));
    return { session, code: received.dossierCode };
  }

  return {
    ...ids,
    officer,
    head,
    admin,
    setUp,
    linkOfficer,
    citizenWithDossier,
    client: () => client,
    signIn: (user: string) => signIn(province, app, user),
    asCitizen,
  };
}

/** Kinds of the messages delivered (sent to Zalo) to one Zalo user, from the fake's own record. */
export async function zaloKinds(userId: string): Promise<string[]> {
  const { messages } = await fake<{ messages: { templateId: string }[] }>(`/__fake/messages?userId=${encodeURIComponent(userId)}`);
  return messages.map((m) => m.templateId.replace(/^tpl-/, ""));
}

/** A feedback sent as the mini app sends it: multipart, with photos. */
export function sendFeedback(session: string, fields: Record<string, string>, photos: { name: string; type: string; bytes: Uint8Array }[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of photos) form.append("photos", new File([p.bytes], p.name, { type: p.type }));
  return call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${session}` }, body: form });
}

export const returned = (code: string) => [
  { id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnTime(-60), dossierCode: code },
  { id: `${code}-returned`, type: "dossier.returned", occurredAt: vnTime(-30), dossierCode: code },
];
