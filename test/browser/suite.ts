/**
 * What every browser test file shares: one Chromium for the file, a fresh phone per call, and the API and slips
 * of the demo province as oracles.
 */
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { OwnerDossier } from "../../miniapp/src/api/types";
import { signedFetch } from "../../scripts/lib/signing";
import { launchBrowser, newPhone, type Phone } from "./phone";

const { apiUrl, appUrl, integration } = inject("miniapp");

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

/**
 * A real JPEG made by the browser itself: a green field with a yellow block, `width`×`height`, as bytes to give a
 * file input.
 */
export async function browserJpeg(page: Page, width: number, height: number): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ([w, h]) => {
      const canvas = document.createElement("canvas");
      canvas.width = w;
      canvas.height = h;
      const g = canvas.getContext("2d")!;
      g.fillStyle = "#2a7";
      g.fillRect(0, 0, w, h);
      g.fillStyle = "#fc0";
      g.fillRect(w / 3, h / 5, (3 * w) / 8, (7 * h) / 12);
      const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), "image/jpeg", 0.9));
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    [width, height] as const,
  );
  return Buffer.from(bytes);
}

/** A phone signed in as dev user `user` of the fake Zalo (through the home page, as a citizen arrives), then on `path`. */
export async function phoneSignedInAs(openPhone: ReturnType<typeof phoneSuite>, user: string, path: string): Promise<Page> {
  const phone = await openPhone();
  await phone.page.goto(`${appUrl}/?devUser=${user}`);
  await expect.poll(() => phone.page.getByRole("textbox", { name: "Nhập mã hồ sơ" }).isVisible()).toBe(true);
  await phone.page.goto(`${appUrl}${path}`);
  return phone.page;
}
