import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";

export type ErrorBody = { error: { code: string; message: string; field?: string; detail?: string } };

/** A known failure with its status: turned into the contract's error shape by the app's onError. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly detail?: string,
  ) {
    super(message);
  }

  /** For 429: sent as Retry-After, so a client knows when to try again. */
  retryAfterSeconds?: number;
}

/** Integration and admin routes speak English to developers; every other route speaks Vietnamese to citizens. */
export function isIntegratorPath(path: string): boolean {
  return path.startsWith("/v1/integration") || path.startsWith("/v1/admin");
}

export function errorJson(c: Context, status: ContentfulStatusCode, body: ErrorBody["error"]) {
  return c.json({ error: body } satisfies ErrorBody, status);
}

/** Validation failures from zod: the first issue names the field; citizens get Vietnamese, integrators English. */
export function validationError(c: Context, error: ZodError) {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  const detail = issue ? `${field ? `${field}: ` : ""}${issue.message}` : "Invalid request";
  if (isIntegratorPath(c.req.path)) return errorJson(c, 400, { code: "invalid_request", message: detail, field });
  // Schemas on citizen routes carry Vietnamese messages; zod's own English defaults are replaced by a generic one.
  const vietnamese = issue && /[àáảãạăâđèéêìíòóôơùúưỳý]/i.test(issue.message) ? issue.message : "Thông tin gửi lên không hợp lệ. Vui lòng kiểm tra và thử lại.";
  return errorJson(c, 400, { code: "invalid_request", message: vietnamese, field, detail });
}

const CITIZEN_MESSAGES: Record<number, string> = {
  400: "Yêu cầu không hợp lệ.",
  404: "Không tìm thấy.",
  405: "Thao tác không được hỗ trợ.",
  413: "Dữ liệu gửi lên quá lớn.",
  415: "Định dạng dữ liệu không được hỗ trợ.",
  429: "Ông/bà thao tác quá nhiều lần. Vui lòng thử lại sau ít phút.",
};

export function handleError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    if (err.retryAfterSeconds) c.header("Retry-After", String(err.retryAfterSeconds));
    else if (err.status === 503 && !c.res.headers.has("retry-after")) c.header("retry-after", "5");
    return errorJson(c, err.status, { code: err.code, message: err.message, field: err.field, detail: err.detail });
  }
  if (err instanceof ZodError) return validationError(c, err);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const english = err.message || "Request failed";
    const code = status === 413 ? "payload_too_large" : status === 415 ? "unsupported_media_type" : /json/i.test(english) ? "malformed_json" : "bad_request";
    if (isIntegratorPath(c.req.path)) return errorJson(c, status, { code, message: english });
    const message = code === "malformed_json" ? "Dữ liệu gửi lên không đúng định dạng JSON." : (CITIZEN_MESSAGES[status] ?? "Yêu cầu không hợp lệ.");
    return errorJson(c, status, { code, message, detail: english });
  }
  if (isStorageFailure(err)) {
    // D1 refused or failed the statement (a batch is all or nothing, so nothing was half-written): say so and
    // ask for a retry, which every write here survives (events, follows, consents and ratings are idempotent).
    console.error("storage failure", c.req.method, c.req.path, err);
    c.header("retry-after", "5");
    const message = isIntegratorPath(c.req.path)
      ? "Storage is unavailable; retry later"
      : "Hệ thống đang bận, yêu cầu chưa được lưu. Vui lòng thử lại sau ít phút.";
    return errorJson(c, 503, { code: "storage_unavailable", message });
  }
  console.error("unhandled error", c.req.method, c.req.path, err);
  const message = isIntegratorPath(c.req.path) ? "Internal error" : "Hệ thống đang gặp sự cố. Vui lòng thử lại sau.";
  return errorJson(c, 500, { code: "internal_error", message });
}

/** An error D1 raised (its messages start with D1_), possibly wrapped by drizzle as the cause of a failed query. */
function isStorageFailure(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/^D1_|SQLITE_/.test(e.message)) return true;
  }
  return false;
}

export function notFound(c: Context) {
  const message = isIntegratorPath(c.req.path) ? `No route for ${c.req.method} ${c.req.path}` : "Không tìm thấy trang hoặc dữ liệu yêu cầu.";
  return errorJson(c, 404, { code: "not_found", message });
}

type Route = { method: string; path: string };
type Matcher = { pattern: RegExp; method: string };

/** `/v1/dossiers/:code` → a regex matching one concrete path; middleware (`ALL`, `*`) is not a route. */
function matchers(routes: readonly Route[]): Matcher[] {
  return routes
    .filter((r) => r.method !== "ALL" && !r.path.includes("*"))
    .map((r) => {
      const source = r.path
        .split("/")
        .map((segment) => (segment.startsWith(":") ? "[^/]+" : segment.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
        .join("/");
      return { pattern: new RegExp(`^${source}/?$`), method: r.method.toUpperCase() };
    });
}

/**
 * The app's answer when nothing matched: a known path asked with a method it does not have is 405 with `Allow`
 * (the methods it has), anything else 404. `routes` is read when first needed: the app's, once all are mounted.
 */
export function notFoundOrMethodNotAllowed(routes: () => readonly Route[]) {
  let known: Matcher[] | undefined;
  return (c: Context) => {
    known ??= matchers(routes());
    const allowed = new Set(known.filter((m) => m.pattern.test(c.req.path)).map((m) => m.method));
    if (allowed.size === 0) return notFound(c);
    if (allowed.has("GET")) allowed.add("HEAD");
    const allow = [...allowed].sort().join(", ");
    c.header("Allow", allow);
    const english = `${c.req.method} is not allowed on ${c.req.path}; allowed: ${allow}`;
    if (isIntegratorPath(c.req.path)) return errorJson(c, 405, { code: "method_not_allowed", message: english });
    return errorJson(c, 405, { code: "method_not_allowed", message: CITIZEN_MESSAGES[405]!, detail: english });
  };
}
