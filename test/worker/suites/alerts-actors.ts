import { env } from "cloudflare:workers";
import { capJson, postCap } from "../alerts-helpers";
import { type World, X } from "./actors";

/** A commune of X's, for alerts in the authorisation matrix and the fuzz. */
export const X_COMMUNE = "16401";

export async function xCommune(): Promise<void> {
  await env.DB.prepare("INSERT OR IGNORE INTO communes (province_id, code, name) VALUES (?, ?, ?)").bind(X.province, X_COMMUNE, "Phường Thử").run();
}

/** A fresh active alert of X's, sent by X's warning system: its row id. */
export async function alertOfX(world: World): Promise<number> {
  await xCommune();
  const alert = capJson({ communes: [X_COMMUNE] });
  const res = await postCap(world.clientX, alert);
  if (res.status !== 200) throw new Error(`alert: ${res.status} ${await res.text()}`);
  const row = await env.DB.prepare("SELECT id FROM alerts WHERE identifier = ?").bind(alert.identifier).first<{ id: number }>();
  return row!.id;
}

/** What an admin writes in the staff area. */
export const staffAlert = () => ({
  event: "Lũ quét",
  headline: "Nguy cơ lũ quét đêm nay",
  instruction: "Không đi qua ngầm, tràn.",
  severity: "Severe",
  urgency: "Immediate",
  certainty: "Likely",
  communes: [X_COMMUNE],
  expires: new Date(Date.now() + 86_400_000).toISOString(),
});
