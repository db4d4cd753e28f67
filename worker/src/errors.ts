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
  console.error("unhandled error", c.req.method, c.req.path, err);
  const message = isIntegratorPath(c.req.path) ? "Internal error" : "Hệ thống đang gặp sự cố. Vui lòng thử lại sau.";
  return errorJson(c, 500, { code: "internal_error", message });
}

export function notFound(c: Context) {
  const message = isIntegratorPath(c.req.path) ? `No route for ${c.req.method} ${c.req.path}` : "Không tìm thấy trang hoặc dữ liệu yêu cầu.";
  return errorJson(c, 404, { code: "not_found", message });
}
