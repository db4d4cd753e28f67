import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { call, createProvince, intake, sendEvents } from "./helpers";

it("serves the OpenAPI document", async () => {
  const res = await exports.default.fetch("http://x/v1/openapi.json");
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/v1/dossiers/{code}");
});

it("the deployed worker has no benchmark floor: an existing dossier's raw row is not served (the bench adds it in its own entry)", async () => {
  const client = await createProvince("smoke-a", "000.00.91.H91");
  const event = intake("000.00.91.H91");
  await sendEvents(client, [event]);
  // The dossier is there: its public lookup answers...
  expect((await call(`/v1/dossiers/${event.dossierCode}`)).status).toBe(200);
  // ...but no floor route does, with or without the old switch.
  for (const view of ["public", "owner"]) {
    const res = await call(`/__bench/floor/${view}/${event.dossierCode}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Trần Văn An");
  }
});
