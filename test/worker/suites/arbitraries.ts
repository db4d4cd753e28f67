/**
 * fast-check arbitraries read off the API's own OpenAPI document (itself generated from the zod schemas that
 * validate requests): a value that fits a schema, one that almost fits (a field missing, wrong or extra), and one
 * that is plainly hostile (wrong types, huge or control-character strings, numbers out of range, impossible dates,
 * prototype-pollution keys). Fields named like the world's resources sometimes take a real one (`hints`), so valid
 * requests reach past "not found" into the code that does the work.
 */
import fc from "fast-check";

export type Schema = Record<string, any>;
export type Hints = Record<string, readonly unknown[]>;

const CONTROL = ["\u0000", "\r", "\n", "\r\n", "\t", "\u0007", "\u001b[31m", "\u007f", "\u2028", "\ufeff", "\ud800"];
const HOSTILE_STRINGS = [
  "",
  " ",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0x10",
  "1e309",
  "'; DROP TABLE dossiers; --",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00",
  "%2e%2e%2f",
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "Đăng ký kết hôn",
  "Đăng ký kết hôn".normalize("NFD"),
  "𝕏😀👩‍👩‍👧‍👦",
  "\u202eevil",
  "2026-02-30T10:00:00+07:00",
  "2026-13-01T00:00:00Z",
  "0000-00-00T00:00:00Z",
  "9999-12-31T23:59:59+14:00",
  "yesterday",
];
const HOSTILE_NUMBERS = [-1, 0, -0, 0.5, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE];

/** Any JSON value, of a type the schema probably does not want. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
  fc.constant({ $gt: "" }),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 8 })).map((p) => p.join("")),
  fc.integer({ min: 2_001, max: 20_000 }).map((n) => "A".repeat(n)),
);

/** A JSON object with an own `__proto__`, `constructor` or `prototype` key, which a careless merge would follow. */
const pollution = fc.constantFrom("__proto__", "constructor", "prototype").map((key) => {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, key, { value: { polluted: true, isAdmin: true, prototype: { polluted: true } }, enumerable: true });
  return o;
});

export function resolve(doc: Schema, schema: Schema): Schema {
  let s = schema;
  while (s?.$ref)
    s = s.$ref
      .replace("#/", "")
      .split("/")
      .reduce((node: any, key: string) => node[key], doc);
  return s ?? {};
}

function dateTime(): fc.Arbitrary<string> {
  // Within ± 400 days of now, written in Vietnam time as one-stop systems do.
  return fc
    .integer({ min: -400 * 1440, max: 400 * 1440 })
    .map((m) => new Date(Date.now() + m * 60_000 + 7 * 3600_000).toISOString().replace(/\.\d+Z$/, "+07:00"));
}

/** A value that fits `schema`, built from its type, enum, pattern, bounds, items and properties. */
export function valid(doc: Schema, schema: Schema, hints: Hints, name = ""): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const hinted = hints[name];
  const own = fitting(doc, s, hints);
  return hinted?.length ? fc.oneof({ arbitrary: fc.constantFrom(...hinted), weight: 3 }, { arbitrary: own, weight: 1 }) : own;
}

function fitting(doc: Schema, s: Schema, hints: Hints): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((a: Schema) => valid(doc, a, hints)));
  const types: string[] = Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? "object" : "string")];
  return fc.oneof(...types.map((t) => ofType(doc, s, t, hints)));
}

function ofType(doc: Schema, s: Schema, type: string, hints: Hints): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number": {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? Math.max(min + 1000, 1000);
      return type === "integer" ? fc.integer({ min, max: Math.min(max, Number.MAX_SAFE_INTEGER) }) : fc.double({ min, max, noNaN: true });
    }
    case "array": {
      const items = s.items ? valid(doc, s.items, hints) : anyJson;
      return fc.array(items, { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    }
    case "object":
      return objectOf(doc, s, hints, (name, prop) => valid(doc, prop, hints, name));
    default: {
      if (s.format === "date-time") return dateTime();
      if (s.format === "uri") return fc.webUrl();
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
      const minLength = s.minLength ?? 0;
      return fc.string({ unit: "grapheme", minLength, maxLength: Math.max(minLength, Math.min(s.maxLength ?? 40, 40)) });
    }
  }
}

function objectOf(doc: Schema, s: Schema, hints: Hints, field: (name: string, prop: Schema) => fc.Arbitrary<unknown>) {
  const required: string[] = s.required ?? [];
  const shape = Object.fromEntries(Object.entries<Schema>(s.properties ?? {}).map(([name, prop]) => [name, field(name, prop)]));
  return fc.record(shape, { requiredKeys: required.filter((k) => k in shape) });
}

/** Fits the schema but for one thing: a field missing, of the wrong kind, hostile, or one more (maybe polluting). */
export function almost(doc: Schema, schema: Schema, hints: Hints): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((a: Schema) => almost(doc, a, hints)));
  if (!s.properties) return hostile(s);
  const names = Object.keys(s.properties);
  return fc
    .tuple(valid(doc, s, hints) as fc.Arbitrary<Record<string, unknown>>, fc.constantFrom(...names), fc.nat(3), hostile(s), pollution)
    .map(([value, name, how, bad, polluted]) => {
      const out: Record<string, unknown> = { ...value };
      if (how === 0) delete out[name];
      else if (how === 1) out[name] = bad;
      else if (how === 2) out[`${name}Extra`] = bad;
      else return Object.assign(out, polluted);
      return out;
    });
}

/** Something no schema would accept in this place, with a bias to near-misses of the schema's own bounds. */
export function hostile(schema: Schema): fc.Arbitrary<unknown> {
  const nearMiss: unknown[] = [];
  if (typeof schema.minimum === "number") nearMiss.push(schema.minimum - 1, schema.minimum - 0.5);
  if (typeof schema.maximum === "number") nearMiss.push(schema.maximum + 1, schema.maximum * 10 + 7);
  if (typeof schema.maxLength === "number") nearMiss.push("x".repeat(schema.maxLength + 1));
  if (typeof schema.minLength === "number" && schema.minLength > 0) nearMiss.push("x".repeat(schema.minLength - 1));
  return nearMiss.length ? fc.oneof(fc.constantFrom(...nearMiss), anyJson, hostileString, pollution) : fc.oneof(anyJson, hostileString, pollution);
}

/** Valid most of the time, else almost valid, else hostile: what the worker must answer without a 5xx. */
export function any(doc: Schema, schema: Schema, hints: Hints, name = ""): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid(doc, schema, hints, name), weight: 4 },
    { arbitrary: almost(doc, schema, hints), weight: 3 },
    { arbitrary: hostile(resolve(doc, schema)), weight: 2 },
  );
}

/** A parameter as it travels in a URL: strings as they are, anything else as JSON text. */
export function asParam(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}
