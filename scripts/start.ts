/**
 * `npm start`: the whole product on this machine. Local D1 in workerd with migrations applied, the demo province
 * seeded through the real API, the mini app in a browser against it, and the web app (its web build, made first
 * so it is current) served by the Worker at its `/`, as deployed. `--api-only` (npm run start:api) serves the API
 * alone, with whatever web build dist/web holds; `--reset` wipes the local database first.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startFakeZalo } from "./fake-zalo/server";
import { demoZaloApp, seedDemo, isDemoSeeded } from "./lib/demo-seed";
import { seedSecondDemo } from "./lib/demo-seed-second";
import { DEMO_ADMIN_DEV_USER } from "./lib/demo-voice";
import { signedFetch } from "./lib/signing";
import { DEMO_PROVINCE_ID, DEMO2_MINI_APP_ID, DEMO2_PROVINCE, DEMO2_SHARD } from "./demo";
import { DEMO_ALERT_COMMUNE } from "./demo/alerts";
import { buildWebApp, devSecrets, ROOT, startApi, stopProcess, zaloVars } from "./lib/dev-server";

const args = new Set(process.argv.slice(2));
const apiOnly = args.has("--api-only");
const port = Number(process.env.PORT ?? 8787);
const appPort = Number(process.env.APP_PORT ?? 5173);
const zaloPort = Number(process.env.ZALO_PORT ?? 8790);
/** wrangler dev's inspector: a free one from 9229 on unless INSPECTOR_PORT names it (several checkouts at once). */
const inspectorPort = process.env.INSPECTOR_PORT ? Number(process.env.INSPECTOR_PORT) : undefined;
/** The mini app id in slip deep links (wrangler.jsonc MINI_APP_ID): the demo Zalo app uses the same. */
const DEMO_MINI_APP_ID = "3423478865165961046";
const persistDir = path.join(ROOT, ".wrangler", "state");

/** Everything started here, stopped together on Ctrl-C or on failure. */
const stops: (() => Promise<void>)[] = [];
let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all(stops.map((stop) => stop()));
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  const secrets = devSecrets();
  if (args.has("--reset")) rmSync(persistDir, { recursive: true, force: true });

  // Zalo itself cannot be reached from here: a fake Zalo on 127.0.0.1 answers the Graph API, takes Mini App
  // notifications and ZNS messages, and lets the mini app in a browser sign in as a dev user.
  const zaloApp = demoZaloApp(secrets, DEMO_MINI_APP_ID);
  if (!zaloApp) throw new Error("DEMO_ZALO_* are missing from .dev.vars: copy them from .dev.vars.example");
  // The second demo province has a Zalo app of its own (one Zalo app per province); the fake Zalo serves both.
  const zaloApp2 = demoZaloApp(secrets, DEMO2_MINI_APP_ID, "DEMO2");
  if (!zaloApp2) throw new Error("DEMO2_ZALO_* are missing from .dev.vars: copy them from .dev.vars.example");
  console.log("• Khởi động Zalo giả lập (127.0.0.1)…");
  const zalo = await startFakeZalo({
    port: zaloPort,
    apps: [zaloApp, zaloApp2].map((a) => ({ appId: a.appId, appSecret: a.appSecret, miniAppId: a.miniAppId, miniAppApiKey: a.miniAppApiKey })),
    oaAccessTokens: [zaloApp.oaAccessToken, zaloApp2.oaAccessToken],
  });
  stops.push(() => zalo.stop());

  if (!apiOnly) {
    console.log("• Dựng bản web của ứng dụng (dist/web)…");
    await buildWebApp(DEMO_PROVINCE_ID);
  }

  console.log("• Khởi động API (workerd + D1 cục bộ)…");
  const api = await startApi({ port, persistDir, inspectorPort, vars: zaloVars(zalo.url) });
  stops.push(api.stop);

  const keys = { keyId: secrets.DEMO_INTEGRATION_KEY_ID!, secret: secrets.DEMO_INTEGRATION_SECRET! };
  const seedOpts = { apiUrl: api.url, adminToken: secrets.ADMIN_TOKEN!, ...keys, zalo: zaloApp, zaloUrl: zalo.url };
  // The demo's codes and dates follow the day it was seeded: later starts replay that same day (every event comes
  // back `duplicate`), so the database keeps one demo set and the printed codes stay the same.
  const seededAtFile = path.join(persistDir, "demo-seeded-at");
  const seeded = await isDemoSeeded(seedOpts);
  const now = seeded && existsSync(seededAtFile) ? new Date(readFileSync(seededAtFile, "utf8").trim()) : new Date();
  console.log(seeded ? "• Tỉnh mẫu đã có dữ liệu (`npm start -- --reset` để tạo lại từ đầu)." : "• Tạo tỉnh mẫu và hồ sơ mẫu qua API tích hợp…");
  const demo = await seedDemo({ ...seedOpts, now });
  if (demo.alert.outcome === "applied") console.log(`• Cảnh báo khẩn cấp mẫu cho ${DEMO_ALERT_COMMUNE.name} (${demo.alert.identifier}).`);
  if (demo.notices.sent > 0)
    console.log(`• Việc của lãnh đạo mẫu: ${demo.notices.sent} văn bản, lịch họp cho Giám đốc Trung tâm và trưởng phòng Hành chính tư pháp.`);
  if (demo.history.rated > 0)
    console.log(`• Một năm hồ sơ đã giải quyết cho số liệu lãnh đạo: ${demo.history.dossiers} hồ sơ, ${demo.history.rated} đánh giá.`);
  if (demo.voice?.seeded) console.log(`• Đánh giá và phản ánh mẫu: ${demo.voice.rated} đánh giá, ${demo.voice.feedback} phản ánh.`);
  console.log(`• ${demo.news.communes} xã, phường của tỉnh và ${demo.news.news} tin tức mẫu; người dùng thử theo dõi Phường Hạc Thành và Phường Đông Tiến.`);

  // The second province, on the same demo day: its own integration key, Zalo app and (once routed) D1 database.
  const keys2 = { keyId: secrets.DEMO2_INTEGRATION_KEY_ID!, secret: secrets.DEMO2_INTEGRATION_SECRET! };
  const demo2 = await seedSecondDemo({ apiUrl: api.url, adminToken: secrets.ADMIN_TOKEN!, ...keys2, zalo: zaloApp2, now });
  console.log(
    `• Tỉnh mẫu thứ hai: ${DEMO2_PROVINCE.name} (${DEMO2_PROVINCE.agencyCode}, cơ sở dữ liệu ${DEMO2_SHARD}), ${demo2.dossiers.length} hồ sơ và ${demo2.news} tin tức mẫu.`,
  );
  writeFileSync(seededAtFile, now.toISOString());

  // Printable slips of the featured dossiers, fetched as a one-stop system would.
  const slipDir = path.join(ROOT, ".tmp", "slips");
  mkdirSync(slipDir, { recursive: true });
  for (const f of demo.featured) {
    const res = await signedFetch(api.url, keys, "GET", `/v1/integration/dossiers/${encodeURIComponent(f.code)}/slip.svg`);
    writeFileSync(path.join(slipDir, `${f.code}.svg`), await res.text());
  }
  for (const d of demo2.dossiers) {
    const res = await signedFetch(api.url, keys2, "GET", `/v1/integration/dossiers/${encodeURIComponent(d.code)}/slip.svg`);
    writeFileSync(path.join(slipDir, `${d.code}.svg`), await res.text());
  }

  let appUrl: string | null = null;
  if (!apiOnly) {
    appUrl = `http://localhost:${appPort}`;
    const vite = spawn(
      path.join(ROOT, "node_modules", ".bin", "vite"),
      ["--config", "miniapp/vite.config.ts", "--host", "localhost", "--port", String(appPort), "--strictPort"],
      {
        cwd: ROOT,
        env: { ...process.env, VITE_API_URL: api.url, VITE_PROVINCE_ID: demo.provinceId, VITE_DEV_ZALO_URL: zalo.url, VITE_DEV_ZALO_APP_ID: zaloApp.appId },
        stdio: "ignore",
        detached: true,
      },
    );
    stops.push(() => stopProcess(vite));
  }

  const line = "─".repeat(72);
  console.log(`\n${line}`);
  console.log(`API          ${api.url}`);
  console.log(`API docs     ${api.url}/docs   (OpenAPI: ${api.url}/v1/openapi.json)`);
  if (appUrl) console.log(`Mini app     ${appUrl}   (mở bằng trình duyệt; dùng "localhost", không dùng 127.0.0.1)`);
  if (!apiOnly) console.log(`Trên web     ${api.url}/   (bản web, do Worker phục vụ như khi triển khai: không cần Zalo, mở lại được khi mất mạng)`);
  console.log(`Zalo (giả)   ${zalo.url}   tin đã gửi: ${zalo.url}/__fake/messages · người dùng thử: thêm ?devUser=<tên> vào địa chỉ mini app`);
  const linkCode = await signedFetch(api.url, keys, "POST", `/v1/integration/officers/${DEMO_STAFF_OFFICER}/link-code`);
  if (linkCode.ok) {
    const { code, expiresAt } = (await linkCode.json()) as { code: string; expiresAt: string };
    const until = new Date(expiresAt).toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
    console.log(`Cán bộ thử   mã liên kết ${code} cho trưởng phòng ${DEMO_STAFF_OFFICER} (hết hạn ${until}; Trợ giúp → Liên kết tài khoản cán bộ)`);
  }
  if (appUrl)
    console.log(
      `Quản trị     ${appUrl}/staff?devUser=${DEMO_ADMIN_DEV_USER}   (Giám đốc Trung tâm, đã liên kết sẵn: phân công và trả lời phản ánh, Việc của tôi)`,
    );
  console.log(`Integration  key ${keys.keyId} / secret ${keys.secret}   (from .dev.vars)`);
  console.log(`             key ${keys2.keyId} / secret ${keys2.secret}   (Nghệ An, from .dev.vars)`);
  const printDossier = (d: { code: string; idLast4: string; story: string; qrContent: string }) => {
    const deepLink = new URL(d.qrContent);
    const local = appUrl ? `${appUrl}/dossier${deepLink.search}` : d.qrContent;
    console.log(`  ${d.code} · ${d.idLast4} · ${d.story}`);
    console.log(`      QR: ${local}`);
    console.log(`      giấy hẹn in được: ${path.relative(process.cwd(), path.join(slipDir, `${d.code}.svg`))}`);
  };
  console.log(`${line}\nHồ sơ mẫu tỉnh Thanh Hóa (mã · 4 số cuối CCCD · tình huống):`);
  for (const f of demo.featured) printDossier(f);
  // Codes are looked up in every province, so Nghệ An's open in the same mini app.
  console.log(`${line}\nHồ sơ mẫu tỉnh Nghệ An (mã · 4 số cuối CCCD · tình huống; tra cứu trong cùng mini app):`);
  for (const d of demo2.dossiers) printDossier(d);
  console.log(`${line}\n${demo.dossiers.length} hồ sơ mẫu tỉnh Thanh Hóa, ${demo2.dossiers.length} hồ sơ mẫu tỉnh Nghệ An. Ctrl-C để dừng.`);

  await new Promise(() => undefined);
}

/** A demo department head, to try the staff area with. */
const DEMO_STAFF_OFFICER = "cb-hcc-stp-1";

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
});
