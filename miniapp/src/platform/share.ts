/**
 * Sharing a page of the app: Zalo's share sheet inside Zalo (a link that opens the mini app at `path`); outside,
 * the browser's share sheet (Web Share API), else the address copied for pasting. Its own module, so the first
 * screen's script does not carry it.
 */
import { copyText } from "./browser";
import { insideZalo } from "./index";

export type ShareOutcome = "shared" | "copied" | "cancelled" | "failed";

export type SharedPage = { title: string; description: string; path: string; url: string; thumbnail: string };

export async function sharePage(page: SharedPage): Promise<ShareOutcome> {
  if (insideZalo) {
    try {
      const { title, description, path, thumbnail } = page;
      return (await (await import("./zalo")).share({ title, description, path, thumbnail })) ? "shared" : "cancelled";
    } catch {
      return "failed";
    }
  }
  if (typeof navigator.share === "function") {
    try {
      await navigator.share({ title: page.title, text: page.description, url: page.url });
      return "shared";
    } catch (error) {
      // The citizen closed the sheet; any other refusal falls back to copying.
      if (error instanceof DOMException && error.name === "AbortError") return "cancelled";
    }
  }
  return (await copyText(page.url)) ? "copied" : "failed";
}
