import { env } from "cloudflare:workers";
import { type Client, call, freshlySigned, vnTime } from "./helpers";

/** The province's communes, as its reference data holds them. */
export async function seedCommunes(provinceId: string, communes: [code: string, name: string][]): Promise<void> {
  await env.DB.batch(
    communes.map(([code, name]) => env.DB.prepare("INSERT OR IGNORE INTO communes (province_id, code, name) VALUES (?, ?, ?)").bind(provinceId, code, name)),
  );
}

let nextCitizen = 7_000_000;
/** `count` citizens who chose `commune` (stand-ins: only who chose what matters to the count targeted). */
export async function subscribe(provinceId: string, commune: string, count: number): Promise<number[]> {
  const ids = Array.from({ length: count }, () => nextCitizen++);
  await env.DB.batch(
    ids.map((id) =>
      env.DB.prepare("INSERT INTO citizen_communes (citizen_id, province_id, commune_code, purpose, created_at) VALUES (?, ?, ?, 'home', ?)").bind(
        id,
        provinceId,
        commune,
        new Date().toISOString(),
      ),
    ),
  );
  return ids;
}

let seq = 0;
export const newIdentifier = (prefix = "TH") => `${prefix}-${Date.now().toString(36)}-${++seq}`;

export type CapInput = {
  identifier?: string;
  sender?: string;
  sent?: string;
  status?: string;
  msgType?: string;
  references?: string;
  communes?: string[];
  headline?: string;
  instruction?: string;
  severity?: string;
  expires?: string | null;
  effective?: string;
};

/** A valid CAP alert in the JSON form, for the communes given, expiring in a day. */
export function capJson(input: CapInput = {}) {
  const communes = input.communes ?? ["16001"];
  return {
    identifier: input.identifier ?? newIdentifier(),
    sender: input.sender ?? "pcttkcn@test.gov.vn",
    sent: input.sent ?? vnTime(0),
    status: input.status ?? "Actual",
    msgType: input.msgType ?? "Alert",
    scope: "Public",
    ...(input.references ? { references: input.references } : {}),
    info: [
      {
        language: "vi-VN",
        category: ["Met"],
        event: "Lũ quét",
        urgency: "Immediate",
        severity: input.severity ?? "Severe",
        certainty: "Likely",
        headline: input.headline ?? "Nguy cơ lũ quét đêm nay",
        instruction: input.instruction ?? "Không đi qua ngầm, tràn; đưa người già, trẻ nhỏ lên chỗ cao.",
        ...(input.effective ? { effective: input.effective } : {}),
        ...(input.expires === null ? {} : { expires: input.expires ?? vnTime(24 * 60) }),
        area: [{ areaDesc: "Vùng trũng ven sông", geocode: communes.map((value) => ({ valueName: "ma_xa", value })) }],
      },
    ],
  };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** The same alert as CAP 1.2 XML, written by hand as a warning system would (independent of the server's writer). */
export function capXml(input: CapInput = {}, extra: { prolog?: string; infoExtra?: string } = {}): { identifier: string; xml: string } {
  const a = capJson(input);
  const i = a.info[0]!;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
${extra.prolog ?? ""}<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${esc(a.identifier)}</identifier>
  <sender>${esc(a.sender)}</sender>
  <sent>${a.sent}</sent>
  <status>${a.status}</status>
  <msgType>${a.msgType}</msgType>
  <scope>Public</scope>
  ${a.references ? `<references>${esc(a.references)}</references>` : ""}
  <!-- one info block, in Vietnamese -->
  <info>
    <language>vi-VN</language>
    <category>Met</category>
    <event>${i.event}</event>
    <urgency>${i.urgency}</urgency>
    <severity>${i.severity}</severity>
    <certainty>${i.certainty}</certainty>
    ${i.effective ? `<effective>${i.effective}</effective>` : ""}
    ${i.expires ? `<expires>${i.expires}</expires>` : ""}
    <headline>${esc(i.headline)}</headline>
    <instruction><![CDATA[${i.instruction}]]></instruction>
    ${extra.infoExtra ?? ""}
    <area>
      <areaDesc>${esc(i.area[0]!.areaDesc)}</areaDesc>
      ${i.area[0]!.geocode.map((g) => `<geocode><valueName>${g.valueName}</valueName><value>${g.value}</value></geocode>`).join("\n      ")}
    </area>
  </info>
</alert>
`;
  return { identifier: a.identifier, xml };
}

/** POST /v1/integration/alerts, signed, with the body as given and its content type. */
export async function postCap(client: Client, body: unknown, contentType = "application/json") {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers = { ...(await freshlySigned(client, "POST", "/v1/integration/alerts", raw)), "content-type": contentType };
  return call("/v1/integration/alerts", { method: "POST", headers, body: raw });
}

/** The `references` value naming an earlier message. */
export const ref = (a: { sender: string; identifier: string; sent: string }) => `${a.sender},${a.identifier},${a.sent}`;

export async function countRows(table: string, where = "1", ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
