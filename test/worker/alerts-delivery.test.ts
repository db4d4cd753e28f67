import { beforeAll, describe, expect, it } from "vitest";
import { capXml, postCap, ref, seedCommunes } from "./alerts-helpers";
import { type Client, call, createProvince, integration, json, waitFor } from "./helpers";
import { asCitizen, connectZalo, consent, fake, signIn } from "./zalo-helpers";

/**
 * An alert from the warning system to the citizen's Zalo, end to end: the signed CAP XML, the commune a citizen
 * chose through their own route, the fan-out on the urgent queue, the fake Zalo, the banner's list, the counts the
 * sender reads, and the Cancel that lowers the banner and says the danger is over.
 */
const P = { province: "alert-e2e", agency: "000.00.77.H77", app: "7700000001" };
let client: Client;

type FakeMessage = { channel: string; templateData: Record<string, string> };
const messagesTo = async (user: string) => (await fake<{ messages: FakeMessage[] }>(`/__fake/messages?userId=${user}`)).messages;
const alertsFor = async (commune: string) =>
  json<{ alerts: { identifier: string; instruction: string }[]; ended: { identifier: string }[] }>(
    await call(`/v1/provinces/${P.province}/alerts?commune=${commune}`),
  );

async function resident(user: string, commune: string) {
  const session = await signIn(P.province, P.app, user);
  await consent(session, "miniapp");
  const chosen = await asCitizen(session, "/v1/me/communes", "PUT", { communes: [{ code: commune, purpose: "home" }] });
  expect(chosen.status).toBe(200);
}

beforeAll(async () => {
  client = await createProvince(P.province, P.agency);
  await connectZalo(P.province, P.app);
  await seedCommunes(P.province, [
    ["17101", "Phường Một"],
    ["17102", "Xã Hai"],
    ["17103", "Xã Ba"],
  ]);
  await resident("e2e-inside", "17101");
  await resident("e2e-outside", "17103");
});

describe("an alert reaches the communes it names, and only them", () => {
  it("by Zalo and on the banner for a citizen who chose a named commune; nothing for one elsewhere; Cancel ends it", async () => {
    const alert = capXml({ communes: ["17101", "17102"], headline: "Lũ trên sông Mã", instruction: "Di dời người và tài sản lên chỗ cao." });
    const res = await postCap(client, alert.xml, "application/cap+xml");
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ identifier: alert.identifier, outcome: "applied", targeted: 1 });

    const [message] = await waitFor("the alert in Zalo", async () => {
      const got = await messagesTo("e2e-inside");
      return got.length > 0 && got;
    });
    expect(message).toMatchObject({ channel: "miniapp" });
    expect(message!.templateData.title).toContain("Lũ trên sông Mã");
    expect(message!.templateData.content).toContain("Di dời người và tài sản lên chỗ cao");
    expect((await alertsFor("17101")).alerts.map((a) => [a.identifier, a.instruction])).toEqual([[alert.identifier, "Di dời người và tài sản lên chỗ cao."]]);
    expect((await alertsFor("17103")).alerts).toEqual([]);
    expect(await messagesTo("e2e-outside")).toEqual([]);

    const counts = await waitFor("the sender's counts", async () => {
      const c = await json<{ targeted: number; sentByZalo: number }>(
        await integration(client, "GET", `/v1/integration/broadcasts/${alert.identifier}/deliveries`),
      );
      return c.sentByZalo === 1 && c;
    });
    expect(counts).toMatchObject({ targeted: 1, sentByZalo: 1, inAppOnly: 0, deferred: 0, failed: 0 });

    // The warning system cancels it: the banner goes, home can say it ended, and the citizen is told.
    const sent = /<sent>(.*?)<\/sent>/.exec(alert.xml)![1]!;
    const cancel = capXml({
      msgType: "Cancel",
      references: ref({ sender: "pcttkcn@test.gov.vn", identifier: alert.identifier, sent }),
      communes: ["17101", "17102"],
    });
    expect((await postCap(client, cancel.xml, "application/cap+xml")).status).toBe(200);
    const after = await alertsFor("17101");
    expect(after.alerts).toEqual([]);
    expect(after.ended).toHaveLength(1);
    const told = await waitFor("the all-clear in Zalo", async () => {
      const got = await messagesTo("e2e-inside");
      return got.length === 2 && got;
    });
    expect(told[1]!.templateData.title).toBe("Cảnh báo đã kết thúc");
    expect(await messagesTo("e2e-outside")).toEqual([]);
  });
});
