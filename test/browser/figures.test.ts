/**
 * The leaders' figures in headless Chromium at 390×844, against the local API with the demo province: the centre's
 * director (dev user `lanhdao`, the province admin) opens Số liệu điều hành from the staff home, reads the on-time
 * and satisfaction rates the integration API gives for the same days, taps down from an agency to one of its
 * departments (each level's rate as the API counts it there), exports the table as a CSV file whose rows are the
 * table's, picks another period and goes back up. A department head lands on their own department. Anyone, without
 * signing in, reads the province's figures by agency on the transparency page, and nothing personal.
 */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { formatCount, formatRate, periodOf, vnToday } from "../../miniapp/src/domain/figures";
import { DEMO_OFFICERS } from "../../scripts/demo/province";
import { signedFetch, signedJson } from "../../scripts/lib/signing";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { api, phoneSignedInAs, phoneSuite } from "./suite";

const { apiUrl, appUrl, demo, integration } = inject("miniapp");
const openPhone = phoneSuite();

type Group = { key: string; name: string; completed: number; completedOnTime: number; onTimeRate: number | null; satisfactionRate: number | null };
type Figures = { from: string; to: string; groups: Group[]; total: Group };

/** The figures as the province's own dashboards read them: the truth the phone must show. */
const truth = (query: string) => signedJson<Figures>(apiUrl, integration, "GET", `/v1/integration/figures?${query}`);

/** A phone whose new dev user links demo officer `officerId` with a one-time code, on the staff home. */
async function linkedPhone(officerId: string, user: string): Promise<Page> {
  const res = await signedFetch(apiUrl, integration, "POST", `/v1/integration/officers/${officerId}/link-code`);
  expect(res.status).toBe(201);
  const { code } = (await res.json()) as { code: string };
  const page = await phoneSignedInAs(openPhone, `${user}-${Date.now().toString(36)}`, "/staff");
  await expect.poll(() => page.getByLabel("Mã liên kết").isVisible(), { timeout: 15_000 }).toBe(true);
  await page.getByLabel("Mã liên kết").fill(code);
  await page.getByRole("button", { name: "Liên kết", exact: true }).click();
  return page;
}

const headline = (page: Page, title: string) => page.getByRole("region", { name: title, exact: true }).locator(".headline-rate");

/** The period the page shows, as the days it asked for. */
async function shownPeriod(page: Page): Promise<{ from: string; to: string }> {
  const shown = page.locator(".period-shown");
  return { from: (await shown.getAttribute("data-from"))!, to: (await shown.getAttribute("data-to"))! };
}

async function onTimeShown(page: Page, expected: string) {
  await expect.poll(() => headline(page, "Tỷ lệ đúng hạn").textContent(), { timeout: 15_000 }).toBe(expected);
}

/** A CSV file's rows, fields unquoted ("91,5" arrives quoted), the byte order mark left on the first field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      rows.push([...row, field.replace(/\r$/, "")]);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The table's rows (body, then the total) as their cells' text, in order. */
const tableRows = (table: ReturnType<Page["locator"]>) =>
  table.locator("tbody tr, tfoot tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? "").trim())));

/** A CSV field as the table writes it: counts with dots between thousands, rates as "91,5 %", no rate as "—". */
const asShown = (field: string) => (field === "" ? "—" : field.includes(",") ? `${field} %` : field.replace(/\B(?=(\d{3})+(?!\d))/g, "."));

const TABLE_COLUMNS = ["Hồ sơ đã giải quyết", "Đúng hạn", "Tỷ lệ đúng hạn (%)", "Đang quá hạn", "Lượt đánh giá", "Hài lòng", "Tỷ lệ hài lòng (%)"];

describe("the leaders' figures in the staff area", () => {
  it("the director sees the on-time rate the API counts, drills down from an agency to a department, and exports a table whose rows match it", async () => {
    const page = await phoneSignedInAs(openPhone, "lanhdao", "/staff");
    await expect.poll(() => page.getByRole("link", { name: /^Số liệu điều hành/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("link", { name: /^Số liệu điều hành/ }).click();
    await expect.poll(() => headline(page, "Tỷ lệ đúng hạn").isVisible(), { timeout: 15_000 }).toBe(true);

    // The last 12 months: this month so far and the 11 before, in Vietnam.
    const period = await shownPeriod(page);
    expect(period).toEqual(periodOf("last12", vnToday()));
    const [fy, fm, fd] = period.from.split("-");
    const [ty, tm, td] = period.to.split("-");
    expect(await page.locator(".period-shown").textContent()).toBe(`Từ ${fd}/${fm}/${fy} đến ${td}/${tm}/${ty}`);
    const days = `from=${period.from}&to=${period.to}`;
    const province = await truth(`groupBy=agency&${days}`);
    // The demo has history worth reading: dossiers completed, some on time.
    expect(province.total.completed).toBeGreaterThan(0);
    await onTimeShown(page, formatRate(province.total.onTimeRate));
    expect(await headline(page, "Tỷ lệ hài lòng").textContent()).toBe(formatRate(province.total.satisfactionRate));
    const counts = `${formatCount(province.total.completedOnTime)}/${formatCount(province.total.completed)} hồ sơ đúng hạn`;
    expect(await page.getByRole("region", { name: "Tỷ lệ đúng hạn", exact: true }).locator(".headline-counts").textContent()).toBe(counts);
    // Each agency ranked, its bar read out in words.
    const ranked = page.locator(".rank-list li");
    expect(await ranked.count()).toBe(province.groups.length);
    await expect.poll(() => page.getByRole("img", { name: /^Tỷ lệ đúng hạn 12 tháng gần đây: tháng / }).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "80-figures-province").toEqual([]);
    await screenshot(page, "80-figures-province");

    // An agency with dossiers completed, and a department of it with some too.
    const agency = province.groups.find((g) => g.key && g.completed > 0)!;
    const agencyFigures = await truth(`groupBy=department&agencyId=${encodeURIComponent(agency.key)}&${days}`);
    expect(agencyFigures.total.onTimeRate).toBe(agency.onTimeRate);
    await page.locator(`.rank-list li[data-key="${agency.key}"] a`).click();
    await expect.poll(() => page.locator(".breadcrumb [aria-current=location]").textContent(), { timeout: 15_000 }).toBe(agency.name);
    await onTimeShown(page, formatRate(agency.onTimeRate));
    expect(
      await page
        .getByRole("heading", { name: /^Các phòng, bộ phận/ })
        .first()
        .isVisible(),
    ).toBe(true);
    await page.locator(".rank-list").scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(page), "81-figures-agency").toEqual([]);
    await screenshot(page, "81-figures-agency");

    const department = agencyFigures.groups.find((g) => g.key && g.completed > 0)!;
    const departmentFigures = await truth(`groupBy=procedure&departmentId=${encodeURIComponent(department.key)}&${days}`);
    await page.locator(`.rank-list li[data-key="${department.key}"] a`).click();
    await expect.poll(() => page.locator(".breadcrumb [aria-current=location]").textContent(), { timeout: 15_000 }).toBe(department.name);
    await onTimeShown(page, formatRate(department.onTimeRate));
    expect(departmentFigures.total.onTimeRate).toBe(department.onTimeRate);
    expect(await page.locator(".breadcrumb li").allTextContents()).toEqual(["Toàn tỉnh", agency.name, department.name]);
    // The procedures are the last level: no further taps.
    expect(await page.locator(".rank-list a").count()).toBe(0);
    expect(await smallTextAndTapTargets(page), "82-figures-department").toEqual([]);
    await screenshot(page, "82-figures-department");

    // The procedures' table as a CSV file: a real download, named for what it counts, whose rows are the table's.
    const table = page.getByRole("region", { name: "Các thủ tục · Bảng số liệu", exact: true });
    const [download] = await Promise.all([page.waitForEvent("download"), table.getByRole("button", { name: "Xuất CSV" }).click()]);
    expect(download.suggestedFilename()).toBe(`so-lieu-thu-tuc-${period.from}-${period.to}.csv`);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...records] = parseCsv(text.slice(1));
    expect(header!.slice(0, 3)).toEqual(["Thủ tục", "Mã", "Hồ sơ đã giải quyết"]);
    // Row by row in the same order, the total last: the name, then each of the table's columns.
    const columns = TABLE_COLUMNS.map((name) => header!.indexOf(name));
    expect(columns).not.toContain(-1);
    expect(records).toHaveLength(departmentFigures.groups.length + 1);
    expect(records.at(-1)![0]).toBe("Tổng cộng");
    expect(await tableRows(table)).toEqual(records.map((record) => [record[0], ...columns.map((i) => asShown(record[i]!))]));
    await expect.poll(() => table.getByText("Đã tải tệp về máy.").isVisible()).toBe(true);

    // Another period, kept while going back up to the province.
    await page.getByRole("button", { name: "Tháng trước" }).click();
    const lastMonth = periodOf("lastMonth", vnToday());
    await expect.poll(() => shownPeriod(page)).toEqual(lastMonth);
    const monthFigures = await truth(`groupBy=procedure&departmentId=${encodeURIComponent(department.key)}&from=${lastMonth.from}&to=${lastMonth.to}`);
    await onTimeShown(page, formatRate(monthFigures.total.onTimeRate));

    // Two days picked by hand: refused in the wrong order, then shown as dd/MM/yyyy and counted for those days.
    await page.getByRole("button", { name: "Tùy chọn" }).click();
    await page.getByLabel("Từ ngày").fill(lastMonth.to);
    await page.getByLabel("Đến ngày").fill(lastMonth.from);
    await page.getByRole("button", { name: "Xem số liệu" }).click();
    expect(await page.getByText("Ngày bắt đầu phải trước ngày kết thúc.").isVisible()).toBe(true);
    const custom = { from: period.from, to: lastMonth.to };
    await page.getByLabel("Từ ngày").fill(custom.from);
    await page.getByLabel("Đến ngày").fill(custom.to);
    const dmy = (day: string) => day.split("-").reverse().join("/");
    expect(await page.getByText(`Đã chọn: từ ${dmy(custom.from)} đến ${dmy(custom.to)}`).isVisible()).toBe(true);
    expect(await page.getByText("Ngày bắt đầu phải trước ngày kết thúc.").count()).toBe(0);
    expect(await smallTextAndTapTargets(page), "84-figures-custom-period").toEqual([]);
    await page.locator(".period-shown").scrollIntoViewIfNeeded();
    await screenshot(page, "84-figures-custom-period");
    await page.getByRole("button", { name: "Xem số liệu" }).click();
    await expect.poll(() => shownPeriod(page)).toEqual(custom);
    const customFigures = await truth(`groupBy=procedure&departmentId=${encodeURIComponent(department.key)}&from=${custom.from}&to=${custom.to}`);
    await onTimeShown(page, formatRate(customFigures.total.onTimeRate));
    await page.getByRole("button", { name: "Tháng trước" }).click();
    await expect.poll(() => shownPeriod(page)).toEqual(lastMonth);
    await page.locator(".breadcrumb").getByRole("link", { name: "Toàn tỉnh" }).click();
    const provinceMonth = await truth(`groupBy=agency&from=${lastMonth.from}&to=${lastMonth.to}`);
    await expect.poll(() => page.locator(".breadcrumb [aria-current=location]").textContent(), { timeout: 15_000 }).toBe("Toàn tỉnh");
    await onTimeShown(page, formatRate(provinceMonth.total.onTimeRate));
    expect(await shownPeriod(page)).toEqual(lastMonth);
  });

  it("a department head lands on their own department's procedures, with no way up to the province; an officer has no figures", async () => {
    // Demo officers no other browser test links: a head of department and an officer.
    const head = DEMO_OFFICERS.find((o) => o.id === "cb-ss-kt-1")!;
    expect(head.request.role).toBe("department_head");
    const page = await linkedPhone(head.id, "browser-figures-head");
    await expect.poll(() => page.getByRole("link", { name: /^Số liệu điều hành/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("link", { name: /^Số liệu điều hành/ }).click();
    await expect.poll(() => headline(page, "Tỷ lệ đúng hạn").isVisible(), { timeout: 15_000 }).toBe(true);
    const period = await shownPeriod(page);
    const mine = await truth(`groupBy=procedure&departmentId=${head.request.departmentId}&from=${period.from}&to=${period.to}`);
    await onTimeShown(page, formatRate(mine.total.onTimeRate));
    expect(await page.locator(".breadcrumb a").count()).toBe(0);
    expect(
      await page
        .getByRole("heading", { name: /^Các thủ tục/ })
        .first()
        .isVisible(),
    ).toBe(true);

    const officer = DEMO_OFFICERS.find((o) => o.id === "cb-ns-kt-1")!;
    expect(officer.request.role).toBe("officer");
    const officerPage = await linkedPhone(officer.id, "browser-figures-officer");
    await expect.poll(() => officerPage.getByRole("heading", { name: "Mức độ hài lòng", exact: false }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await officerPage.getByRole("link", { name: /^Số liệu điều hành/ }).count()).toBe(0);
    // The address typed or linked while in the app (the app follows the history, as on Zalo's back button).
    await officerPage.evaluate(() => {
      window.history.pushState({ index: 1 }, "", "/staff/figures");
      window.dispatchEvent(new PopStateEvent("popstate", { state: { index: 1 } }));
    });
    await expect.poll(() => officerPage.getByText("Số liệu điều hành dành cho lãnh đạo tỉnh và lãnh đạo phòng.").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await officerPage.locator(".headline-rate").count()).toBe(0);
  });
});

describe("the public transparency page", () => {
  it("shows the province's figures by agency for the last 12 months to anyone, from Trợ giúp, without signing in and with nothing personal", async () => {
    const { page } = await openPhone();
    await page.goto(`${appUrl}/`);
    await page.getByRole("link", { name: /^Trợ giúp/ }).click();
    const toTransparency = page.getByRole("link", { name: "Công khai kết quả giải quyết hồ sơ" });
    await toTransparency.scrollIntoViewIfNeeded();
    await screenshot(page, "85-help-transparency-link");
    await toTransparency.click();
    await expect.poll(() => headline(page, "Tỷ lệ đúng hạn").isVisible(), { timeout: 15_000 }).toBe(true);
    const period = await shownPeriod(page);
    expect(period).toEqual(periodOf("last12", vnToday()));
    const figures = await api<Figures>(`/v1/provinces/${demo.provinceId}/figures?groupBy=agency&from=${period.from}&to=${period.to}`);
    await onTimeShown(page, formatRate(figures.total.onTimeRate));
    expect(await headline(page, "Tỷ lệ hài lòng").textContent()).toBe(formatRate(figures.total.satisfactionRate));
    for (const agency of figures.groups) expect(await page.locator(`.rank-list li[data-key="${agency.key}"]`).textContent()).toContain(agency.name);
    // What each rate means, in one sentence each.
    expect(await page.getByText(/^Số hồ sơ trả kết quả đúng hoặc trước hạn hẹn/).isVisible()).toBe(true);
    expect(await page.getByText(/^Số lượt đánh giá hài lòng và rất hài lòng/).isVisible()).toBe(true);
    // No sign-in happened, no drill-down offered, and no officer named.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("session")))).toEqual([]);
    expect(await page.locator(".rank-list a").count()).toBe(0);
    const body = (await page.locator("body").textContent()) ?? "";
    for (const officer of DEMO_OFFICERS) expect(body).not.toContain(officer.request.displayName);
    expect(await smallTextAndTapTargets(page), "83-transparency").toEqual([]);
    await screenshot(page, "83-transparency");
  });
});
