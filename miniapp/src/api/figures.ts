/**
 * The figures: the staff dashboard's (through the session; the server decides the scope: the province for its
 * admins, their own department for department heads), its CSV export, and the province's public figures for the
 * transparency page. Only the lazy figures pages import this module.
 */
import type { InferResponseType } from "hono/client";
import { PROVINCE_ID } from "../config";
import type { FiguresGroupBy } from "../domain/figures";
import { signedIn } from "./account";
import { answer, client, toApiError } from "./client";

const staff = signedIn.v1.staff;
const province = client.v1.provinces[":provinceId"];

export type StaffFigures = InferResponseType<typeof staff.figures.$get, 200>;
export type PublicFigures = InferResponseType<(typeof province)["figures"]["$get"], 200>;
export type FiguresGroup = StaffFigures["groups"][number];

export type FiguresQuery = { groupBy: FiguresGroupBy; from: string; to: string; agencyId?: string; departmentId?: string };

/** The query as the API reads it: absent filters left out rather than sent empty. */
function asQuery({ groupBy, from, to, agencyId, departmentId }: FiguresQuery) {
  return { groupBy, from, to, ...(agencyId ? { agencyId } : {}), ...(departmentId ? { departmentId } : {}) };
}

export const getStaffFigures = (query: FiguresQuery): Promise<StaffFigures> => answer(staff.figures.$get({ query: asQuery(query) }));

/**
 * The same figures as a CSV file's text, exactly as the server wrote it. `Response.text()` drops the UTF-8 byte
 * order mark the server puts first, and spreadsheet programs need it to read Vietnamese letters, so it is put back.
 */
export async function getStaffFiguresCsv(query: FiguresQuery): Promise<string> {
  const res = await staff["figures.csv"].$get({ query: asQuery(query) });
  if (!res.ok) throw await toApiError(res as unknown as Response);
  const text = await res.text();
  return text.startsWith("\uFEFF") ? text : `\uFEFF${text}`;
}

/** The province's figures as anyone may read them: by agency or by month, nothing personal. */
export const getPublicFigures = (query: { groupBy: "agency" | "month"; from: string; to: string }): Promise<PublicFigures> =>
  answer(province.figures.$get({ param: { provinceId: PROVINCE_ID }, query }));
