/**
 * Typing a code the way people do, what "Không tìm thấy" offers, and a slip link that lost part of its token: in
 * real Chromium against the local API seeded with the demo province. Each test starts on a fresh phone.
 */
import { describe, expect, inject, it } from "vitest";

import type { PublicDossier, Province } from "../../miniapp/src/api/types";
import { postEvents, putReference } from "../../scripts/lib/signing";
import { screenshot, smallTextAndTapTargets, type Phone } from "./phone";
import { api, phoneSuite } from "./suite";

const { apiUrl, appUrl, demo, integration } = inject("miniapp");

const openPhone = phoneSuite();
let phone: Phone;

async function openHome() {
  phone = await openPhone();
  await phone.page.goto(appUrl);
  await expect.poll(() => codeField().isVisible()).toBe(true);
  return phone.page;
}

const codeField = () => phone.page.getByRole("textbox", { name: "Nhập mã hồ sơ" });

async function lookUp(code: string) {
  await codeField().fill(code);
  await phone.page.getByRole("button", { name: "Tra cứu" }).click();
}

const addressCode = () => new URL(phone.page.url()).searchParams.get("code");

/** A dossier of an agency whose identifier is not in the national shape, received two days ago. */
async function dossierOfOddAgency(): Promise<string> {
  const agencyId = "000.00.24.12.H56";
  await putReference(apiUrl, integration, `/v1/integration/agencies/${agencyId}`, {
    name: "Trung tâm Phục vụ hành chính công (mã định danh năm cấp)",
    level: "commune",
  });
  // The issue's own example: 000002412H562611270392. The date in the code is only part of its name.
  const code = `${agencyId}-261127-0392`;
  const receivedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await postEvents(apiUrl, integration, [
    {
      id: `lookup-entry-${code}`,
      type: "dossier.received",
      occurredAt: receivedAt,
      dossierCode: code,
      agencyId,
      procedureCode: "1.000894",
      applicant: { name: "Lê Thị Mai", idNumber: "038190004321" },
      receivedAt,
      dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    },
  ]);
  return code;
}

describe("typing a code as people do", () => {
  it("a code typed without dots or dashes, in lower case and with an O for a zero, opens the dossier under its real code", async () => {
    const entry = demo.dossiers[0]!;
    const view = await api<PublicDossier>(`/v1/dossiers/${encodeURIComponent(entry.code)}`);
    const page = await openHome();
    await lookUp(entry.code.replace(/[.-]/g, "").toLowerCase().replace("0", "o"));

    await expect.poll(() => page.getByText(entry.code, { exact: true }).isVisible()).toBe(true);
    expect(addressCode()).toBe(entry.code);
    expect(await page.getByText(view.agency.name).first().isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "Xem đầy đủ thông tin hồ sơ" }).isVisible()).toBe(true);
  });

  it("a compact code only the API can re-dot comes back as the real code, in the address and on the phone", async () => {
    const code = await dossierOfOddAgency();
    const page = await openHome();
    await lookUp("000002412H562611270392");

    await expect.poll(() => addressCode()).toBe(code);
    expect(await page.getByText(code, { exact: true }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Quay lại" }).click();
    // Kept on the phone under its real code; the field is empty again for the next code.
    const saved = page.getByRole("link", { name: new RegExp(code.replace(/\./g, "\\.")) });
    await expect.poll(() => saved.isVisible()).toBe(true);
    expect(await codeField().inputValue()).toBe("");
  });
});

describe("when no dossier has the code", () => {
  it("repeats the code, says a new dossier may not show yet, gives the hotline, and keeps what was typed", async () => {
    const hotline = (await api<Province>(`/v1/provinces/${demo.provinceId}`)).hotline!;
    expect(hotline).toBeTruthy();
    const typed = "0000006h56 990101 9999";
    const page = await openHome();
    await lookUp(typed);

    const notFound = page.getByRole("alert");
    await expect.poll(() => notFound.isVisible()).toBe(true);
    expect(await notFound.getByRole("heading", { name: "Không tìm thấy hồ sơ" }).isVisible()).toBe(true);
    expect(await notFound.getByText("000.00.06.H56-990101-9999", { exact: true }).isVisible()).toBe(true);
    expect(await notFound.textContent()).toContain("vừa nộp trong vài giờ gần đây có thể chưa hiển thị");
    const call = notFound.getByRole("link", { name: `Cần giúp đỡ? Gọi tổng đài ${hotline}` });
    expect(await call.getAttribute("href")).toBe(`tel:${hotline.replace(/\s/g, "")}`);
    expect(await smallTextAndTapTargets(page), "lookup-not-found").toEqual([]);
    await screenshot(page, "lookup-not-found");

    await page.getByRole("button", { name: "Nhập lại mã hồ sơ" }).click();
    await expect.poll(() => codeField().isVisible()).toBe(true);
    expect(await codeField().inputValue()).toBe(typed);
  });
});

describe("a slip link that lost part of its token", () => {
  const deepLink = (qrContent: string, token: string) => {
    const url = new URL(qrContent);
    url.searchParams.set("t", token);
    return `${appUrl}${url.pathname.replace(/^\/s\/[^/]+/, "")}${url.search}`;
  };

  it("says so above the public view, whether the token was cut short or cut to a wrong one", async () => {
    const featured = demo.featured[0]!;
    const token = new URL(featured.qrContent).searchParams.get("t")!;
    expect(token).toHaveLength(16);

    phone = await openPhone();
    const page = phone.page;
    // Too short to be a token: the app knows without asking the API.
    await page.goto(deepLink(featured.qrContent, token.slice(0, 5)));
    const notice = page.getByRole("alert").filter({ hasText: "bị thiếu một phần" });
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain("vẫn xem được trạng thái hồ sơ");
    await expect.poll(() => page.getByText(featured.code, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText("Người nộp hồ sơ", { exact: true }).count()).toBe(0);
    expect(await smallTextAndTapTargets(page), "lookup-broken-token").toEqual([]);
    await screenshot(page, "lookup-broken-token");

    // Long enough to look like one: the API refuses it, and the page says that too.
    await page.goto(deepLink(featured.qrContent, token.slice(0, 10)));
    const refused = page.getByRole("alert").filter({ hasText: "không đúng với hồ sơ này" });
    await expect.poll(() => refused.isVisible()).toBe(true);
    expect(await page.getByText("Người nộp hồ sơ", { exact: true }).count()).toBe(0);
  });
});

describe("procedure guide", () => {
  it("“so do” shows the land-use certificate first", async () => {
    const page = await openHome();
    await page.getByRole("link", { name: /Hướng dẫn thủ tục/ }).click();
    await page.getByRole("searchbox", { name: "Tìm thủ tục" }).fill("so do");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    await expect.poll(() => page.getByText("phù hợp với “so do”", { exact: false }).isVisible()).toBe(true);
    const first = page.locator(".procedure-list .procedure-name").first();
    expect(await first.textContent()).toContain("Giấy chứng nhận quyền sử dụng đất");
    expect(await page.getByText("Công nhận hạng cơ sở lưu trú du lịch", { exact: false }).count()).toBe(0);
    expect(await smallTextAndTapTargets(page), "procedures-so-do").toEqual([]);
    await screenshot(page, "procedures-so-do");
  });
});
