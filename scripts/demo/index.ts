import { DEMO_PROVINCE_ID } from "./province";
import { DEMO_AGENCIES, DEMO_DEPARTMENTS, DEMO_OFFICERS } from "./province";
import { PROCEDURE_STORIES } from "./procedure-stories";
import { DEMO_PROCEDURES } from "./procedures";
import type { AgencyRequest, DepartmentRequest, OfficerRequest, ProcedureRequest } from "./types";

export * from "./alerts";
export * from "./dossiers";
export * from "./notices";
export * from "./province";
export * from "./procedures";
export { PROCEDURE_STORIES, storyOf, type ProcedureStory } from "./procedure-stories";
export type * from "./types";

export const DEMO_PROVINCE_PATH = `/v1/admin/provinces/${DEMO_PROVINCE_ID}`;

export type ReferenceWrite = { path: string; body: AgencyRequest | DepartmentRequest | OfficerRequest | ProcedureRequest };

/**
 * The reference data as PUT requests, in the order the API needs them (agencies before their departments,
 * departments before their officers). Shared by the Node seeder and the worker tests, so both seed the same.
 */
export function demoReferenceWrites(): ReferenceWrite[] {
  const segment = encodeURIComponent;
  return [
    ...DEMO_AGENCIES.map((a) => ({ path: `/v1/integration/agencies/${segment(a.id)}`, body: a.request })),
    ...DEMO_DEPARTMENTS.map((d) => ({ path: `/v1/integration/departments/${segment(d.id)}`, body: d.request })),
    ...DEMO_OFFICERS.map((o) => ({ path: `/v1/integration/officers/${segment(o.id)}`, body: o.request })),
    ...DEMO_PROCEDURES.map((p) => ({
      path: `/v1/integration/procedures/${segment(p.code)}`,
      // The short name people use, as the one-stop system would publish it with the procedure.
      body: { shortName: PROCEDURE_STORIES[p.code]?.short, ...p.request },
    })),
  ];
}

export { DEMO_COMMUNES, DEMO_FAMILY_COMMUNE, DEMO_HOME_COMMUNE, type DemoCommune } from "./communes";
export { demoNews, type DemoNews } from "./news";
export { demoNewsCoverPng } from "./news-cover";
export * from "./second-province";
