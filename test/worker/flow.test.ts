import { beforeAll, expect, it } from "vitest";
import { call, createProvince, intake, json, sendEvents, type Client } from "./helpers";

let client: Client;
beforeAll(async () => {
  client = await createProvince("flow-a", "000.00.01.H01");
});

it("a received dossier is visible publicly without personal data", async () => {
  const event = intake("000.00.01.H01");
  const { results } = await sendEvents(client, [event]);
  expect(results).toEqual([{ id: event.id, outcome: "applied" }]);
  const res = await call(`/v1/dossiers/${event.dossierCode.toLowerCase()}`);
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.status).toEqual({ code: 2, label: "Được tiếp nhận" });
  expect(JSON.stringify(body)).not.toContain("Trần Văn An");

  const unlock = await call(`/v1/dossiers/${event.dossierCode}/unlock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ idNumberLast4: "1234" }),
  });
  const unlocked = await json(unlock);
  expect(unlock.status, JSON.stringify(unlocked)).toBe(200);
  expect(unlocked.dossier.applicant.name).toBe("Trần Văn An");
  expect(unlocked.dossier.officer.name).toBe("Nguyễn Thị Lan");
  const viaToken = await json(await call(`/v1/dossiers/${event.dossierCode}?t=${unlocked.viewToken}`));
  expect(viaToken.view).toBe("owner");
});
