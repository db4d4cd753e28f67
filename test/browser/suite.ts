/**
 * What every browser test file shares: one Chromium for the file, a fresh phone per call, and the API and slips
 * of the demo province as oracles.
 */
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import type { Browser } from "playwright-core";
import type { OwnerDossier } from "../../miniapp/src/api/types";
import { signedFetch } from "../../scripts/lib/signing";
import { launchBrowser, newPhone, type Phone } from "./phone";

const { apiUrl, integration } = inject("miniapp");

/**
 * Registers the file's browser and returns `openPhone`: a new phone (an empty 390×844 browser context). After each
 * test every phone it opened is closed, and a crash or an unhandled rejection on any of them fails that test.
 */
export function phoneSuite(): (options?: Parameters<typeof newPhone>[1]) => Promise<Phone> {
  let browser: Browser | undefined;
  let close: (() => Promise<void>) | undefined;
  let opened: Phone[] = [];
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => {
    await close?.();
  });
  afterEach(async () => {
    const errors = opened.flatMap((phone) => phone.pageErrors);
    await Promise.all(opened.map((phone) => phone.context.close()));
    opened = [];
    expect(errors).toEqual([]);
  });
  return async (options) => {
    const phone = await newPhone(browser!, options);
    opened.push(phone);
    return phone;
  };
}

/** A GET the test reads as the truth (from the local API, or another origin such as the web app's). */
export async function api<T>(path: string, base = apiUrl): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A dossier's slip as its one-stop system prints it: the QR's deep link and the token in it. */
export async function slipOf(code: string): Promise<{ qrContent: string; token: string }> {
  const res = await signedFetch(apiUrl, integration, "GET", `/v1/integration/dossiers/${encodeURIComponent(code)}/slip`);
  if (!res.ok) throw new Error(`slip ${code}: ${res.status} ${await res.text()}`);
  const { qrContent } = (await res.json()) as { qrContent: string };
  return { qrContent, token: slipToken(qrContent) };
}

export const slipToken = (qrContent: string) => new URL(qrContent).searchParams.get("t")!;

/** Where Zalo's camera opens the mini app for a slip's QR: /dossier?code=…&t=…. */
export const deepLinkPath = (qrContent: string) => `/dossier${new URL(qrContent).search}`;

/** The owner view as the slip's holder gets it from the API. */
export const ownerViewOf = (code: string, token: string) => api<OwnerDossier>(`/v1/dossiers/${encodeURIComponent(code)}?t=${encodeURIComponent(token)}`);
