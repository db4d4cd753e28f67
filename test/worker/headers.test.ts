import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { allowedOrigin } from "../../worker/src/security/headers";
import { jpegWithMetadata } from "./image-fixtures";
import { admin, call, createProvince, intake, integration, json, sendEvents, type Client } from "./helpers";
import { connectZalo, signIn } from "./zalo-helpers";

const PROVINCE = "headers-a";
const AGENCY = "000.00.09.H19";
const APP = "5900000001";
let client: Client;
let code: string;
let slipToken: string;

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
  const received = intake(AGENCY);
  code = received.dossierCode;
  await sendEvents(client, [received]);
  slipToken = (await json(await integration(client, "GET", `/v1/integration/dossiers/${code}/slip`))).slipToken;
});

const post = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("security headers", () => {
  const everywhere = () => [
    call("/v1/provinces"),
    call(`/v1/dossiers/${code}`),
    call("/v1/dossiers/000.00.09.H19-200101-9999"),
    call("/v1/nothing-here"),
    call(`/v1/dossiers/${code}/unlock`, post({ idNumberLast4: "x" })),
    call("/v1/openapi.json"),
    integration(client, "GET", "/v1/integration/dossiers"),
    call("/v1/integration/dossiers"),
    admin("/v1/admin/provinces/x", "PUT", {}),
  ];

  it("are on every response: nosniff, no referrer, no framing, a CSP that loads nothing", async () => {
    for (const res of await Promise.all(everywhere())) {
      const where = `${res.status} ${res.url}`;
      expect(res.headers.get("x-content-type-options"), where).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), where).toBe("no-referrer");
      expect(res.headers.get("x-frame-options"), where).toBe("DENY");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, where).toContain("default-src 'none'");
      expect(csp, where).toContain("frame-ancestors 'none'");
    }
  });

  it("sends HSTS only over HTTPS", async () => {
    expect((await call("/v1/provinces")).headers.get("strict-transport-security")).toBeNull();
    const secure = await exports.default.fetch(new Request("https://motcua.test/v1/provinces"));
    expect(secure.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
  });

  it("lets the docs page use its own inline stylesheet through a per-response nonce, and nothing else", async () => {
    const [first, second] = await Promise.all([call("/docs"), call("/docs")]);
    const html = await first.text();
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).not.toMatch(/<script|\sstyle="|\son[a-z]+=/i);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src/);
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
  });
});

describe("caching", () => {
  const noStore = (res: Response) => expect(res.headers.get("cache-control"), `${res.status} ${res.url}`).toMatch(/no-store/);

  it("forbids storing any response that can carry personal data", async () => {
    const session = await signIn(PROVINCE, APP, "headers-citizen");
    const bearer = { headers: { authorization: `Bearer ${session}` } };
    const owner = await call(`/v1/dossiers/${code}?t=${slipToken}`);
    expect(owner.status).toBe(200);
    expect((await json(owner)).applicant).toBeDefined();
    noStore(owner);
    noStore(await call(`/v1/dossiers/${code}/unlock`, post({ idNumberLast4: "1234" })));
    noStore(await call(`/v1/dossiers/${code}/rating?t=${slipToken}`));
    noStore(await call("/v1/me", bearer));
    noStore(await call("/v1/me/follows", bearer));
    noStore(await call("/v1/staff/me", bearer));
    noStore(await call("/v1/session", post({ provinceId: PROVINCE, accessToken: "bad" })));
    noStore(await integration(client, "GET", `/v1/integration/dossiers/${code}`));
  });

  it("lets public reads be cached, without personal data in them", async () => {
    const view = await call(`/v1/dossiers/${code}`);
    expect(view.headers.get("cache-control")).not.toMatch(/no-store/);
    expect(JSON.stringify(await json(view))).not.toContain("Trần Văn An");
    expect((await call("/v1/provinces")).headers.get("cache-control")).not.toMatch(/no-store/);
  });
});

describe("cross-origin calls", () => {
  const from = (origin: string, path: string, init: RequestInit = {}) => call(path, { ...init, headers: { ...init.headers, origin } });
  const preflight = (origin: string, path: string, method = "POST") =>
    call(path, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": method, "access-control-request-headers": "authorization,content-type" },
    });

  it("answers the mini app's origins in Zalo on citizen routes", async () => {
    for (const origin of ["https://h5.zdn.vn", "zbrowser://h5.zdn.vn"]) {
      expect((await from(origin, "/v1/provinces")).headers.get("access-control-allow-origin")).toBe(origin);
      const pre = await preflight(origin, "/v1/me/follows");
      expect(pre.status).toBe(204);
      expect(pre.headers.get("access-control-allow-origin")).toBe(origin);
      expect(pre.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    }
  });

  it("answers the deployment's own web app and, on a local deployment, the local dev servers", async () => {
    expect((await from(env.PUBLIC_ORIGIN!, `/v1/dossiers/${code}`)).headers.get("access-control-allow-origin")).toBe(env.PUBLIC_ORIGIN);
    expect((await from("http://localhost:5173", "/v1/provinces")).headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const deployed = { PUBLIC_ORIGIN: "https://motcua.example.vn", ALLOWED_ORIGINS: "https://staging.motcua.example.vn" };
    expect(allowedOrigin("https://motcua.example.vn", deployed)).toBe(true);
    expect(allowedOrigin("https://staging.motcua.example.vn", deployed)).toBe(true);
    expect(allowedOrigin("http://localhost:5173", deployed)).toBe(false);
    expect(allowedOrigin("https://h5.zdn.vn.evil.example", deployed)).toBe(false);
  });

  it("does not answer other origins", async () => {
    for (const origin of ["https://evil.example", "null", "http://h5.zdn.vn"]) {
      expect((await from(origin, "/v1/provinces")).headers.get("access-control-allow-origin"), origin).toBeNull();
      expect((await preflight(origin, "/v1/me")).headers.get("access-control-allow-origin"), origin).toBeNull();
    }
  });

  it("has no CORS at all on integration and admin routes", async () => {
    for (const path of ["/v1/integration/events", "/v1/integration/dossiers", "/v1/admin/provinces/x"]) {
      const pre = await preflight("https://h5.zdn.vn", path);
      expect(pre.headers.get("access-control-allow-origin"), path).toBeNull();
      expect((await from("https://h5.zdn.vn", path)).headers.get("access-control-allow-origin"), path).toBeNull();
    }
  });
});

describe("signed photo links", () => {
  it("point at the configured public origin, whatever Host the request named", async () => {
    const session = await signIn(PROVINCE, APP, "headers-photo");
    const form = new FormData();
    form.append("category", "traffic_infrastructure");
    form.append("text", "Đèn đường ở ngõ 12 phố Lê Lợi hỏng đã hai tuần, buổi tối rất tối.");
    form.append("photos", new File([jpegWithMetadata()], "den.jpg", { type: "image/jpeg" }));
    const res = await exports.default.fetch(
      new Request("http://attacker.example/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${session}` }, body: form }),
    );
    expect(res.status).toBe(201);
    const url = (await json(res)).photos[0].url as string;
    expect(url.startsWith(`${env.PUBLIC_ORIGIN}/v1/media/`)).toBe(true);
    expect(url).not.toContain("attacker.example");
  });
});
