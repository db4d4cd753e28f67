import { beforeAll, describe, expect, it } from "vitest";
import { admin, call, createProvince, freshlySigned, intake, json, signedHeaders, signedHeadersV2, type Client } from "./helpers";

let client: Client;
/** A key issued for v1 too, as a one-stop system that cannot sign v2 yet asks for (minSignatureVersion 1). */
let legacy: Client;
const path = "/v1/integration/events";
const body = () => JSON.stringify({ events: [intake("000.00.02.H02")] });
/** v2 headers for POST /v1/integration/events, the default for keys. */
const signed = (c: Pick<Client, "keyId" | "secret">, raw: string, timestamp?: number) => signedHeadersV2(c, "POST", path, raw, { timestamp });

beforeAll(async () => {
  client = await createProvince("sig-a", "000.00.02.H02");
  legacy = await json(await admin("/v1/admin/provinces/sig-a/integration-clients", "POST", { name: "Older system", minSignatureVersion: 1 }));
});

let requests = 0;
/** Each from its own address: the many refusals here must not reach the per-address limit on failed authentication. */
async function post(headers: Record<string, string>, raw: string) {
  requests++;
  const res = await call(path, { method: "POST", headers, body: raw, ip: `10.88.${requests >> 8}.${requests & 255}` });
  return { status: res.status, body: await json(res) };
}

describe("integration request signing", () => {
  it("accepts a request signed with the client's secret", async () => {
    const raw = body();
    const { status, body: result } = await post(await signed(client, raw), raw);
    expect(status).toBe(200);
    expect(result.results[0].outcome).toBe("applied");
  });

  it("refuses a signature made with the wrong secret", async () => {
    const raw = body();
    const { status, body: result } = await post(await signed({ ...client, secret: "not-the-secret-at-all-0000" }, raw), raw);
    expect(status).toBe(401);
    expect(result.error.code).toBe("invalid_signature");
  });

  it("refuses an unknown key id", async () => {
    const raw = body();
    const { status } = await post(await signed({ ...client, keyId: "no-such-key" }, raw), raw);
    expect(status).toBe(401);
  });

  it("refuses timestamps more than 300 s in the past or the future", async () => {
    const raw = body();
    const now = Math.floor(Date.now() / 1000);
    expect((await post(await signed(client, raw, now - 301), raw)).status).toBe(401);
    expect((await post(await signed(client, raw, now + 301), raw)).status).toBe(401);
    // Inside the window, clock skew is tolerated.
    expect((await post(await signed(client, raw, now - 290), raw)).status).toBe(200);
  });

  it("refuses a body changed after signing", async () => {
    const raw = body();
    const headers = await signed(client, raw);
    const tampered = raw.replace("Trần Văn An", "Trần Văn Bình");
    expect(tampered).not.toBe(raw);
    expect((await post(headers, tampered)).status).toBe(401);
  });

  it("refuses requests with missing or malformed signature headers", async () => {
    const raw = body();
    const headers = await signed(client, raw);
    for (const name of ["x-motcua-key", "x-motcua-timestamp", "x-motcua-signature"]) {
      const { [name]: _removed, ...rest } = headers as Record<string, string>;
      expect((await post(rest, raw)).status).toBe(401);
    }
    expect((await post({ ...headers, "x-motcua-signature": "sha256=abc" }, raw)).status).toBe(401);
    expect((await post({ ...headers, "x-motcua-timestamp": "yesterday" }, raw)).status).toBe(401);
  });

  it("signs GET requests over the empty body (v1 too, for a key issued for it)", async () => {
    expect(
      (await call("/v1/integration/dossiers?limit=1", { headers: await freshlySigned(client, "GET", "/v1/integration/dossiers?limit=1", "") })).status,
    ).toBe(200);
    const headers = await signedHeaders(legacy, "");
    const res = await call("/v1/integration/dossiers?limit=1", { headers });
    expect(res.status).toBe(200);
  });

  it("stops accepting a key as soon as it is revoked, without a redeploy", async () => {
    const created = await json(await admin("/v1/admin/provinces/sig-a/integration-clients", "POST", { name: "Second system" }));
    const second = { ...created } as Client;
    const raw = body();
    expect((await post(await signed(second, raw), raw)).status).toBe(200);
    expect((await admin(`/v1/admin/integration-clients/${second.keyId}`, "DELETE")).status).toBe(204);
    const again = body();
    expect((await post(await signed(second, again), again)).status).toBe(401);
  });

  it("v2 signatures bind the method and the path: a signature seen once cannot read or write anything else", async () => {
    const list = "/v1/integration/dossiers?limit=1";
    const headers = await freshlySigned(client, "GET", list, "");
    expect((await call(list, { headers })).status).toBe(200);
    // The same headers replayed to another path, another query or with another method are refused...
    expect((await call("/v1/integration/dossiers?limit=2", { headers })).status).toBe(401);
    expect((await call("/v1/integration/ratings/summary", { headers })).status).toBe(401);
    expect((await call(list, { method: "DELETE", headers })).status).toBe(401);
    // A v1 signature of a GET covers the empty body only; once used, it is spent, so it cannot read anything else.
    const v1 = await signedHeaders(legacy, "", Math.floor(Date.now() / 1000) - 7);
    expect((await call(list, { headers: v1 })).status).toBe(200);
    const replayed = await call("/v1/integration/ratings/summary", { headers: v1 });
    expect(replayed.status).toBe(401);
    expect((await json(replayed)).error.code).toBe("replayed");

    const raw = body();
    expect((await post(await signedHeadersV2(client, "POST", path, raw), raw)).status).toBe(200);
    const again = body();
    expect((await post(await signedHeadersV2(client, "POST", "/v1/integration/elsewhere", again), again)).status).toBe(401);
    const wrongSecret = await signedHeadersV2({ ...client, secret: "not-the-secret-at-all-0000" }, "POST", path, again);
    expect((await post(wrongSecret, again)).status).toBe(401);
  });

  it("a key made for v2 only (the default) refuses v1 signatures, and checks v2 when a client sends both", async () => {
    const created = await admin("/v1/admin/provinces/sig-a/integration-clients", "POST", { name: "New system" });
    expect(created.status).toBe(201);
    const strict = (await json(created)) as Client & { minSignatureVersion: number };
    expect(strict.minSignatureVersion).toBe(2);

    const raw = body();
    const refused = await post(await signedHeaders(strict, raw), raw);
    expect(refused.status).toBe(401);
    expect(refused.body.error.detail ?? refused.body.error.message).toMatch(/only v2/);
    expect((await post(await signedHeadersV2(strict, "POST", path, raw), raw)).status).toBe(200);
    // Both versions in one header: v2 is the one checked, so a good v1 cannot carry a v2 made for another path.
    const next = body();
    const mixed = await signedHeadersV2(strict, "POST", "/v1/integration/elsewhere", next, { both: true });
    expect((await post(mixed, next)).status).toBe(401);
    const last = body();
    expect((await post(await signedHeadersV2(strict, "POST", path, last, { both: true }), last)).status).toBe(200);

    for (const bad of [`v3=${"a".repeat(64)}`, `v2=${"a".repeat(64)},v2=${"b".repeat(64)}`, `v1=${"a".repeat(63)}`, "v1=,v2="]) {
      expect((await post({ ...(await signedHeadersV2(strict, "POST", path, last)), "x-motcua-signature": bad }, last)).status).toBe(401);
    }
    expect((await admin("/v1/admin/provinces/sig-a/integration-clients", "POST", { name: "Bad", minSignatureVersion: 3 })).status).toBe(400);
  });

  it("keeps client secrets encrypted at rest", async () => {
    const { env } = await import("cloudflare:workers");
    const row = await env.DB.prepare("SELECT secret_ciphertext FROM integration_clients WHERE key_id = ?")
      .bind(client.keyId)
      .first<{ secret_ciphertext: string }>();
    expect(row?.secret_ciphertext).toBeTruthy();
    expect(row!.secret_ciphertext).not.toContain(client.secret);
  });

  it("admin routes need the operator's bearer token", async () => {
    const res = await call("/v1/admin/provinces/sig-b", {
      method: "PUT",
      ip: "10.89.0.1",
      headers: { authorization: "Bearer wrong", "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(401);
  });
});
