import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RecoilRoot } from "recoil";
import "zmp-ui/button/styles/button.css";
import "./styles/app.css";
import { App, setBrandVariables } from "./app";
import { CURRENT_PROVINCE, SERVICE_WORKER_URL } from "./config";
import { insideZalo } from "./platform";

document.documentElement.classList.toggle("in-zalo", insideZalo);
setBrandVariables(CURRENT_PROVINCE.primaryColor, CURRENT_PROVINCE.accentColor);

// The first history entry is index 0: "back" from a deep-linked page then goes to the home page.
if (typeof (window.history.state as { index?: unknown } | null)?.index !== "number") {
  window.history.replaceState({ ...(window.history.state ?? {}), index: 0 }, "");
}

// #app holds index.html's copy of the home page (miniapp/build/shell.ts): React's first commit replaces it.
createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RecoilRoot>
      <App />
    </RecoilRoot>
  </StrictMode>,
);

// On the web the app works without network once seen (miniapp/service-worker). Registered after the page has
// loaded, so it never competes with the first screen; never inside Zalo, which keeps the package itself.
if (SERVICE_WORKER_URL && !insideZalo && "serviceWorker" in navigator) {
  const register = () => void navigator.serviceWorker.register(SERVICE_WORKER_URL).catch(() => undefined);
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
