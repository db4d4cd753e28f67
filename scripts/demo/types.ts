import type { Hono } from "hono";
import type { AppType } from "../../worker/src/app";
import type { DossierEvent } from "../../worker/src/schemas/events";

/**
 * Request bodies as the API itself declares them (inferred from the routes' zod schemas), so the demo data is
 * checked against the real contract and breaks the type-check, not the seed, when the contract moves.
 */
type Routes = AppType extends Hono<any, infer S, any> ? S : never;
type JsonOf<P extends keyof Routes, M extends keyof Routes[P]> = Routes[P][M] extends { input: { json: infer J } } ? J : never;

export type ProvinceRequest = JsonOf<"/v1/admin/provinces/:provinceId", "$put">;
export type IntegrationClientRequest = JsonOf<"/v1/admin/provinces/:provinceId/integration-clients", "$post">;
export type AgencyRequest = JsonOf<"/v1/integration/agencies/:agencyId", "$put">;
export type DepartmentRequest = JsonOf<"/v1/integration/departments/:departmentId", "$put">;
export type OfficerRequest = JsonOf<"/v1/integration/officers/:officerId", "$put">;
export type ProcedureRequest = JsonOf<"/v1/integration/procedures/:procedureCode", "$put">;

/** One event as a one-stop system sends it to POST /v1/integration/events. */
export type DemoEvent = DossierEvent;
export type CommuneRequest = JsonOf<"/v1/integration/communes/:code", "$put">;
export type NewsRequest = JsonOf<"/v1/integration/news/:newsId", "$put">;
