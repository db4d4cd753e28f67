/**
 * The first screen tells the truth: demo dossiers opened from their slip's QR on a 390×844 phone, one per state that
 * used to read wrong. Each test takes what the API holds now as the oracle (other files move some demo dossiers on).
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import type { OwnerDossier } from "../../miniapp/src/api/types";
import { vnDisplayDate } from "../../worker/src/domain/time";
import { screenshot, smallTextAndTapTargets, type Phone } from "./phone";
import { deepLinkPath, ownerViewOf, phoneSuite, slipOf } from "./suite";

const { appUrl, demo } = inject("miniapp");

const openPhone = phoneSuite();
let phone: Phone;

/** The first demo dossier whose owner view, as the API holds it now, matches. */
async function demoDossier(matches: (view: OwnerDossier) => boolean) {
  for (const d of demo.dossiers) {
    const { qrContent, token } = await slipOf(d.code);
    const view = await ownerViewOf(d.code, token);
    if (matches(view)) return { code: d.code, qrContent, view };
  }
  throw new Error("no demo dossier matches; has the demo data changed?");
}

/** Opens the dossier as Zalo's camera does from the slip's QR, and waits for its first heading. */
async function openFromSlip(qrContent: string): Promise<Page> {
  phone = await openPhone();
  await phone.context.route(/^https:\/\/(www\.google\.com)\//, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>maps</title>" }),
  );
  await phone.page.goto(`${appUrl}${deepLinkPath(qrContent)}`);
  await expect.poll(() => phone.page.locator("#status-title").isVisible(), { timeout: 15_000 }).toBe(true);
  return phone.page;
}

/** HH:mm dd/MM/yyyy in Vietnam, worked out here rather than with the app's formatter. */
function vnDateTime(instant: string): string {
  const local = new Date(Date.parse(instant) + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 16)} ${vnDisplayDate(instant)}`;
}

const topCard = (page: Page) => page.locator(".status-card");
/** Whether the element's top is on the first screen (under 844 px) without scrolling. */
const onFirstScreen = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().top < window.innerHeight);

describe("the top of the dossier page", () => {
  it("an overdue dossier says so first: how many days, what the agency owes, and whom to call", async () => {
    const { qrContent, view } = await demoDossier((v) => v.overdue && (v.status.code === 2 || v.status.code === 4) && !!v.agency.phone);
    const page = await openFromSlip(qrContent);
    const card = topCard(page);
    expect(await page.locator("#status-title").textContent()).toBe(`Quá hẹn ${view.overdueDays} ngày`);
    const text = (await card.textContent())!;
    expect(text).toContain(`Hẹn trả kết quả: ${vnDisplayDate(view.dueAt)} (đã qua ${view.overdueDays} ngày)`);
    expect(text).toContain("phải gửi ông/bà thư xin lỗi và hẹn lại ngày trả kết quả");
    expect(text).toContain(view.agency.name);
    if (view.officer?.name) expect(text).toContain(`cán bộ ${view.officer.name}`);
    expect(text).not.toContain("chưa cần làm gì");
    const call = card.getByRole("link", { name: `Gọi ${view.agency.phone}` });
    expect(await call.getAttribute("href")).toBe(`tel:${view.agency.phone!.replace(/[^\d+]/g, "")}`);
    expect(await onFirstScreen(page, ".status-card a[href^='tel:']")).toBe(true);
    // When the dossier last changed, not when the page was fetched.
    expect(text).toContain(`Cập nhật lúc ${vnDateTime(view.changedAt)}`);
    expect(await smallTextAndTapTargets(page), "first-01-overdue").toEqual([]);
    await screenshot(page, "first-01-overdue");
  });

  it("an online registration not yet accepted claims no intake, no due date and no intake step", async () => {
    const { qrContent, view } = await demoDossier((v) => v.status.code === 1);
    const page = await openFromSlip(qrContent);
    expect(await page.locator("#status-title").textContent()).toBe("Đã đăng ký trực tuyến, chờ tiếp nhận");
    const body = (await page.locator("main").textContent())!;
    expect(body).not.toContain(vnDisplayDate(view.dueAt));
    expect(body).not.toMatch(/Hẹn trả|Ngày hẹn trả|Ngày nhận hồ sơ|Tiếp nhận hồ sơ|Quá hẹn/);
    expect(body).toContain(`Ngày đăng ký${vnDisplayDate(view.receivedAt)}`);
    expect(await page.getByText("Đăng ký hồ sơ trực tuyến", { exact: true }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "first-02-registered").toEqual([]);
    await screenshot(page, "first-02-registered");
  });

  it("a refusal shows no due date and sends the citizen to the competent agency, in the directory too", async () => {
    const { qrContent, view } = await demoDossier((v) => v.status.code === 3 && !!v.competentAgency);
    const competent = view.competentAgency!;
    const page = await openFromSlip(qrContent);
    expect(await page.locator("#status-title").textContent()).toBe("Hồ sơ không được tiếp nhận");
    const body = (await page.locator("main").textContent())!;
    expect(body).not.toMatch(/Hẹn trả|Ngày hẹn trả|Quá hẹn|Tiếp nhận hồ sơ/);
    expect(body).not.toContain(vnDisplayDate(view.dueAt));
    expect(await page.getByText("Nộp hồ sơ", { exact: true }).isVisible()).toBe(true);
    expect(await topCard(page).textContent()).toContain(`Lý do: ${view.statusNote}`);
    const place = page.getByRole("region", { name: `Nơi có thẩm quyền giải quyết: ${competent.name}` });
    expect(await place.isVisible()).toBe(true);
    expect(await onFirstScreen(page, ".place-card")).toBe(true);
    const directions = place.getByRole("link", { name: "Chỉ đường" });
    expect(new URL((await directions.getAttribute("href"))!).searchParams.get("destination")).toBe(`${competent.latitude},${competent.longitude}`);
    expect(await smallTextAndTapTargets(page), "first-03-refused").toEqual([]);
    await screenshot(page, "first-03-refused");

    await place.getByRole("link", { name: "Xem trong Danh bạ" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/directory");
    expect(new URL(page.url()).searchParams.get("agency")).toBe(competent.id);
    await expect
      .poll(() =>
        page
          .getByRole("region", { name: new RegExp(competent.name) })
          .first()
          .isVisible(),
      )
      .toBe(true);
  });

  it("stopped and withdrawn dossiers show no due date and say what to do instead", async () => {
    for (const status of [8, 7]) {
      const { qrContent, view } = await demoDossier((v) => v.status.code === status);
      const page = await openFromSlip(qrContent);
      const body = (await page.locator("main").textContent())!;
      expect(body, `status ${status}`).not.toMatch(/Hẹn trả|Ngày hẹn trả|Quá hẹn/);
      expect(body, `status ${status}`).not.toContain(vnDisplayDate(view.dueAt));
      const todo = (await page.locator(".status-card .todo-text").textContent())!;
      expect(todo, `status ${status}`).toMatch(status === 8 ? /Gọi hoặc đến nơi xử lý hồ sơ/ : /hướng dẫn thủ tục/);
      if (status === 8) expect(await page.getByRole("region", { name: `Nơi nộp hồ sơ: ${view.agency.name}` }).isVisible()).toBe(true);
      else
        expect(await page.getByRole("link", { name: "Xem hướng dẫn thủ tục" }).getAttribute("href")).toContain(
          `/procedure?code=${encodeURIComponent(view.procedure.code)}`,
        );
      await screenshot(page, `first-04-status-${status}`);
    }
  });

  it("a result ready says where to pick it up, with today's hours, a call button and directions", async () => {
    const { qrContent, view } = await demoDossier((v) => v.status.code === 9 && v.agency.latitude !== null);
    const page = await openFromSlip(qrContent);
    expect(await page.locator("#status-title").textContent()).toBe("Đã có kết quả — mời đến nhận");
    const place = page.getByRole("region", { name: `Nơi nhận kết quả: ${view.agency.name}` });
    expect(await place.isVisible()).toBe(true);
    expect(await place.textContent()).toContain(view.agency.address!);
    expect(await place.textContent()).toMatch(/Hôm nay \((Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ nhật)\)/);
    expect(await place.getByRole("link", { name: `Gọi ${view.agency.phone}` }).getAttribute("href")).toBe(`tel:${view.agency.phone!.replace(/[^\d+]/g, "")}`);
    const directions = new URL((await place.getByRole("link", { name: "Chỉ đường" }).getAttribute("href"))!);
    expect(directions.hostname).toBe("www.google.com");
    expect(directions.searchParams.get("destination")).toBe(`${view.agency.latitude},${view.agency.longitude}`);
    expect(await onFirstScreen(page, ".place-card")).toBe(true);
    expect(await smallTextAndTapTargets(page), "first-05-ready").toEqual([]);
    await screenshot(page, "first-05-ready");
  });
});
