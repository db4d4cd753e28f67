import { env } from "cloudflare:workers";
import { afterAll, beforeEach } from "vitest";
import { fake } from "./zalo-helpers";

export { waitFor } from "./helpers";

/**
 * Shared by the faults suites: real failures of the real parts. D1 is made to fail with a temporary SQLite
 * trigger (RAISE(ABORT)) on a table written late in a batch; Zalo with the fake Zalo's failure modes.
 */

/** Installs a trigger that aborts every INSERT (or UPDATE) on `table` matching `when`; returns its remover. */
export async function failWrites(table: string, when = "1", on: "INSERT" | "UPDATE" = "INSERT"): Promise<() => Promise<void>> {
  const name = `fault_${table}_${Math.random().toString(36).slice(2, 8)}`;
  await env.DB.exec(`CREATE TRIGGER ${name} BEFORE ${on} ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'fault injected'); END`);
  return async () => {
    await env.DB.exec(`DROP TRIGGER IF EXISTS ${name}`);
  };
}

export async function count(sql: string, ...binds: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n;
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type DeliveryRow = {
  id: number;
  outbox_id: number;
  status: string;
  attempts: number;
  last_error: string | null;
  dead_lettered_at: string | null;
  citizen_id: number;
};

export async function deliveriesOf(code: string): Promise<DeliveryRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT d.id, d.outbox_id, d.status, d.attempts, d.last_error, d.dead_lettered_at, d.citizen_id FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.dossier_code = ? ORDER BY d.id",
  )
    .bind(code)
    .all<DeliveryRow>();
  return results;
}

export const settled = (rows: DeliveryRow[]) => rows.length > 0 && rows.every((r) => r.status === "sent" || r.status === "failed_permanent");

/** What the fake Zalo accepted for one Zalo user (Mini App notifications). */
export async function messagesTo(userId: string): Promise<{ templateId: string; templateData: Record<string, string> }[]> {
  return (await fake<{ messages: { templateId: string; templateData: Record<string, string> }[] }>(`/__fake/messages?userId=${encodeURIComponent(userId)}`))
    .messages;
}

export const zaloMode = (rule: Record<string, unknown>) => fake("/__fake/mode", { method: "PUT", body: rule });

/**
 * Counts a suite's fault scenarios and those that passed (a test calls `survived()` as its last line, reached only
 * when every assertion held), and prints "faults survived: n/total" when the file ends.
 */
export function faultCounter(suite: string): () => void {
  let total = 0;
  let passed = 0;
  beforeEach(() => {
    total++;
  });
  afterAll(() => {
    console.log(`faults survived (${suite}): ${passed}/${total}`);
  });
  return () => {
    passed++;
  };
}
