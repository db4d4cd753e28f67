import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SIGNATURE_WINDOW_SECONDS } from "../../worker/src/security/integration-auth";
import { admin, call, createProvince, json, signedHeaders, signedHeadersV2, type Client } from "./helpers";

const AGENCY = "000.00.21.H21";
const OFFICER = `cb-${AGENCY}`;
const LINK_CODE_PATH = `/v1/integration/officers/${OFFICER}/link-code`;
let client: Client;

const linkCodes = async () => (await env.DB.prepare("SELECT count(*) AS n FROM staff_link_codes WHERE officer_id = ?").bind(OFFICER).first<{ n: number }>())!.n;

beforeAll(async () => {
  client = await createProvince("replay-a", AGENCY);
});

describe("a signed request is good once", () => {
  it("refuses an exact replay of a link code issuance: one code is issued", async () => {
    const headers = await signedHeadersV2(client, "POST", LINK_CODE_PATH, "");
    const before = await linkCodes();
    const first = await call(LINK_CODE_PATH, { method: "POST", headers });
    expect(first.status).toBe(201);
    const again = await call(LINK_CODE_PATH, { method: "POST", headers });
    expect(again.status).toBe(401);
    const { error } = await json(again);
    expect(error.code).toBe("replayed");
    expect(error.message).toMatch(/already used/);
    expect(await linkCodes()).toBe(before + 1);
  });

  it("runs one of four identical requests sent at the same time", async () => {
    const headers = await signedHeadersV2(client, "POST", LINK_CODE_PATH, "", { timestamp: Math.floor(Date.now() / 1000) - 3 });
    const before = await linkCodes();
    const answers = await Promise.all([1, 2, 3, 4].map(() => call(LINK_CODE_PATH, { method: "POST", headers })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 401, 401, 401]);
    expect(await linkCodes()).toBe(before + 1);
  });

  it("spends a v1 signature sent beside a v2 one, so it cannot be replayed alone on a key that accepts v1", async () => {
    const legacy = await json<Client>(
      await admin("/v1/admin/provinces/replay-a/integration-clients", "POST", { name: "Older system", minSignatureVersion: 1 }),
    );
    const timestamp = Math.floor(Date.now() / 1000) - 5;
    const both = await signedHeadersV2(legacy, "GET", "/v1/integration/dossiers?limit=1", "", { both: true, timestamp });
    expect((await call("/v1/integration/dossiers?limit=1", { headers: both })).status).toBe(200);
    const v1Alone = await signedHeaders(legacy, "", timestamp);
    const replayed = await call("/v1/integration/dossiers?limit=5", { headers: v1Alone });
    expect(replayed.status).toBe(401);
    expect((await json(replayed)).error.code).toBe("replayed");
  });

  it("the hourly cron forgets signatures whose timestamp has left the window", async () => {
    const worker = (await import("../../worker/src/index")).default;
    const nowSeconds = Math.floor(Date.now() / 1000);
    await env.DB.batch([
      env.DB.prepare("INSERT INTO used_signatures (key_id, signature, expires_at) VALUES ('purge-old', 'v2old', ?)").bind(nowSeconds - 10),
      env.DB.prepare("INSERT INTO used_signatures (key_id, signature, expires_at) VALUES ('purge-live', 'v2live', ?)").bind(
        nowSeconds + SIGNATURE_WINDOW_SECONDS,
      ),
    ]);
    await worker.scheduled({ scheduledTime: Date.now(), cron: "17 * * * *", noRetry() {} } as ScheduledController, env as never);
    const kept = await env.DB.prepare("SELECT key_id FROM used_signatures WHERE key_id LIKE 'purge-%' ORDER BY key_id").all<{ key_id: string }>();
    expect(kept.results.map((r) => r.key_id)).toEqual(["purge-live"]);
  });
});
