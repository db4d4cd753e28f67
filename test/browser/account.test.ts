/**
 * The signed-in mini app in headless Chromium: a dev user signs in through the fake Zalo (as Zalo's own
 * getAccessToken would, the API verifies the token with the fake's Graph API), follows a demo dossier, and a
 * signed event from the one-stop system reaches them through the real queue in the fake Zalo and the inbox.
 */
import { describe, expect, inject, it } from "vitest";

import { signedFetch } from "../../scripts/lib/signing";
import { screenshot, smallTextAndTapTargets, type Phone } from "./phone";
import { deepLinkPath, ownerViewOf, phoneSuite, slipToken } from "./suite";

const { apiUrl, appUrl, demo, zaloUrl, integration } = inject("miniapp");

const openPhone = phoneSuite();
let phone: Phone;

/** Open demo dossiers (received or processing), each test taking its own. */
const taken = new Set<string>();
async function openDossier() {
  for (const f of demo.featured) {
    if (taken.has(f.code)) continue;
    const view = await ownerViewOf(f.code, slipToken(f.qrContent));
    if (view.status.code === 2 || view.status.code === 4) {
      taken.add(f.code);
      return { ...f, view };
    }
  }
  for (const d of demo.dossiers) {
    if (taken.has(d.code) || (d.status !== 2 && d.status !== 4)) continue;
    const slip = await signedFetch(apiUrl, integration, "GET", `/v1/integration/dossiers/${encodeURIComponent(d.code)}/slip`);
    const { qrContent } = (await slip.json()) as { qrContent: string };
    taken.add(d.code);
    return { code: d.code, qrContent, view: await ownerViewOf(d.code, slipToken(qrContent)) };
  }
  throw new Error("no open demo dossier left");
}

const vnNow = (minutes = 0) => new Date(Date.now() + minutes * 60_000 + 7 * 3600_000).toISOString().replace("Z", "+07:00");

async function requestSupplement(code: string, documents: string[]) {
  const res = await signedFetch(apiUrl, integration, "POST", "/v1/integration/events", {
    events: [
      {
        id: `browser-${code}-${Date.now()}`,
        type: "dossier.supplement_requested",
        occurredAt: vnNow(-1),
        dossierCode: code,
        documents,
        deadline: vnNow(3 * 1440),
      },
    ],
  });
  const body = (await res.json()) as { results: { outcome: string }[] };
  expect(body.results[0]!.outcome).toBe("applied");
}

type FakeMessage = { userId?: string; templateData: Record<string, string> };
async function zaloMessages(userId: string): Promise<FakeMessage[]> {
  const res = await fetch(`${zaloUrl}/__fake/messages?userId=${encodeURIComponent(userId)}`);
  return ((await res.json()) as { messages: FakeMessage[] }).messages;
}

/** A fresh phone whose mini app signs in as `user` of the fake Zalo, landing on `path`. */
async function phoneOf(user: string, path: string) {
  phone = await openPhone();
  await phone.page.goto(`${appUrl}/?devUser=${user}`);
  await expect.poll(() => phone.page.getByRole("textbox", { name: "Nhập mã hồ sơ" }).isVisible()).toBe(true);
  await phone.page.goto(`${appUrl}${path}`);
  return phone.page;
}

describe("following a dossier and being told", () => {
  it("a follower gets the supplement request in Zalo and in the inbox, whose button opens the dossier", async () => {
    const user = "browser-citizen-a";
    const dossier = await openDossier();
    const page = await phoneOf(user, deepLinkPath(dossier.qrContent));
    await expect.poll(() => page.getByText(dossier.view.applicant.name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(/Nhận tin nhắn Zalo khi hồ sơ cần bổ sung giấy tờ/).isVisible()).toBe(true);
    await screenshot(page, "20-follow");
    await page.getByRole("button", { name: "Theo dõi và nhận tin nhắn" }).click();
    await expect.poll(() => page.getByText("Đã theo dõi hồ sơ.").isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByRole("heading", { name: "Đang theo dõi hồ sơ này" }).isVisible()).toBe(true);

    await requestSupplement(dossier.code, ["Bản sao Giấy khai sinh có chứng thực"]);
    const sent = await expect
      .poll(() => zaloMessages(user), { timeout: 25_000, interval: 300 })
      .toHaveLength(1)
      .then(() => zaloMessages(user));
    expect(sent[0]!.templateData).toMatchObject({ title: "Hồ sơ cần bổ sung giấy tờ", code: dossier.code });
    expect(sent[0]!.templateData.content).toContain("Bản sao Giấy khai sinh có chứng thực");

    await page.goto(`${appUrl}/inbox`);
    await expect.poll(() => page.getByRole("heading", { name: "Hồ sơ cần bổ sung giấy tờ" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Bản sao Giấy khai sinh có chứng thực").first().isVisible()).toBe(true);
    expect(await page.getByText("Mới").first().isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "21-inbox").toEqual([]);
    await screenshot(page, "21-inbox");

    // The button opens the dossier: the owner view, without any token in the address (the session follows it).
    await page.getByRole("button", { name: "Xem hồ sơ" }).first().click();
    await expect.poll(() => page.getByText(dossier.view.applicant.name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(new URL(page.url()).searchParams.has("t")).toBe(false);
    expect(await page.getByText("Bản sao Giấy khai sinh có chứng thực").first().isVisible()).toBe(true);
  });

  it("Hồ sơ của tôi lists a followed dossier with its status; unfollowing removes it", async () => {
    const user = "browser-citizen-b";
    const dossier = await openDossier();
    const page = await phoneOf(user, deepLinkPath(dossier.qrContent));
    await page.getByRole("button", { name: "Chỉ theo dõi, không nhận tin" }).click();
    await expect.poll(() => page.getByText("Đã theo dõi hồ sơ.").isVisible(), { timeout: 15_000 }).toBe(true);

    await page.goto(`${appUrl}/my-dossiers`);
    await expect.poll(() => page.getByText(dossier.code).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(
      await page
        .getByText(/Hẹn trả: \d{2}\/\d{2}\/\d{4}/)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await smallTextAndTapTargets(page), "22-my-dossiers").toEqual([]);
    await screenshot(page, "22-my-dossiers");
    await page.getByRole("button", { name: "Bỏ theo dõi" }).click();
    await page.getByRole("button", { name: "Có, bỏ theo dõi" }).click();
    await expect.poll(() => page.getByText(/chưa theo dõi hồ sơ nào/).isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it("after turning Zalo messages off, the next event reaches the inbox but not Zalo", async () => {
    const user = "browser-citizen-c";
    const dossier = await openDossier();
    const page = await phoneOf(user, deepLinkPath(dossier.qrContent));
    await page.getByRole("button", { name: "Theo dõi và nhận tin nhắn" }).click();
    await expect.poll(() => page.getByText("Đã theo dõi hồ sơ.").isVisible(), { timeout: 15_000 }).toBe(true);

    await page.goto(`${appUrl}/notifications`);
    await expect
      .poll(
        () =>
          page
            .getByText(/Đang bật \(đồng ý ngày \d{2}\/\d{2}\/\d{4}\)/)
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
    await screenshot(page, "23-notifications");
    await page.getByRole("button", { name: "Tắt tin nhắn Zalo" }).click();
    await expect.poll(() => page.getByText("Đang tắt. Thông báo vẫn được lưu trong mục Tin nhắn.").isVisible(), { timeout: 15_000 }).toBe(true);

    await requestSupplement(dossier.code, ["Tờ khai có chữ ký"]);
    await expect
      .poll(
        async () => {
          await page.goto(`${appUrl}/inbox`);
          // In the inbox at once; marked as not sent through Zalo once the consumer has looked at the consent.
          await page
            .getByText("Tờ khai có chữ ký")
            .first()
            .waitFor({ timeout: 3000 })
            .catch(() => undefined);
          return page.getByText("Không gửi được qua Zalo — xem tại đây.").first().isVisible();
        },
        { timeout: 25_000, interval: 1000 },
      )
      .toBe(true);
    expect(await page.getByText("Tờ khai có chữ ký").first().isVisible()).toBe(true);
    expect(await zaloMessages(user)).toEqual([]);
  });
});

describe("the staff area", () => {
  it("an officer links their Zalo account with the code from the one-stop system and sees their dossiers", async () => {
    const officerId = "cb-hcc-stp-1";
    const res = await signedFetch(apiUrl, integration, "POST", `/v1/integration/officers/${officerId}/link-code`);
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };

    const page = await phoneOf("browser-officer", "/help");
    await page.getByRole("link", { name: "Liên kết tài khoản cán bộ" }).click();
    await expect.poll(() => page.getByLabel("Mã liên kết").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByLabel("Mã liên kết").fill(code);
    await page.getByRole("button", { name: "Liên kết", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Lê Thị Thu Hà" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Lãnh đạo phòng").isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "Hồ sơ của phòng" }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "24-staff").toEqual([]);
    await screenshot(page, "24-staff");

    // Home now offers the staff area.
    await page.goto(appUrl);
    await expect.poll(() => page.getByRole("link", { name: /Khu vực cán bộ/ }).isVisible(), { timeout: 15_000 }).toBe(true);
  });
});
