/**
 * What every answer of the API must be, whatever was sent: never a 5xx; a 4xx in the contract's error shape
 * (`{error: {code, message, ...}}`, the message in Vietnamese outside the integration and admin routes); and no
 * stack trace, SQL, file path or exception text anywhere in the body.
 */
import { isIntegratorPath } from "../../../worker/src/errors";

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

/** What must never reach a client: stack frames, source paths, SQL and the names of exceptions. */
const LEAKS: [string, RegExp][] = [
  ["stack frame", /\bat (?:async )?[\w$.<>]{1,200} \(|\n\s{1,20}at /],
  // Bounded repeats keep every pattern linear on the 70,000-character strings the fuzz sends (and may get back).
  ["source path", /(?:\/work\/|node_modules|\b[\w-]{1,80}\.(?:ts|js|mjs):\d+)/],
  ["SQL", /\b(?:SELECT\s{1,5}[\w*"]{1,80}[^;]{0,400}\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|SQLITE_\w+|D1_ERROR|no such (?:table|column))\b/i],
  ["exception", /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|URIError|EvalError|AggregateError)\b|\bError: /],
];

export type Verdict = { ok: true } | { ok: false; why: string };

export function leaks(text: string): string[] {
  return LEAKS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

/** Judges one answer: `path` decides whether the message must be Vietnamese. */
export function judge(path: string, status: number, contentType: string, text: string): Verdict {
  if (status >= 500) return { ok: false, why: `status ${status}: ${text.slice(0, 300)}` };
  const leaked = contentType.startsWith("image/") ? [] : leaks(text);
  if (leaked.length) return { ok: false, why: `${leaked.join(", ")} in the body: ${text.slice(0, 300)}` };
  if (status < 400) return { ok: true };
  let error: { code?: unknown; message?: unknown } | undefined;
  try {
    error = JSON.parse(text).error;
  } catch {
    return { ok: false, why: `${status} without a JSON body: ${text.slice(0, 300)}` };
  }
  if (typeof error?.code !== "string" || typeof error.message !== "string" || !error.message) {
    return { ok: false, why: `${status} not in the error shape: ${text.slice(0, 300)}` };
  }
  if (!isIntegratorPath(path) && !VIETNAMESE.test(error.message)) return { ok: false, why: `${status} message not in Vietnamese: ${error.message}` };
  return { ok: true };
}

/** The string with each lone surrogate (which no URL or form can carry) replaced by U+FFFD. */
export function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** URL-encodes anything, lone surrogates included (which encodeURIComponent refuses). */
export function encodePart(value: string): string {
  return encodeURIComponent(wellFormed(value));
}
