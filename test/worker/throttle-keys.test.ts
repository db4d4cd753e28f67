import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { addressBucket, addressSubject } from "../../worker/src/security/client-subject";
import { THROTTLES } from "../../worker/src/security/throttle";
import { ADMIN_TOKEN, call, createProvince, freshlySigned, intake, json, sendEvents, type Client } from "./helpers";
import { connectZalo, signIn } from "./zalo-helpers";

const PROVINCE = "keys-a";
const AGENCY = "000.00.23.H23";
const APP = "2300000001";
const LIMIT = THROTTLES.unknownCodePerClient.limit;
let client: Client;
let unknownCount = 0;

/** A code of the province's agency that nobody used. */
const unknownCode = () => `${AGENCY}-200101-${String(++unknownCount).padStart(4, "0")}`;

/** Looks up `LIMIT` unknown codes, each through `send`, and expects them all to be plain 404s. */
async function useUpUnknownCodes(send: (path: string) => Promise<Response>) {
  for (let i = 0; i < LIMIT; i++) expect((await send(`/v1/dossiers/${unknownCode()}`)).status).toBe(404);
}

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
});

describe("who a per-client throttle counts", () => {
  it("keys IPv4 on the whole address and IPv6 on its /64", () => {
    expect(addressBucket("203.0.113.9")).toBe("203.0.113.9");
    expect(addressBucket("2001:db8:a:b:1:2:3:4")).toBe("2001:db8:a:b::/64");
    expect(addressBucket("2001:DB8:A:B::ffff")).toBe("2001:db8:a:b::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressBucket("not an address")).toBe("unparsed");
    expect(addressBucket("1:2:3:4:5:6:7:8:9")).toBe("unparsed");
  });

  it("puts IPv6 addresses of one /64 in one bucket, and another /64 in its own", async () => {
    await useUpUnknownCodes((path) => call(path, { ip: `2001:db8:77:1:${(++unknownCount).toString(16)}::1` }));
    // Any other address in that /64 is the same subscriber.
    expect((await call(`/v1/dossiers/${unknownCode()}`, { ip: "2001:db8:77:1:ffff:ffff:ffff:fffe" })).status).toBe(429);
    // The neighbouring /64 is someone else.
    expect((await call(`/v1/dossiers/${unknownCode()}`, { ip: "2001:db8:77:2::1" })).status).toBe(404);
  });

  it("never makes a fresh bucket from a CF-Connecting-IP that did not come through Cloudflare", async () => {
    // Without `request.cf`, the header is the client's own word: every such request is one local client.
    const spoofed = (path: string) => call(path, { headers: { "cf-connecting-ip": `10.${unknownCount % 250}.${unknownCount >> 8}.7` } });
    await useUpUnknownCodes(spoofed);
    const refused = await spoofed(`/v1/dossiers/${unknownCode()}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    // And locally (CLIENT_ADDRESS_SOURCE "none") even a request with `cf` is that one client.
    const withEdge = new Request("http://motcua.test/", { headers: { "cf-connecting-ip": "203.0.113.50" }, cf: { colo: "SGN" } });
    expect(addressSubject(withEdge, { CLIENT_ADDRESS_SOURCE: "none" })).toBe("ip:local");
    expect(addressSubject(withEdge, { CLIENT_ADDRESS_SOURCE: "cloudflare" })).toBe("ip:203.0.113.50");
  });

  it("keys a signed-in citizen on the session, not on the address they share", async () => {
    const sharedAddress = "100.64.0.9"; // carrier-grade NAT
    const an = await signIn(PROVINCE, APP, "keys-an");
    const binh = await signIn(PROVINCE, APP, "keys-binh");
    const as = (session: string) => (path: string) => call(path, { ip: sharedAddress, headers: { authorization: `Bearer ${session}` } });
    await useUpUnknownCodes(as(an));
    expect((await as(an)(`/v1/dossiers/${unknownCode()}`)).status).toBe(429);
    // Bình behind the same address, and anyone there not signed in, are not held back by An.
    expect((await as(binh)(`/v1/dossiers/${unknownCode()}`)).status).toBe(404);
    expect((await call(`/v1/dossiers/${unknownCode()}`, { ip: sharedAddress })).status).toBe(404);
    const counted = await env.DB.prepare("SELECT key FROM throttles WHERE key LIKE 'unknown-code:%' AND key LIKE '%citizen:%'").all<{ key: string }>();
    expect(counted.results.length).toBe(2);
  });
});

describe("failed authentication", () => {
  it("stops an address after 20 wrong admin tokens with 429 and Retry-After; the operator elsewhere still gets in", async () => {
    const rule = THROTTLES.failedAuthPerClient;
    const adminCall = (token: string, ip: string) =>
      call(`/v1/admin/provinces/${PROVINCE}`, {
        ip,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        method: "PUT",
        body: "{}",
      });
    for (let i = 0; i < rule.limit; i++) expect((await adminCall(`wrong-${i}`, "192.0.2.66")).status).toBe(401);
    const stopped = await adminCall("wrong-again", "192.0.2.66");
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await json(stopped)).error.code).toBe("too_many_failed_authentications");
    // Even the right token waits at that address; from another it works (400: the body is empty, but it got in).
    expect((await adminCall(ADMIN_TOKEN, "192.0.2.66")).status).toBe(429);
    expect((await adminCall(ADMIN_TOKEN, "192.0.2.67")).status).toBe(400);
  });

  it("stops wrong signatures on one key id from many addresses, while the key's own signed requests pass", async () => {
    const rule = THROTTLES.failedAuthPerKey;
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const path = `/v1/integration/dossiers/${received.dossierCode}`;
    const forged = async (ip: string) => call(path, { ip, headers: await freshlySigned({ ...client, secret: "not-the-secret-0123456789" }, "GET", path, "") });
    for (let i = 0; i < rule.limit; i += 10) {
      const answers = await Promise.all(Array.from({ length: Math.min(10, rule.limit - i) }, (_, j) => forged(`198.51.${i + j}.9`)));
      for (const res of answers) expect(res.status).toBe(401);
    }
    const stopped = await forged("198.51.250.9");
    expect(stopped.status).toBe(429);
    expect(stopped.headers.get("retry-after")).toBeTruthy();
    // The one-stop system itself, signing with the secret, is not locked out.
    const own = await call(path, { ip: "198.51.251.9", headers: await freshlySigned(client, "GET", path, "") });
    expect(own.status).toBe(200);
  });
});
