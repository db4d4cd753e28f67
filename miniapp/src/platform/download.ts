/**
 * Saving a text file on the phone, loaded with the page that offers it (not with the first screen). Inside Zalo
 * through Zalo's download (it names the file itself); in a browser as a download named `fileName`; if Zalo refuses
 * (an old Zalo, or the permission not granted), the browser's way.
 */
import { insideZalo } from "./index";

export async function saveTextFile(fileName: string, text: string, type: string): Promise<void> {
  if (insideZalo) {
    try {
      return await (await import("./zalo")).saveText(text);
    } catch {
      // fall through to the browser's download
    }
  }
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own copy by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
