/**
 * The motcua API, called through Hono's typed client built from the worker's own routes. Every failure becomes
 * an ApiError (the API answered: its Vietnamese message is shown as is) or a NetworkError (it did not answer:
 * the saved copy may be shown instead).
 */
import { type ClientResponse, hc } from "hono/client";
import type { AppType } from "../../../worker/src/app";
import { API_URL, PROVINCE_ID, REQUEST_TIMEOUT_MS } from "../config";
import { messages } from "../messages";
import type { Agency, ApiErrorBody, DossierView, Procedure, ProcedureSummary, Province, UnlockedDossier } from "./types";

/** The API answered with an error: `message` is the citizen-facing Vietnamese text from `{error:{code,message}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** No answer: offline, DNS, a dropped connection or a timeout. */
export class NetworkError extends Error {
  constructor(readonly reason: "offline" | "timeout") {
    super(reason === "timeout" ? messages.errors.timeout : messages.errors.network);
    this.name = "NetworkError";
  }
}

/** The API without a session: public reads, and the owner's calls proved by a slip or view token. */
export const client = hc<AppType>(API_URL, { fetch: fetchWithTimeout });

/** What the answer's body is when its status is one of S: its JSON, or nothing for a 204. */
type BodyOf<R, S extends number> = R extends ClientResponse<infer T, infer U, infer F> ? (U extends S ? (F extends "json" ? T : undefined) : never) : never;

/**
 * The body of an answer whose status is one of `expected` (200 when none is given), typed from the route that
 * gave it; any other answer becomes an ApiError.
 */
export async function answer<R extends ClientResponse<unknown, number, string>, S extends number = 200>(
  response: Promise<R> | R,
  ...expected: S[]
): Promise<BodyOf<R, S>> {
  const res = await response;
  const wanted: number[] = expected.length > 0 ? expected : [200];
  if (!wanted.includes(res.status)) throw await toApiError(res as unknown as Response);
  return (res.status === 204 ? undefined : await res.json()) as BodyOf<R, S>;
}

/** The last read bookmark the API sent (D1 Sessions API, worker/src/shards/reads.ts), sent back so a read is never older. */
let bookmark = "";

/**
 * Every call to the API: the current province in `X-Motcua-Province` (the worker's database for a request that names
 * no province otherwise) and the last bookmark back, with a timeout.
 */
export async function fetchWithTimeout(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const headers = new Headers(init?.headers);
  headers.set("x-motcua-province", PROVINCE_ID);
  if (bookmark) headers.set("x-motcua-bookmark", bookmark);
  try {
    const res = await fetch(input, { ...init, headers, signal: controller.signal });
    bookmark = res.headers.get("x-motcua-bookmark") || bookmark;
    return res;
  } catch {
    throw new NetworkError(controller.signal.aborted ? "timeout" : "offline");
  } finally {
    clearTimeout(timer);
  }
}

/** Turns a non-2xx answer into an ApiError, whatever its body (a proxy's HTML page included). */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    // not JSON: a gateway or proxy answered
  }
  const error = body?.error;
  if (error && typeof error.message === "string" && error.message) {
    return new ApiError(res.status, error.code ?? "error", error.message, error.field);
  }
  return new ApiError(res.status, "http_error", res.status >= 500 ? messages.errors.server : messages.errors.unknown);
}

export const getProvince = (): Promise<Province> => answer(client.v1.provinces[":provinceId"].$get({ param: { provinceId: PROVINCE_ID } }));

/** The province's one-stop desks: where each is, when it is open, how to call it. */
export async function getAgencies(): Promise<Agency[]> {
  return (await answer(client.v1.provinces[":provinceId"].agencies.$get({ param: { provinceId: PROVINCE_ID } }))).agencies;
}

/** The public view, or the owner view when `token` (a slip or view token) is accepted. */
export const getDossier = (code: string, token?: string): Promise<DossierView> =>
  answer(client.v1.dossiers[":code"].$get({ param: { code }, query: token ? { t: token } : {} }));

export const unlockDossier = (code: string, idNumberLast4: string): Promise<UnlockedDossier> =>
  answer(client.v1.dossiers[":code"].unlock.$post({ param: { code }, json: { idNumberLast4 } }));

export async function searchProcedures(query: string): Promise<ProcedureSummary[]> {
  const q = query.trim();
  return (await answer(client.v1.provinces[":provinceId"].procedures.$get({ param: { provinceId: PROVINCE_ID }, query: q ? { q } : {} }))).procedures;
}

export const getProcedure = (procedureCode: string): Promise<Procedure> =>
  answer(client.v1.provinces[":provinceId"].procedures[":procedureCode"].$get({ param: { provinceId: PROVINCE_ID, procedureCode } }));

/** A token the API refused for this dossier (wrong, revoked or expired): the public view is still available. */
export function isRefusedToken(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
