/**
 * The provinces this deployment serves (GET /v1/provinces), for the province picker. Imported by that page only,
 * so neither this nor the list is in the first script.
 */
import { selector } from "recoil";
import { answer, client } from "../api/client";
import type { ProvinceSummary } from "../domain/province-picker";
import { outcomeOf, type Outcome } from "./outcome";

export const provincesState = selector<Outcome<ProvinceSummary[]>>({
  key: "provinces",
  get: () => outcomeOf(async (): Promise<ProvinceSummary[]> => (await answer(client.v1.provinces.$get())).provinces),
});
