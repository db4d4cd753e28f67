/**
 * What the province tells its citizens, in headless Chromium: a dev user chooses a commune, an alert for it comes
 * in from the province's warning system as signed CAP XML, the banner on home says what to do and opens the alert,
 * a Cancel lowers it; the news feed pages, narrows by category, opens a post whose links are anchors and whose
 * HTML is text, shares it, and shows the last page read without network.
 */
import { describe, expect, inject, it } from "vitest";
import { apiUrlFor, signedFetch, signRequest } from "../../scripts/lib/signing";
import { screenshot, smallTextAndTapTargets, type Phone } from "./phone";
import { phoneSuite } from "./suite";

const { apiUrl, appUrl, webUrl, integration } = inject("miniapp");

const openPhone = phoneSuite();

/** Communes of this file only: 99xxx is no real administrative-unit code, so the demo's list never holds them. */
const RIVER = { code: "99871", name: "Xã Bến Đò Mới" };
const HILL = { code: "99872", name: "Phường Đồi Thông Xanh" };

async function putCommune(commune: { code: string; name: string }) {
  const res = await signedFetch(apiUrl, integration, "PUT", `/v1/integration/communes/${commune.code}`, { name: commune.name });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** An instant in Vietnam's time, `minutes` from now, as CAP writes it (2026-12-03T21:05:00+07:00). */
const capTime = (minutes: number) =>
  new Date(Math.floor((Date.now() + minutes * 60_000) / 1000) * 1000 + 7 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "+07:00");

const SENDER = "pcttkcn@thanhhoa.gov.vn";

type CapMessage = { identifier: string; sent: string };

function capAlert(a: {
  identifier: string;
  sent: string;
  msgType: "Alert" | "Update" | "Cancel";
  references?: CapMessage;
  severity?: string;
  headline?: string;
  instruction?: string;
  commune?: { code: string; name: string };
}): string {
  const commune = a.commune ?? RIVER;
  const info = `
  <info>
    <language>vi-VN</language>
    <category>Met</category>
    <event>Lũ quét</event>
    <urgency>Immediate</urgency>
    <severity>${a.severity ?? "Severe"}</severity>
    <certainty>Likely</certainty>
    <effective>${a.sent}</effective>
    <expires>${capTime(6 * 60)}</expires>
    <headline>${a.headline ?? ""}</headline>
    <description>Mưa lớn kéo dài, nước sông dâng nhanh.</description>
    <instruction>${a.instruction ?? ""}</instruction>
    <area>
      <areaDesc>${commune.name}</areaDesc>
      <geocode><valueName>ma_xa</valueName><value>${commune.code}</value></geocode>
    </area>
  </info>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${a.identifier}</identifier>
  <sender>${SENDER}</sender>
  <sent>${a.sent}</sent>
  <status>Actual</status>
  <msgType>${a.msgType}</msgType>
  <scope>Public</scope>${a.references ? `\n  <references>${SENDER},${a.references.identifier},${a.references.sent}</references>` : ""}${a.msgType === "Cancel" ? "" : info}
</alert>`;
}

/** POST /v1/integration/alerts with CAP XML, signed as the province's warning system would sign it. */
async function postCap(xml: string): Promise<void> {
  const url = new URL(apiUrlFor(apiUrl, "/v1/integration/alerts"));
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/cap+xml",
      "x-motcua-key": integration.keyId,
      "x-motcua-timestamp": String(timestamp),
      "x-motcua-signature": signRequest(integration.secret, timestamp, "POST", url, xml),
    },
    body: xml,
  });
  const body = await res.text();
  expect(res.status, body).toBe(200);
  expect(JSON.parse(body)).toMatchObject({ outcome: "applied" });
}

/** A fresh phone whose mini app signs in as `user` of the fake Zalo when a page asks, landing on home. */
async function phoneOf(user: string): Promise<Phone> {
  const phone = await openPhone();
  await phone.page.goto(`${appUrl}/?devUser=${user}`);
  await expect.poll(() => phone.page.getByRole("textbox", { name: "Nhập mã hồ sơ" }).isVisible()).toBe(true);
  return phone;
}

describe("emergency alerts by commune", () => {
  it("a citizen picks a commune, an alert for it shows on home with what to do and opens its page; an Update replaces its text; a Cancel lowers it", async () => {
    await putCommune(RIVER);
    await putCommune(HILL);
    const { page } = await phoneOf("browser-alerts-a");

    await page.getByRole("link", { name: /Xã\/phường của tôi/ }).click();
    await expect.poll(() => page.getByText(/Chúng tôi không dùng vị trí của điện thoại/).isVisible()).toBe(true);
    // Why sign-in is needed comes before anything is asked of Zalo.
    await page.getByRole("button", { name: "Tiếp tục với tài khoản Zalo" }).click();
    const search = page.getByRole("searchbox", { name: "Tìm xã, phường" });
    await expect.poll(() => search.isVisible(), { timeout: 15_000 }).toBe(true);
    await search.fill("ben do"); // without diacritics
    await page.getByRole("button", { name: new RegExp(RIVER.name) }).click();
    expect(await page.getByRole("combobox", { name: "Đây là" }).inputValue()).toBe("home");
    expect(await smallTextAndTapTargets(page), "40-communes").toEqual([]);
    await screenshot(page, "40-communes");
    await page.getByRole("button", { name: "Lưu lựa chọn" }).click();
    await expect.poll(() => page.getByText(/^Đã lưu\./).isVisible(), { timeout: 15_000 }).toBe(true);

    const alert = { identifier: `TH-BROWSER-${Date.now()}`, sent: capTime(-1) };
    await postCap(
      capAlert({
        ...alert,
        msgType: "Alert",
        headline: "Nguy cơ lũ quét tại xã Bến Đò Mới đêm nay",
        instruction: "Di chuyển người già, trẻ nhỏ lên chỗ cao ngay. Không đi qua ngầm, tràn.",
      }),
    );
    // An alert elsewhere in the province is not this citizen's: it stays off their home.
    const elsewhere = { identifier: `TH-BROWSER-HILL-${Date.now()}`, sent: capTime(-1) };
    await postCap(
      capAlert({
        ...elsewhere,
        msgType: "Alert",
        severity: "Moderate",
        commune: HILL,
        headline: "Sạt lở đất ở phường Đồi Thông Xanh",
        instruction: "Tránh xa sườn đồi.",
      }),
    );

    await page.goto(appUrl);
    const banner = page.getByRole("link", { name: /Nguy cơ lũ quét tại xã Bến Đò Mới đêm nay/ });
    await expect.poll(() => banner.isVisible(), { timeout: 15_000 }).toBe(true);
    const said = await banner.textContent();
    expect(said).toContain("Mức đỏ · Nguy hiểm");
    expect(said).toContain("Di chuyển người già, trẻ nhỏ lên chỗ cao ngay.");
    expect(said).not.toContain("Không đi qua ngầm"); // the first sentence only
    expect(await page.getByText("Sạt lở đất ở phường Đồi Thông Xanh").count()).toBe(0);
    // On the first screen, under the code field (arriving after it, it never moves the field under a finger).
    const [bannerBox, fieldBox] = await Promise.all([banner.boundingBox(), page.getByRole("textbox", { name: "Nhập mã hồ sơ" }).boundingBox()]);
    expect(bannerBox!.y).toBeGreaterThan(fieldBox!.y);
    expect(bannerBox!.y).toBeLessThan(844);
    expect(await smallTextAndTapTargets(page), "41-home-alert").toEqual([]);
    await screenshot(page, "41-home-alert");

    await banner.click();
    await expect.poll(() => page.getByRole("heading", { name: "Ông/bà cần làm gì" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Di chuyển người già, trẻ nhỏ lên chỗ cao ngay. Không đi qua ngầm, tràn.").isVisible()).toBe(true);
    expect(await page.getByText("Mưa lớn kéo dài, nước sông dâng nhanh.").isVisible()).toBe(true);
    expect(await page.getByText(/Mức đỏ · Nguy hiểm/).isVisible()).toBe(true);
    expect(await page.getByText(RIVER.name).first().isVisible()).toBe(true);
    expect(await page.locator(".fact dd").allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/)]));
    expect(await smallTextAndTapTargets(page), "42-alert").toEqual([]);
    await screenshot(page, "42-alert");
    const alertPath = new URL(page.url()).pathname + new URL(page.url()).search;

    // An Update replaces the text everywhere: the same address now says what the update says.
    const update = { identifier: `${alert.identifier}-U`, sent: capTime(0) };
    await postCap(
      capAlert({
        ...update,
        msgType: "Update",
        references: alert,
        severity: "Extreme",
        headline: "Lũ quét đang xảy ra tại xã Bến Đò Mới",
        instruction: "Sơ tán ngay đến nhà văn hóa xã. Mang theo giấy tờ tùy thân.",
      }),
    );
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { name: "Lũ quét đang xảy ra tại xã Bến Đò Mới" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Sơ tán ngay đến nhà văn hóa xã. Mang theo giấy tờ tùy thân.").isVisible()).toBe(true);
    expect(await page.getByText(/^Cảnh báo đã được cập nhật/).isVisible()).toBe(true);
    expect(await page.getByText(/Mức đỏ · Cực kỳ nguy hiểm/).isVisible()).toBe(true);
    expect(await page.getByText("Di chuyển người già, trẻ nhỏ lên chỗ cao ngay. Không đi qua ngầm, tràn.").count()).toBe(0);
    await page.goto(appUrl);
    await expect.poll(() => page.getByRole("link", { name: /Lũ quét đang xảy ra tại xã Bến Đò Mới/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Nguy cơ lũ quét tại xã Bến Đò Mới đêm nay").count()).toBe(0);

    // Open in the app, then cancelled: back on home and forward again, nothing shows what was read before.
    await page.getByRole("link", { name: /Lũ quét đang xảy ra tại xã Bến Đò Mới/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Ông/bà cần làm gì" }).isVisible(), { timeout: 15_000 }).toBe(true);
    await postCap(capAlert({ identifier: `${alert.identifier}-C`, sent: capTime(0), msgType: "Cancel", references: update }));
    await page.getByRole("button", { name: "Quay lại" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Cảnh báo Lũ quét đã kết thúc." }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(/Lũ quét đang xảy ra/).count()).toBe(0);
    await screenshot(page, "43-home-alert-ended");
    await page.goForward();
    await expect.poll(() => page.getByText("Nguy hiểm đã qua. Cảnh báo này đã được hủy.").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("heading", { name: "Ông/bà cần làm gì" }).count()).toBe(0);

    // The alert's own address now says the danger is over, and no longer tells anyone to act.
    await page.goto(`${appUrl}${alertPath}`);
    await expect.poll(() => page.getByText("Nguy hiểm đã qua. Cảnh báo này đã được hủy.").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("heading", { name: "Ông/bà cần làm gì" }).count()).toBe(0);
    await screenshot(page, "44-alert-cancelled");
    await postCap(capAlert({ identifier: `${elsewhere.identifier}-C`, sent: capTime(0), msgType: "Cancel", references: elsewhere }));

    // The choice can be cleared; what was chosen is said to be gone.
    await page.goto(`${appUrl}/communes`);
    await expect.poll(() => page.getByText(RIVER.name, { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: "Xóa hết lựa chọn" }).click();
    await page.getByRole("button", { name: "Có, xóa hết" }).click();
    await expect.poll(() => page.getByText(/^Đã xóa lựa chọn\./).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Ông/bà chưa chọn xã, phường nào.").isVisible()).toBe(true);
  });
});

type NewsBody = { title: string; summary: string; body: string; category: "chinh-sach" | "thong-bao" | "huong-dan"; publishedAt: string; notify: false };

async function putNews(id: string, post: NewsBody) {
  const res = await signedFetch(apiUrl, integration, "PUT", `/v1/integration/news/${id}`, post);
  expect(res.status, await res.clone().text()).toBe(200);
}

/** An instant `minutes` from now, in UTC. */
const utcIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

const LINK = "https://dichvucong.gov.vn/p/home/dvc-huong-dan.html";

/** 21 posts, newest first: one more than the feed's first page. The newest is a how-to with a link and markup. */
async function publishNews(run: string): Promise<{ newest: string; oldest: string }> {
  const categories = ["chinh-sach", "thong-bao", "huong-dan"] as const;
  for (let i = 21; i >= 1; i--) {
    await putNews(`${run}-${i}`, {
      title: i === 1 ? `Hướng dẫn nộp hồ sơ trực tuyến ${run}` : `Tin số ${i} ${run}`,
      summary: i === 1 ? "Các bước nộp hồ sơ trên Cổng dịch vụ công." : `Tóm tắt tin số ${i}.`,
      body:
        i === 1 ? `Bước 1: đăng nhập bằng VNeID.\n\nXem hướng dẫn đầy đủ tại ${LINK} rồi làm theo.\n\n<b>Không</b> cần in giấy tờ.` : `Nội dung tin số ${i}.`,
      category: i === 1 ? "huong-dan" : categories[i % 3]!,
      publishedAt: utcIn(-i),
      notify: false,
    });
  }
  return { newest: `Hướng dẫn nộp hồ sơ trực tuyến ${run}`, oldest: `Tin số 21 ${run}` };
}

describe("Tin tức", () => {
  it("the feed pages with Xem thêm and narrows by category; a post shows links as anchors and markup as text, and shares its link", async () => {
    const run = `b${Date.now().toString(36)}`;
    const { newest, oldest } = await publishNews(run);
    const phone = await phoneOf("browser-news-a");
    const { page } = phone;
    await phone.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: appUrl });

    await page.getByRole("link", { name: /Tin tức của tỉnh/ }).click();
    await expect.poll(() => page.getByText(newest).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(oldest).count()).toBe(0);
    expect(
      await page
        .getByText(/^Đăng ngày \d{2}\/\d{2}\/\d{4}$/)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await smallTextAndTapTargets(page), "45-news").toEqual([]);
    await screenshot(page, "45-news");
    await page.getByRole("button", { name: "Xem thêm" }).click();
    await expect.poll(() => page.getByText(oldest).isVisible(), { timeout: 15_000 }).toBe(true);

    await page.getByRole("button", { name: "Hướng dẫn", exact: true }).click();
    expect(await page.getByRole("button", { name: "Hướng dẫn", exact: true }).getAttribute("aria-pressed")).toBe("true");
    expect(await page.getByText(newest).isVisible()).toBe(true);
    // Posts 3 and 4 are a policy and an announcement (categories by i % 3); 2 and 5 are how-tos.
    expect(await page.getByText(`Tin số 3 ${run}`, { exact: true }).count()).toBe(0);
    expect(await page.getByText(`Tin số 4 ${run}`, { exact: true }).count()).toBe(0);
    expect(await page.getByText(`Tin số 2 ${run}`, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText(`Tin số 5 ${run}`, { exact: true }).isVisible()).toBe(true);

    await page.getByRole("link", { name: new RegExp(newest) }).click();
    await expect.poll(() => page.getByRole("heading", { name: newest }).isVisible(), { timeout: 15_000 }).toBe(true);
    const link = page.getByRole("link", { name: LINK });
    expect(await link.getAttribute("href")).toBe(LINK);
    expect(await page.getByText("<b>Không</b> cần in giấy tờ.").isVisible()).toBe(true);
    expect(await page.locator(".news-body b").count()).toBe(0);
    expect(await smallTextAndTapTargets(page), "46-news-post").toEqual([]);
    await screenshot(page, "46-news-post");

    // Outside Zalo, without the browser's share sheet, "Chia sẻ" copies the post's address for pasting.
    const webShare = await page.evaluate(() => typeof navigator.share === "function");
    if (webShare) await page.evaluate(() => Object.defineProperty(navigator, "share", { value: undefined }));
    await page.getByRole("button", { name: "Chia sẻ" }).click();
    await expect.poll(() => page.getByText(/Đã sao chép đường dẫn/).isVisible()).toBe(true);
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied.origin).toBe(new URL(appUrl).origin);
    expect(copied.pathname + copied.search).toBe(`/news/item?id=${run}-1`);
  });

  it("without network, the feed and the post read last open from the phone, said as such", async () => {
    const run = `o${Date.now().toString(36)}`;
    const { newest } = await publishNews(run);
    const phone = await openPhone({ serviceWorkers: "allow" });
    const { page, context } = phone;
    await page.goto(webUrl);
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker?.controller), { timeout: 15_000 }).toBe(true);
    await page.goto(`${webUrl}/news`);
    await expect.poll(() => page.getByText(newest).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("link", { name: new RegExp(newest) }).click();
    await expect.poll(() => page.getByRole("link", { name: LINK }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goto(`${webUrl}/news`);
    await expect.poll(() => page.getByText(newest).isVisible(), { timeout: 15_000 }).toBe(true);

    await context.setOffline(true);
    // The API lets browsers keep the feed a minute: as when that minute has passed, nothing is left in that cache.
    await (await context.newCDPSession(page)).send("Network.clearBrowserCache");
    await page.reload();
    await expect.poll(() => page.getByText("Đang xem bản lưu — không có mạng").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText(newest).isVisible()).toBe(true);
    expect(await page.getByText(/^Bản lưu lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\./).isVisible()).toBe(true);
    expect(await smallTextAndTapTargets(page), "47-news-offline").toEqual([]);
    await screenshot(page, "47-news-offline");

    await page.getByRole("link", { name: new RegExp(newest) }).click();
    await expect.poll(() => page.getByRole("link", { name: LINK }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText("Đang xem bản lưu — không có mạng").isVisible()).toBe(true);
    await screenshot(page, "48-news-post-offline");
    // Back online, Thử lại reads the post afresh and the notice goes.
    await context.setOffline(false);
    await page.getByRole("button", { name: "Thử lại" }).click();
    const fresh = async () =>
      (await page.getByText("Đang xem bản lưu — không có mạng").count()) === 0 && (await page.getByRole("link", { name: LINK }).isVisible());
    await expect.poll(fresh, { timeout: 15_000 }).toBe(true);
  });
});
