/**
 * Writing XML: a CAP 1.2 `<alert>` from the stored structure, and the Atom 1.0 feed that lists active alerts. Every
 * text and attribute is escaped, and characters XML 1.0 cannot carry are replaced, so whatever was stored the
 * output is well-formed.
 */
import { ALERT_FIELDS, AREA_FIELDS, type CapAlert, INFO_FIELDS, PAIRS } from "./cap";
import { CAP_NAMESPACE, isXmlChar } from "./cap-xml-read";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(value: string): string {
  let out = "";
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    out += ESCAPES[ch] ?? (isXmlChar(cp) ? ch : "\ufffd");
  }
  return out;
}

const element = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

function fields(value: Record<string, unknown>, order: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  for (const name of order) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) {
      if (typeof item === "string") lines.push(`${indent}${element(name, item)}`);
      else if (PAIRS.has(name)) {
        const pair = item as { valueName: string; value: string };
        lines.push(`${indent}<${name}>${element("valueName", pair.valueName)}${element("value", pair.value)}</${name}>`);
      } else {
        const order = name === "info" ? INFO_FIELDS : AREA_FIELDS;
        lines.push(`${indent}<${name}>`, ...fields(item as Record<string, unknown>, order, `${indent}  `), `${indent}</${name}>`);
      }
    }
  }
  return lines;
}

/** The alert as a CAP 1.2 document, its elements in the schema's order. */
export function capToXml(alert: CapAlert): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alert xmlns="${CAP_NAMESPACE}">`,
    ...fields(alert as unknown as Record<string, unknown>, ALERT_FIELDS, "  "),
    "</alert>",
    "",
  ].join("\n");
}

export type AtomEntry = { id: string; title: string; updated: string; summary: string; capUrl: string; author: string };
export type AtomFeed = { id: string; title: string; updated: string; selfUrl: string; entries: AtomEntry[] };

/** An Atom 1.0 feed whose entries link (rel alternate, application/cap+xml) to each alert's CAP document. */
export function atomFeed(feed: AtomFeed): string {
  const entries = feed.entries.flatMap((e) => [
    "  <entry>",
    `    ${element("id", e.id)}`,
    `    ${element("title", e.title)}`,
    `    ${element("updated", e.updated)}`,
    `    <author>${element("name", e.author)}</author>`,
    `    ${element("summary", e.summary)}`,
    `    <link rel="alternate" type="application/cap+xml" href="${escapeXml(e.capUrl)}"/>`,
    "  </entry>",
  ]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  ${element("id", feed.id)}`,
    `  ${element("title", feed.title)}`,
    `  ${element("updated", feed.updated)}`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
