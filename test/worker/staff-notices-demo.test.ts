/**
 * The demo's officials' notices, sent as `npm start` sends them: the director and a department head each have a
 * document to process due in two working days, a document waiting for approval and a meeting tomorrow at 14:00.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_NAME,
  DEMO_NOTICE_OFFICERS,
  DEMO_PROVINCE,
  DEMO_PROVINCE_ID,
  DEMO_PROVINCE_PATH,
  demoNotices,
  demoReferenceWrites,
} from "../../scripts/demo";
import { addWorkingDays, vnDayOf } from "../../scripts/demo/calendar";
import { admin, type Client, integration, json } from "./helpers";
import { asCitizen, connectZalo, linkStaff } from "./zalo-helpers";

let client: Client;
const now = new Date();
const notices = demoNotices(now);

beforeAll(async () => {
  expect((await admin(DEMO_PROVINCE_PATH, "PUT", DEMO_PROVINCE)).status).toBe(200);
  const created = await admin(`${DEMO_PROVINCE_PATH}/integration-clients`, "POST", { name: DEMO_CLIENT_NAME });
  client = await json<Client>(created);
  await connectZalo(DEMO_PROVINCE_ID, "5600000099");
  // Agencies, departments and officers: the notices need no procedures.
  for (const write of demoReferenceWrites().filter((w) => !w.path.startsWith("/v1/integration/procedures/"))) {
    const res = await integration(client, "PUT", write.path, write.body);
    expect(res.status, write.path).toBe(200);
  }
  for (const notice of notices) {
    const res = await integration(client, "PUT", `/v1/integration/staff-notices/${notice.id}`, notice.body);
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
  }
});

const vnClock = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(11, 16);

describe("the demo's notices", () => {
  it("wait for the director and a department head: a document due in two working days, an approval, a meeting tomorrow at 14:00", async () => {
    for (const [i, officerId] of DEMO_NOTICE_OFFICERS.entries()) {
      const session = await linkStaff(client, DEMO_PROVINCE_ID, "5600000099", officerId, `demo-notices-${i}`);
      const { notices: open } = await json(await asCitizen(session, "/v1/staff/notices"));
      expect(open.map((n: { kind: string }) => n.kind).sort()).toEqual(["document_to_approve", "document_to_process", "meeting"]);
      const toProcess = open.find((n: { kind: string }) => n.kind === "document_to_process");
      expect(vnDayOf(Date.parse(toProcess.deadline))).toBe(addWorkingDays(vnDayOf(now), 2));
      const meeting = open.find((n: { kind: string }) => n.kind === "meeting");
      expect(vnDayOf(Date.parse(meeting.startsAt))).toBe(vnDayOf(now) + 1);
      expect(vnClock(meeting.startsAt)).toBe("14:00");
      expect((await json(await asCitizen(session, "/v1/staff/me"))).openNotices).toBe(3);
    }
  });

  it("are duplicates when the demo is started again the same day", async () => {
    for (const notice of demoNotices(new Date(now.getTime() + 1000))) {
      const res = await integration(client, "PUT", `/v1/integration/staff-notices/${notice.id}`, notice.body);
      expect((await json(res)).outcome).toBe("duplicate");
    }
  });
});
