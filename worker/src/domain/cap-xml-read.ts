/**
 * A small, strict XML reader for the subset CAP needs: the XML declaration, elements with attributes, text, comments,
 * CDATA, the five predefined entities and numeric character references. There is no DTD: a DOCTYPE, an entity
 * declaration or any other entity is refused before anything is read, so nothing can be expanded (no billion
 * laughs, no external entities). Depth, element count and text length are bounded.
 */
import { ALERT_FIELDS, AREA_FIELDS, CapError, INFO_FIELDS, PAIRS, REPEATED } from "./cap";

export type XmlElement = { name: string; namespace: string | null; attributes: Record<string, string>; children: XmlElement[]; text: string };

export const XML_LIMITS = { depth: 12, elements: 20_000, text: 100_000, attributes: 20 };

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;

const malformed = (message: string) => new CapError("cap_xml_malformed", undefined, `malformed XML: ${message}`);

/** Whether a code point may appear in an XML 1.0 document. */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Replaces the five predefined entities and character references; anything else is refused. */
function decode(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&<\s]{0,12});?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) throw malformed("an & that starts no entity (write &amp;)");
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(name);
    if (numeric) {
      const cp = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
      if (!isXmlChar(cp)) throw malformed(`character reference &${name}; is not an XML character`);
      return String.fromCodePoint(cp);
    }
    const known = PREDEFINED[name];
    if (known === undefined)
      throw new CapError(
        "cap_entity_forbidden",
        undefined,
        `entity &${name.slice(0, 12)}; is not allowed: only &lt; &gt; &amp; &quot; &apos; and character references`,
      );
    return known;
  });
}

/** Refuses a DTD before reading anything: nothing it declares could ever be expanded. */
function refuseDtd(xml: string): void {
  if (/<!DOCTYPE/i.test(xml)) throw new CapError("cap_doctype_forbidden", undefined, "a DOCTYPE is not allowed in a CAP message");
  if (/<!ENTITY/i.test(xml)) throw new CapError("cap_entity_forbidden", undefined, "entity declarations are not allowed in a CAP message");
}

type Open = { element: XmlElement; qname: string; prefixes: Map<string, string | null>; text: string[]; length: number };

/** Reads a document into its root element, names split into their namespace URI and local name. */
export function readXml(input: string): XmlElement {
  refuseDtd(input);
  let xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  for (const ch of xml) {
    const cp = ch.codePointAt(0)!;
    if (!isXmlChar(cp)) throw malformed(`character U+${cp.toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`);
  }
  const declaration = /^<\?xml\s[^?]*\?>/.exec(xml);
  if (declaration) {
    if (!/encoding\s*=\s*["']utf-8["']|^<\?xml(?![^?]*encoding)/i.test(declaration[0])) throw malformed("only UTF-8 is accepted");
    xml = xml.slice(declaration[0].length);
  }
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  let i = 0;
  const addText = (t: string) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (t.trim() !== "") throw malformed("text outside the root element");
      return;
    }
    top.text.push(t);
    top.length += t.length;
    if (top.length > XML_LIMITS.text) throw malformed(`text over ${XML_LIMITS.text} characters`);
  };
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) {
      addText(decode(xml.slice(i)));
      break;
    }
    if (lt > i) addText(decode(xml.slice(i, lt)));
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) throw malformed("unterminated comment");
      i = end + 3;
    } else if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt + 9);
      if (end < 0 || stack.length === 0) throw malformed("CDATA outside an element or unterminated");
      addText(xml.slice(lt + 9, end));
      i = end + 3;
    } else if (xml.startsWith("<?", lt) || xml.startsWith("<!", lt)) {
      throw malformed("processing instructions and declarations are not allowed");
    } else if (xml.startsWith("</", lt)) {
      const end = xml.indexOf(">", lt);
      const name = end < 0 ? "" : xml.slice(lt + 2, end).trim();
      const top = stack.pop();
      if (!top || end < 0 || top.qname !== name) throw malformed(`closing tag </${name.slice(0, 40)}> does not match`);
      top.element.text = top.text.join("");
      i = end + 1;
    } else {
      const { element, qname, prefixes, end, selfClosing } = openTag(xml, lt, stack[stack.length - 1]?.prefixes);
      if (++count > XML_LIMITS.elements) throw malformed(`more than ${XML_LIMITS.elements} elements`);
      if (stack.length >= XML_LIMITS.depth) throw malformed(`nested deeper than ${XML_LIMITS.depth}`);
      const parent = stack[stack.length - 1];
      if (parent) parent.element.children.push(element);
      else if (root) throw malformed("more than one root element");
      else root = element;
      if (!selfClosing) stack.push({ element, qname, prefixes, text: [], length: 0 });
      i = end;
    }
  }
  if (stack.length > 0) throw malformed(`<${stack[stack.length - 1]!.qname}> is not closed`);
  if (!root) throw malformed("no root element");
  return root;
}

function openTag(xml: string, lt: number, inherited: Map<string, string | null> | undefined) {
  let i = lt + 1;
  const nameMatch = NAME.exec(xml.slice(i, i + 200));
  if (!nameMatch) throw malformed("an element without a name");
  const qname = nameMatch[0];
  i += qname.length;
  const raw: Record<string, string> = {};
  for (;;) {
    const ws = /^\s*/.exec(xml.slice(i, i + 100))![0];
    i += ws.length;
    if (xml.startsWith("/>", i) || xml.startsWith(">", i)) break;
    if (!ws) throw malformed(`<${qname}>: attributes must be separated by spaces`);
    const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*("[^"<]*"|'[^'<]*')/.exec(xml.slice(i, i + XML_LIMITS.text));
    if (!attr) throw malformed(`<${qname}>: a malformed attribute`);
    if (attr[1]! in raw) throw malformed(`<${qname}>: attribute ${attr[1]} repeated`);
    if (Object.keys(raw).length >= XML_LIMITS.attributes) throw malformed(`<${qname}>: too many attributes`);
    raw[attr[1]!] = decode(attr[2]!.slice(1, -1));
    i += attr[0].length;
  }
  const selfClosing = xml.startsWith("/>", i);
  const prefixes = new Map(inherited);
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name === "xmlns") prefixes.set("", value || null);
    else if (name.startsWith("xmlns:")) prefixes.set(name.slice(6), value);
    else attributes[name] = value;
  }
  const colon = qname.indexOf(":");
  const prefix = colon < 0 ? "" : qname.slice(0, colon);
  if (prefix && !prefixes.has(prefix)) throw malformed(`namespace prefix ${prefix} is not declared`);
  const element: XmlElement = { name: qname.slice(colon + 1), namespace: prefixes.get(prefix) ?? null, attributes, children: [], text: "" };
  return { element, qname, prefixes, end: i + (selfClosing ? 2 : 1), selfClosing };
}

export const CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

const CHILDREN: Record<string, readonly string[]> = { alert: ALERT_FIELDS, info: INFO_FIELDS, area: AREA_FIELDS };
/** Elements read past: a resource (an attached file) is not kept. Elements of other namespaces (a signature) too. */
const SKIPPED = new Set(["resource"]);

/**
 * The CAP structure of an `<alert>` document, shaped as the JSON form (repeated elements as arrays,
 * valueName/value pairs as objects), for validateCap. Element paths in refusals match the JSON form's.
 */
export function capFromXml(root: XmlElement): Record<string, unknown> {
  if (root.name !== "alert" || root.namespace !== CAP_NAMESPACE) {
    throw new CapError("cap_invalid", undefined, `the root element must be <alert xmlns="${CAP_NAMESPACE}">`);
  }
  return container(root, "alert", "");
}

function container(element: XmlElement, kind: string, path: string): Record<string, unknown> {
  if (element.text.trim() !== "")
    throw new CapError("cap_invalid", path.slice(0, -1) || undefined, `${path.slice(0, -1) || "alert"} must hold elements, not text`);
  const allowed = CHILDREN[kind]!;
  const out: Record<string, unknown> = {};
  for (const child of element.children) {
    if (child.namespace !== CAP_NAMESPACE || SKIPPED.has(child.name)) continue;
    const field = `${path}${child.name}`;
    if (!allowed.includes(child.name)) throw new CapError("cap_invalid", field, `${field} is not a CAP 1.2 element here`);
    if (REPEATED.has(child.name)) {
      const values = (out[child.name] ??= []) as unknown[];
      values.push(read(child, `${field}[${values.length}]`));
    } else {
      if (child.name in out) throw new CapError("cap_invalid", field, `${field} appears more than once`);
      out[child.name] = read(child, field);
    }
  }
  return out;
}

function read(element: XmlElement, field: string): unknown {
  if (CHILDREN[element.name]) return container(element, element.name, `${field}.`);
  return PAIRS.has(element.name) ? pair(element, field) : leaf(element, field);
}

function leaf(element: XmlElement, field: string): string {
  if (element.children.some((c) => c.namespace === CAP_NAMESPACE)) throw new CapError("cap_invalid", field, `${field} must hold text, not elements`);
  return element.text;
}

function pair(element: XmlElement, field: string): { valueName?: string; value?: string } {
  const out: { valueName?: string; value?: string } = {};
  for (const child of element.children) {
    if (child.namespace !== CAP_NAMESPACE) continue;
    if (child.name !== "valueName" && child.name !== "value")
      throw new CapError("cap_invalid", `${field}.${child.name}`, `${field} holds only valueName and value`);
    if (child.name in out) throw new CapError("cap_invalid", `${field}.${child.name}`, `${field}.${child.name} appears more than once`);
    out[child.name] = leaf(child, `${field}.${child.name}`);
  }
  return out;
}
