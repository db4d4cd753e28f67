/**
 * A dossier whose personal data the hourly lifecycle removed, in headless Chromium at 390×844: the first thing the
 * dossier page says is that, in plain Vietnamese, above its status and dates; the owner view shows no name, and
 * the public view offers no unlock that could not succeed.
 */
import path from "node:path";
import { getPlatformProxy } from "wrangler";
import { describe, expect, inject, it } from "vitest";
import { ROOT } from "../../scripts/lib/dev-server";
import type { Env } from "../../worker/src/env";
import { runLifecycle } from "../../worker/src/services/lifecycle";
import { eachShard } from "../../worker/src/shards/each";
import type { PublicDossier } from "../../miniapp/src/api/types";
import { vnCodeDate } from "../../worker/src/domain/time";
import { postEvents } from "../../scripts/lib/signing";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { api, deepLinkPath, phoneSuite, slipOf } from "./suite";

const { apiUrl, appUrl, demo, integration } = inject("miniapp");
const openPhone = phoneSuite();
const DAY_MS = 86_400_000;
const NOTICE = "Thông tin cá nhân của hồ sơ này đã được xóa theo quy định lưu trữ sau 12 tháng kể từ khi trả kết quả.";

/**
 * The hourly cron's lifecycle call on the local API's own database, through wrangler's bindings proxy on the same
 * files: wrangler dev cannot be asked to run a cron while it serves the web build (it fails to pass the scheduled
 * event on to the Worker), so the test makes the call the cron makes.
 */
async function runHourlyLifecycle() {
  const proxy = await getPlatformProxy<Env>({
    configPath: path.join(ROOT, "wrangler.jsonc"),
    persist: { path: path.join(ROOT, ".tmp", "miniapp-browser", "state", "v3") },
  });
  try {
    // As the cron does: every province's database in turn, each through the shard map.
    const done: boolean[] = [];
    const failed = await eachShard(proxy.env, async ({ env, db }) => {
      done.push((await runLifecycle(db, env.MEDIA, Date.now())).done);
    });
    expect(failed).toEqual([]);
    expect(done.length).toBeGreaterThan(1);
    expect(done.every(Boolean)).toBe(true);
  } finally {
    await proxy.dispose();
  }
}

/** A demo-province dossier returned 13 months ago (dates relative to today), then the hourly cron run now. */
async function dossierPastRetention(): Promise<string> {
  const agencyId = demo.dossiers[0]!.code.split("-")[0]!;
  const returnedAt = Date.now() - 400 * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const code = `${agencyId}-${vnCodeDate(iso(returnedAt - 20 * DAY_MS))}-${String(Date.now() % 10_000).padStart(4, "0")}`;
  await postEvents(apiUrl, integration, [
    {
      id: `lifecycle-${code}-received`,
      type: "dossier.received",
      occurredAt: iso(returnedAt - 20 * DAY_MS),
      dossierCode: code,
      agencyId,
      procedureCode: "1.000894",
      applicant: { name: "Phạm Văn Hùng", idNumber: "038090005678" },
      receivedAt: iso(returnedAt - 20 * DAY_MS),
      dueAt: iso(returnedAt - 5 * DAY_MS),
      note: "Ông Hùng nộp bản sao sổ hộ khẩu",
    },
    { id: `lifecycle-${code}-ready`, type: "dossier.result_ready", occurredAt: iso(returnedAt - DAY_MS), dossierCode: code },
    { id: `lifecycle-${code}-returned`, type: "dossier.returned", occurredAt: iso(returnedAt), dossierCode: code },
  ]);
  await runHourlyLifecycle();
  await expect.poll(async () => (await api<PublicDossier>(`/v1/dossiers/${encodeURIComponent(code)}`)).personalDataRemovedAt).not.toBeNull();
  return code;
}

describe("a dossier past its retention", () => {
  it("says at the top that its personal data was removed, and still shows its status and dates", async () => {
    const code = await dossierPastRetention();
    const { qrContent } = await slipOf(code);
    const phone = await openPhone();
    const page = phone.page;
    await page.goto(`${appUrl}${deepLinkPath(qrContent)}`);
    await expect.poll(() => page.getByText(NOTICE, { exact: false }).isVisible()).toBe(true);

    // The notice comes first, above the status card, on the first screen.
    const notice = await page.getByText(NOTICE, { exact: false }).boundingBox();
    const status = await page.locator("#status-title").boundingBox();
    expect(notice!.y).toBeLessThan(status!.y);
    expect(notice!.y + notice!.height).toBeLessThan(844);
    expect(await page.getByText("Ngày trả kết quả").isVisible()).toBe(true);
    // Nothing is asked of the citizen any more: no survey to fill in.
    expect(await page.getByText("Hồ sơ đã hoàn thành. Ông/bà không cần làm gì thêm.").isVisible()).toBe(true);
    expect(await page.getByText("Phạm Văn Hùng").count()).toBe(0);
    expect(await page.getByText("Người nộp").count()).toBe(0);
    expect(await page.getByText("sổ hộ khẩu").count()).toBe(0);
    expect(await smallTextAndTapTargets(page)).toEqual([]);
    await screenshot(page, "dossier-personal-data-removed");

    // Without the slip: the same notice, and no last-4 unlock that could only fail.
    const other = await openPhone();
    await other.page.goto(`${appUrl}/dossier?code=${encodeURIComponent(code)}`);
    await expect.poll(() => other.page.getByText(NOTICE, { exact: false }).isVisible()).toBe(true);
    expect(await other.page.getByRole("heading", { name: "Xem đầy đủ thông tin hồ sơ" }).count()).toBe(0);
    await screenshot(other.page, "dossier-personal-data-removed-public");
  });
});
