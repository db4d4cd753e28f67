/**
 * CAP 1.2 (OASIS Common Alerting Protocol) as this service takes it: the normalised structure both the XML and the
 * JSON form become, and its validation, each failure naming the element (`info[0].area[1].geocode[0].value`).
 * Pure: which communes exist and which alerts a reference names are the service's to check.
 */
import { isIsoInstant } from "./time";

export const CAP_STATUSES = ["Actual", "Exercise", "System", "Test", "Draft"] as const;
export const CAP_MSG_TYPES = ["Alert", "Update", "Cancel"] as const;
/** Only public alerts are taken: everything here is shown to citizens. */
export const CAP_SCOPES = ["Public"] as const;
export const CAP_CATEGORIES = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"] as const;
export const CAP_RESPONSE_TYPES = ["Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"] as const;
export const CAP_URGENCIES = ["Immediate", "Expected", "Future", "Past", "Unknown"] as const;
/** Most severe first: the order active alerts are listed in. */
export const CAP_SEVERITIES = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"] as const;
export const CAP_CERTAINTIES = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"] as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

/** The geocode naming a commune by its national administrative-unit code. */
export const COMMUNE_GEOCODE = "ma_xa";

export type CapValue = { valueName: string; value: string };
export type CapArea = { areaDesc: string; polygon?: string[]; circle?: string[]; geocode: CapValue[]; altitude?: string; ceiling?: string };
export type CapInfo = {
  language?: string;
  category: string[];
  event: string;
  responseType?: string[];
  urgency: string;
  severity: string;
  certainty: string;
  audience?: string;
  eventCode?: CapValue[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameter?: CapValue[];
  area: CapArea[];
};
export type CapAlert = {
  identifier: string;
  sender: string;
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  source?: string;
  scope: string;
  note?: string;
  references?: string;
  incidents?: string;
  code?: string[];
  /** At least one, except in a Cancel (which may carry none: it ends what it references). */
  info: CapInfo[];
};

/** A refusal: the HTTP status, a code, the element path and an English sentence for the integrator. */
export class CapError extends Error {
  constructor(
    readonly code: string,
    readonly field: string | undefined,
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 415 = 400,
  ) {
    super(message);
  }
}

/** Bounds on what one alert may carry, so a message cannot grow the database or the feed without limit. */
export const CAP_LIMITS = { text: 200, longText: 4000, infos: 10, areas: 50, values: 500, polygonPoints: 1000, references: 20 };

/** The order of the elements the XML form writes and the reader accepts (CAP 1.2's schema order). */
export const ALERT_FIELDS = [
  "identifier",
  "sender",
  "sent",
  "status",
  "msgType",
  "source",
  "scope",
  "note",
  "references",
  "incidents",
  "code",
  "info",
] as const;
export const INFO_FIELDS = [
  "language",
  "category",
  "event",
  "responseType",
  "urgency",
  "severity",
  "certainty",
  "audience",
  "eventCode",
  "effective",
  "onset",
  "expires",
  "senderName",
  "headline",
  "description",
  "instruction",
  "web",
  "contact",
  "parameter",
  "area",
] as const;
export const AREA_FIELDS = ["areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"] as const;
/** Elements that repeat (arrays in the JSON form), and those that hold a valueName/value pair. */
export const REPEATED = new Set(["code", "info", "category", "responseType", "eventCode", "parameter", "area", "polygon", "circle", "geocode"]);
export const PAIRS = new Set(["eventCode", "parameter", "geocode"]);

const missing = (field: string) => new CapError("cap_invalid", field, `${field} is required`);

function text(raw: Record<string, unknown>, key: string, path: string, opts: { required: boolean; max?: number }): string | undefined {
  const field = `${path}${key}`;
  const value = raw[key];
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    if (opts.required) throw missing(field);
    return undefined;
  }
  if (typeof value !== "string") throw new CapError("cap_invalid", field, `${field} must be text`);
  const max = opts.max ?? CAP_LIMITS.text;
  if (value.length > max) throw new CapError("cap_invalid", field, `${field} is over ${max} characters`);
  return value.trim();
}

function oneOf<T extends string>(raw: Record<string, unknown>, key: string, path: string, allowed: readonly T[]): T {
  const value = text(raw, key, path, { required: true })!;
  if (!(allowed as readonly string[]).includes(value)) throw new CapError("cap_invalid", `${path}${key}`, `${path}${key} must be one of ${allowed.join(", ")}`);
  return value as T;
}

function time(raw: Record<string, unknown>, key: string, path: string, required: boolean): string | undefined {
  const value = text(raw, key, path, { required });
  if (value !== undefined && !isIsoInstant(value)) {
    throw new CapError("cap_invalid", `${path}${key}`, `${path}${key} must be an ISO-8601 time with an offset, e.g. 2026-11-23T09:30:00+07:00`);
  }
  return value;
}

function list(raw: Record<string, unknown>, key: string, path: string, opts: { min: number; max: number }): unknown[] {
  const value = raw[key];
  const field = `${path}${key}`;
  if (value === undefined || value === null) {
    if (opts.min > 0) throw missing(field);
    return [];
  }
  if (!Array.isArray(value)) throw new CapError("cap_invalid", field, `${field} must be a list`);
  if (value.length < opts.min) throw missing(field);
  if (value.length > opts.max) throw new CapError("cap_invalid", field, `${field} has more than ${opts.max} entries`);
  return value;
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new CapError("cap_invalid", field, `${field} must be an object`);
  return value as Record<string, unknown>;
}

function texts(raw: Record<string, unknown>, key: string, path: string, allowed?: readonly string[], min = 0): string[] | undefined {
  const values = list(raw, key, path, { min, max: CAP_LIMITS.values });
  if (values.length === 0) return undefined;
  return values.map((v, i) => {
    const field = `${path}${key}[${i}]`;
    if (typeof v !== "string" || v.trim() === "") throw new CapError("cap_invalid", field, `${field} must be text`);
    if (v.length > CAP_LIMITS.longText) throw new CapError("cap_invalid", field, `${field} is too long`);
    if (allowed && !allowed.includes(v.trim())) throw new CapError("cap_invalid", field, `${field} must be one of ${allowed.join(", ")}`);
    return v.trim();
  });
}

function pairs(raw: Record<string, unknown>, key: string, path: string): CapValue[] | undefined {
  const values = list(raw, key, path, { min: 0, max: CAP_LIMITS.values });
  if (values.length === 0) return undefined;
  return values.map((v, i) => {
    const at = `${path}${key}[${i}].`;
    const o = object(v, `${path}${key}[${i}]`);
    return { valueName: text(o, "valueName", at, { required: true })!, value: text(o, "value", at, { required: true })! };
  });
}

/** "lat,lon lat,lon …": at least 4 points, the first and the last the same, each on the globe. */
export function polygonProblem(polygon: string): string | null {
  const points = polygon.trim().split(/\s+/);
  if (points.length < 4) return "a polygon needs at least 4 points";
  if (points.length > CAP_LIMITS.polygonPoints) return `a polygon has at most ${CAP_LIMITS.polygonPoints} points`;
  for (const point of points) {
    const m = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/.exec(point);
    if (!m || Math.abs(Number(m[1])) > 90 || Math.abs(Number(m[2])) > 180) return `"${point.slice(0, 40)}" is not a "lat,lon" pair`;
  }
  if (points[0] !== points[points.length - 1]) return "a polygon must be closed (its first and last points the same)";
  return null;
}

function area(value: unknown, path: string): CapArea {
  const raw = object(value, path.slice(0, -1));
  const polygon = texts(raw, "polygon", path);
  polygon?.forEach((p, i) => {
    const problem = polygonProblem(p);
    if (problem) throw new CapError("cap_invalid", `${path}polygon[${i}]`, `${path}polygon[${i}]: ${problem}`);
  });
  const geocode = pairs(raw, "geocode", path) ?? [];
  if (!geocode.some((g) => g.valueName === COMMUNE_GEOCODE)) {
    throw new CapError("cap_invalid", `${path}geocode`, `${path}geocode must name at least one commune (valueName "${COMMUNE_GEOCODE}")`);
  }
  geocode.forEach((g, i) => {
    if (g.valueName === COMMUNE_GEOCODE && !/^\d{5}$/.test(g.value)) {
      throw new CapError("cap_unknown_commune", `${path}geocode[${i}].value`, `${path}geocode[${i}].value must be a 5-digit commune code`);
    }
  });
  return {
    areaDesc: text(raw, "areaDesc", path, { required: true, max: CAP_LIMITS.longText })!,
    ...(polygon ? { polygon } : {}),
    ...optional("circle", texts(raw, "circle", path)),
    geocode,
    ...optional("altitude", text(raw, "altitude", path, { required: false })),
    ...optional("ceiling", text(raw, "ceiling", path, { required: false })),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

function info(value: unknown, path: string, sent: string): CapInfo {
  const raw = object(value, path.slice(0, -1));
  const long = { required: false, max: CAP_LIMITS.longText };
  const result: CapInfo = {
    ...optional("language", text(raw, "language", path, { required: false })),
    category: texts(raw, "category", path, CAP_CATEGORIES, 1)!,
    event: text(raw, "event", path, { required: true })!,
    ...optional("responseType", texts(raw, "responseType", path, CAP_RESPONSE_TYPES)),
    urgency: oneOf(raw, "urgency", path, CAP_URGENCIES),
    severity: oneOf(raw, "severity", path, CAP_SEVERITIES),
    certainty: oneOf(raw, "certainty", path, CAP_CERTAINTIES),
    ...optional("audience", text(raw, "audience", path, long)),
    ...optional("eventCode", pairs(raw, "eventCode", path)),
    ...optional("effective", time(raw, "effective", path, false)),
    ...optional("onset", time(raw, "onset", path, false)),
    ...optional("expires", time(raw, "expires", path, false)),
    ...optional("senderName", text(raw, "senderName", path, { required: false })),
    headline: text(raw, "headline", path, { required: true })!,
    ...optional("description", text(raw, "description", path, long)),
    ...optional("instruction", text(raw, "instruction", path, long)),
    ...optional("web", text(raw, "web", path, { required: false, max: 2000 })),
    ...optional("contact", text(raw, "contact", path, { required: false })),
    ...optional("parameter", pairs(raw, "parameter", path)),
    area: list(raw, "area", path, { min: 1, max: CAP_LIMITS.areas }).map((a, i) => area(a, `${path}area[${i}].`)),
  };
  if (result.expires && Date.parse(result.expires) <= Date.parse(result.effective ?? sent)) {
    throw new CapError("cap_invalid", `${path}expires`, `${path}expires must be after ${result.effective ? "effective" : "sent"}`);
  }
  return result;
}

/** One reference: the sender, identifier and sent time of an earlier message. */
export type CapReference = { sender: string; identifier: string; sent: string };

export function parseReferences(references: string): CapReference[] | null {
  const triples = references.trim().split(/\s+/);
  if (triples.length === 0 || triples.length > CAP_LIMITS.references) return null;
  const parsed = triples.map((t) => t.split(","));
  if (parsed.some((p) => p.length !== 3 || p.some((part) => part === "") || !isIsoInstant(p[2]!))) return null;
  return parsed.map(([sender, identifier, sent]) => ({ sender: sender!, identifier: identifier!, sent: sent! }));
}

/** CAP's identifiers and senders: no spaces, commas or the XML-restricted < and &. */
const TOKEN = /^[^\s,<&]+$/;

/** The normalised, validated alert, or the CapError naming the first element at fault. */
export function validateCap(value: unknown): CapAlert {
  const raw = object(value, "alert");
  const identifier = text(raw, "identifier", "", { required: true })!;
  const sender = text(raw, "sender", "", { required: true })!;
  for (const [key, v] of [
    ["identifier", identifier],
    ["sender", sender],
  ] as const) {
    if (!TOKEN.test(v)) throw new CapError("cap_invalid", key, `${key} must not contain spaces, commas, < or &`);
  }
  const sent = time(raw, "sent", "", true)!;
  const status = oneOf(raw, "status", "", CAP_STATUSES);
  const msgType = oneOf(raw, "msgType", "", CAP_MSG_TYPES);
  const scope = oneOf(raw, "scope", "", CAP_SCOPES);
  const references = text(raw, "references", "", { required: msgType !== "Alert", max: CAP_LIMITS.longText });
  if (references !== undefined && !parseReferences(references)) {
    throw new CapError("cap_invalid", "references", "references must be space-separated sender,identifier,sent triples");
  }
  const infos = list(raw, "info", "", { min: msgType === "Cancel" ? 0 : 1, max: CAP_LIMITS.infos });
  return {
    identifier,
    sender,
    sent,
    status,
    msgType,
    ...optional("source", text(raw, "source", "", { required: false })),
    scope,
    ...optional("note", text(raw, "note", "", { required: false, max: CAP_LIMITS.longText })),
    ...optional("references", references),
    ...optional("incidents", text(raw, "incidents", "", { required: false, max: CAP_LIMITS.longText })),
    ...optional("code", texts(raw, "code", "")),
    info: infos.map((v, i) => info(v, `info[${i}].`, sent)),
  };
}

/** The info block shown to people: the Vietnamese one when there are several languages, else the first. */
export function displayInfo(alert: CapAlert): CapInfo | undefined {
  return alert.info.find((i) => /^vi\b/i.test(i.language ?? "")) ?? alert.info[0];
}

/** The communes an info block's areas name, each once, with the element path of each for refusals. */
export function communesOf(info: CapInfo, infoIndex: number): { code: string; field: string }[] {
  const seen = new Map<string, string>();
  for (const [ai, a] of info.area.entries()) {
    for (const [gi, g] of a.geocode.entries()) {
      if (g.valueName === COMMUNE_GEOCODE && !seen.has(g.value)) seen.set(g.value, `info[${infoIndex}].area[${ai}].geocode[${gi}].value`);
    }
  }
  return [...seen].map(([code, field]) => ({ code, field }));
}

/** 0 for Extreme … 4 for Unknown. */
export const severityRank = (severity: string) => {
  const i = (CAP_SEVERITIES as readonly string[]).indexOf(severity);
  return i < 0 ? CAP_SEVERITIES.length : i;
};
