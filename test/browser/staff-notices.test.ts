/**
 * An officer's "Việc của tôi" in headless Chromium against the local API and the fake Zalo: the province's document
 * and scheduling systems push a document to process, a meeting and a document to approve through the integration
 * API; the officer, linked with a code from the one-stop system, sees them counted on the staff home, acknowledges
 * the document, says they will be absent from the meeting with a reason, and finds both under "Đã xong"; the sending
 * systems read it all back. The meeting moved afterwards opens from the message's link with the banner saying so.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "../../scripts/lib/demo-voice";
import { signedFetch } from "../../scripts/lib/signing";
import { vnDisplayDate } from "../../worker/src/domain/time";
import { screenshot, smallTextAndTapTargets } from "./phone";
import { phoneSignedInAs, phoneSuite } from "./suite";

const { apiUrl, appUrl, integration, zaloUrl, zaloAppId } = inject("miniapp");

const openPhone = phoneSuite();

const OFFICER = { id: "cb-browser-notices", name: "Hoàng Văn Nhận", user: "browser-notices" };
/** Ids of this run, so a second run against the same database starts from new notices. */
const RUN = Date.now().toString(36);
const DOCUMENT_ID = `vb-browser-${RUN}`;
const MEETING_ID = `hop-browser-${RUN}`;
const APPROVAL_ID = `pd-browser-${RUN}`;

/** hh:mm on the day `days` from today in Vietnam, as an instant with Vietnam's offset. */
function vnDayAt(days: number, hhmm: string): string {
  const today = Date.parse(`${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);
  return `${new Date(today + days * 86_400_000).toISOString().slice(0, 10)}T${hhmm}:00+07:00`;
}

/** "Thứ Hai" … "Chủ nhật" for the day of a Vietnam-offset instant, worked out here rather than with the app's code. */
function weekdayOf(instant: string): string {
  const names = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  return names[new Date(`${instant.slice(0, 10)}T12:00:00Z`).getUTCDay()]!;
}

async function integrationCall<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const res = await signedFetch(apiUrl, integration, method, path, body);
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

type Pushed = { id: string; recipients: string[]; unreachable: string[] };
type ReadBack = { responses: { officerId: string; acknowledgedAt?: string; answer?: string; reason?: string }[] };

const recipients = { officerIds: [OFFICER.id] };
const deadline = vnDayAt(1, "17:00");
const meeting = {
  kind: "meeting",
  title: "Họp giao ban cải cách hành chính tháng này",
  startsAt: vnDayAt(3, "14:00"),
  endsAt: vnDayAt(3, "16:00"),
  place: "Phòng họp số 2, tầng 3, Trung tâm Phục vụ hành chính công tỉnh",
  chair: "Giám đốc Trung tâm",
  agenda: "Tình hình giải quyết hồ sơ quá hạn; kế hoạch tháng tới.",
  onlineLink: "https://hop.thanhhoa.example/giao-ban",
  recipients,
};

/** The officer's phone on the staff home, once their name is up. */
async function staffHome(page: Page) {
  await page.goto(`${appUrl}/staff`);
  await expect.poll(() => page.getByRole("heading", { name: OFFICER.name }).isVisible(), { timeout: 15_000 }).toBe(true);
}

/** Taps `button` on the inbox message titled `title`, reading the inbox again until the message is there. */
async function openMessage(page: Page, title: string, button: string) {
  const message = page.locator("li.inbox-item", { has: page.getByRole("heading", { name: title, exact: true }) });
  await expect
    .poll(
      async () => {
        if (await message.isVisible()) return true;
        await page.reload();
        await page.waitForTimeout(1000);
        return message.isVisible();
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBe(true);
  await message.first().getByRole("button", { name: button, exact: true }).click();
}

const card = (page: Page, title: string) => page.locator("li.notice-card", { has: page.getByRole("heading", { name: title }) });

describe("Việc của tôi", () => {
  it("a document, a meeting and an approval pushed for a linked officer: counted, acknowledged, answered absent with a reason, read back by the senders", async () => {
    await integrationCall("PUT", `/v1/integration/officers/${OFFICER.id}`, { displayName: OFFICER.name, title: "Chuyên viên" });
    const { code } = await integrationCall<{ code: string }>("POST", `/v1/integration/officers/${OFFICER.id}/link-code`, undefined, 201);
    const session = await signIn({ apiUrl, zaloUrl, appId: zaloAppId }, OFFICER.user);
    const linked = await fetch(`${apiUrl}/v1/staff/link`, {
      method: "POST",
      headers: { authorization: `Bearer ${session}`, "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    expect(linked.status, await linked.clone().text()).toBe(200);

    const document = {
      kind: "document_to_process",
      title: "Kế hoạch rà soát thủ tục hành chính năm tới",
      documentNumber: "125/QĐ-UBND",
      issuer: "UBND tỉnh Thanh Hóa",
      summary: "Giao các sở, ngành rà soát, đề xuất cắt giảm thủ tục hành chính.",
      deadline,
      link: "https://vanban.thanhhoa.example/vb/125",
      recipients,
    };
    const pushedDocument = await integrationCall<Pushed>("PUT", `/v1/integration/staff-notices/${DOCUMENT_ID}`, document);
    expect(pushedDocument).toMatchObject({ id: DOCUMENT_ID, recipients: [OFFICER.id], unreachable: [] });
    const pushedMeeting = await integrationCall<Pushed>("PUT", `/v1/integration/staff-notices/${MEETING_ID}`, meeting);
    expect(pushedMeeting).toMatchObject({ id: MEETING_ID, recipients: [OFFICER.id], unreachable: [] });
    const approval = {
      kind: "document_to_approve",
      title: "Tờ trình phê duyệt danh mục thủ tục tiếp nhận trực tuyến",
      documentNumber: "48/TTr-TTPVHCC",
      deadline: vnDayAt(5, "17:00"),
      recipients,
    };
    await integrationCall<Pushed>("PUT", `/v1/integration/staff-notices/${APPROVAL_ID}`, approval);

    // The staff home counts what waits, first thing under the officer's name.
    const page = await phoneSignedInAs(openPhone, OFFICER.user, "/staff");
    await staffHome(page);
    const entry = page.getByRole("link", { name: /^Việc của tôi/ });
    await expect.poll(() => entry.textContent(), { timeout: 15_000 }).toContain("3 việc đang chờ xử lý");
    expect(await entry.locator(".badge").textContent()).toBe("3");
    await screenshot(page, "80-staff-home-notices");

    await entry.click();
    const documentCard = card(page, document.title);
    const meetingCard = card(page, meeting.title);
    const approvalCard = card(page, approval.title);
    await expect.poll(() => documentCard.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await documentCard.getByText("Văn bản cần xử lý").isVisible()).toBe(true);
    expect(await documentCard.getByText("Số: 125/QĐ-UBND").isVisible()).toBe(true);
    expect(await documentCard.getByText("Nơi ban hành: UBND tỉnh Thanh Hóa").isVisible()).toBe(true);
    // Due tomorrow: in red.
    const due = documentCard.getByText(`Hạn xử lý: ${vnDisplayDate(deadline)}`);
    expect(await due.isVisible()).toBe(true);
    expect(await due.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(179, 38, 30)");
    // "Mở văn bản" opens the document system (outside Zalo, in a new tab; the system answered here by the test).
    await page.context().route(`${document.link}*`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: "<p>Văn bản 125/QĐ-UBND</p>" }));
    const [opened] = await Promise.all([page.context().waitForEvent("page"), documentCard.getByRole("link", { name: "Mở văn bản" }).click()]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(document.link);
    await opened.close();

    expect(await meetingCard.getByText("Lịch họp", { exact: true }).isVisible()).toBe(true);
    expect(await meetingCard.getByText(`14:00–16:00, ${weekdayOf(meeting.startsAt)} ${vnDisplayDate(meeting.startsAt)}`).isVisible()).toBe(true);
    expect(await meetingCard.getByText(meeting.place).isVisible()).toBe(true);
    expect(await meetingCard.getByText(meeting.chair).isVisible()).toBe(true);
    expect(await meetingCard.getByText(meeting.agenda).isVisible()).toBe(true);
    expect(await meetingCard.getByRole("link", { name: "Vào phòng họp trực tuyến" }).getAttribute("href")).toBe(meeting.onlineLink);
    // Due in five days: not red.
    expect(await approvalCard.getByText("Văn bản chờ phê duyệt").isVisible()).toBe(true);
    const approvalDue = approvalCard.getByText(`Hạn xử lý: ${vnDisplayDate(approval.deadline)}`);
    expect(await approvalDue.evaluate((el) => getComputedStyle(el).color)).not.toBe("rgb(179, 38, 30)");
    // The soonest first: the document due tomorrow, the meeting in three days, the approval in five.
    expect(await page.locator("li.notice-card h3").allTextContents()).toEqual([document.title, meeting.title, approval.title]);
    expect(await smallTextAndTapTargets(page), "81-staff-notices").toEqual([]);
    await screenshot(page, "81-staff-notices");
    await meetingCard.getByRole("button", { name: "Tham dự", exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, "81-staff-notices-meeting");

    await documentCard.getByRole("button", { name: "Đã nhận", exact: true }).click();
    await expect.poll(() => documentCard.getByText(/^Đã nhận lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await documentCard.getByRole("button", { name: "Đã nhận", exact: true }).count()).toBe(0);

    // Absent needs a reason.
    await meetingCard.getByRole("button", { name: "Vắng", exact: true }).click();
    await meetingCard.getByRole("button", { name: "Gửi báo vắng" }).click();
    expect(await meetingCard.getByText("Vui lòng nhập lý do vắng.").isVisible()).toBe(true);
    const reason = "Đi công tác tại huyện Như Xuân theo kế hoạch của Sở.";
    await meetingCard.getByLabel("Lý do vắng").fill(reason);
    await meetingCard.scrollIntoViewIfNeeded();
    expect(await smallTextAndTapTargets(page), "82-staff-notice-absent").toEqual([]);
    await screenshot(page, "82-staff-notice-absent");
    await meetingCard.getByRole("button", { name: "Gửi báo vắng" }).click();
    await expect.poll(() => meetingCard.getByText("Ông/bà đã báo: Vắng").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await meetingCard.getByText(`Lý do: ${reason}`).isVisible()).toBe(true);
    // Changeable until the meeting starts.
    expect(await meetingCard.getByRole("button", { name: "Đổi trả lời" }).isVisible()).toBe(true);

    // The sending systems read back who acknowledged and who answered.
    const documentBack = await integrationCall<ReadBack>("GET", `/v1/integration/staff-notices/${DOCUMENT_ID}`);
    expect(documentBack.responses).toEqual([expect.objectContaining({ officerId: OFFICER.id, acknowledgedAt: expect.any(String) })]);
    const meetingBack = await integrationCall<ReadBack>("GET", `/v1/integration/staff-notices/${MEETING_ID}`);
    expect(meetingBack.responses).toEqual([expect.objectContaining({ officerId: OFFICER.id, answer: "absent", reason })]);

    // Back on the staff home, read afresh: one waits. In the list the approval is open, the other two under "Đã
    // xong", folded, the answer kept.
    await page.getByRole("button", { name: "Quay lại" }).click();
    await expect.poll(() => entry.textContent(), { timeout: 15_000 }).toContain("1 việc đang chờ xử lý");
    expect(await entry.locator(".badge").textContent()).toBe("1");
    await entry.click();
    const done = page.locator("details.notices-done");
    await expect.poll(() => done.locator("summary").textContent(), { timeout: 15_000 }).toBe("Đã xong (2)");
    expect(await approvalCard.isVisible()).toBe(true);
    expect(await meetingCard.isVisible()).toBe(false);
    await done.locator("summary").click();
    expect(await meetingCard.getByText("Ông/bà đã báo: Vắng").isVisible()).toBe(true);
    expect(await documentCard.getByText(/^Đã nhận lúc/).isVisible()).toBe(true);
    await screenshot(page, "83-staff-notices-done");

    // Once the approval is taken too, nothing waits.
    await approvalCard.getByRole("button", { name: "Đã nhận", exact: true }).click();
    await expect.poll(() => approvalCard.getByText(/^Đã nhận lúc/).isVisible(), { timeout: 15_000 }).toBe(true);
    await staffHome(page);
    await expect.poll(() => entry.textContent(), { timeout: 15_000 }).toContain("Văn bản cần xử lý, chờ phê duyệt, lịch họp");
    expect(await entry.locator(".badge").count()).toBe(0);
    await entry.click();
    await expect.poll(() => page.getByText("Không có việc nào đang chờ.", { exact: false }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await done.locator("summary").textContent()).toBe("Đã xong (3)");
  });

  it("a meeting moved after the officer answered opens from its message with the banner and the new time; cancelled, it says so", async () => {
    const moved = { ...meeting, startsAt: vnDayAt(4, "08:00"), endsAt: vnDayAt(4, "10:30"), place: "Hội trường A, UBND tỉnh" };
    await integrationCall("PUT", `/v1/integration/staff-notices/${MEETING_ID}`, moved);

    // Where the Zalo message leads: the same message in the officer's Tin nhắn opens the notice alone.
    const page = await phoneSignedInAs(openPhone, OFFICER.user, "/inbox");
    await openMessage(page, "Lịch họp thay đổi", "Xem lịch mới");
    const meetingCard = card(page, meeting.title);
    await expect.poll(() => meetingCard.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await meetingCard.getByText("Lịch họp đã thay đổi").isVisible()).toBe(true);
    expect(await meetingCard.getByText(`08:00–10:30, ${weekdayOf(moved.startsAt)} ${vnDisplayDate(moved.startsAt)}`).isVisible()).toBe(true);
    expect(await meetingCard.getByText(moved.place).isVisible()).toBe(true);
    expect(await page.locator("li.notice-card").count()).toBe(1);
    expect(await smallTextAndTapTargets(page), "84-staff-notice-moved").toEqual([]);
    await screenshot(page, "84-staff-notice-moved");

    // The way to the whole list.
    await page.getByRole("link", { name: "Xem tất cả việc" }).click();
    await expect.poll(() => page.locator("details.notices-done summary").isVisible(), { timeout: 15_000 }).toBe(true);

    // Cancelled: said as such, nothing left to answer.
    await integrationCall("PUT", `/v1/integration/staff-notices/${MEETING_ID}`, { ...moved, cancelled: true });
    await page.goto(`${appUrl}/inbox`);
    await openMessage(page, "Cuộc họp đã hủy", "Xem");
    await expect.poll(() => meetingCard.getByText("Lịch họp đã hủy").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await meetingCard.getByRole("button", { name: "Tham dự" }).count()).toBe(0);
    expect(await meetingCard.getByRole("button", { name: "Đổi trả lời" }).count()).toBe(0);
    expect(await meetingCard.getByRole("link", { name: "Vào phòng họp trực tuyến" }).count()).toBe(0);
    await screenshot(page, "85-staff-notice-cancelled");
  });
});
