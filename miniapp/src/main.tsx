import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RecoilRoot } from "recoil";
import "zmp-ui/button/styles/button.css";
import "./styles/app.css";
import { App } from "./app";
import { insideZalo } from "./platform";

document.documentElement.classList.toggle("in-zalo", insideZalo);

// The first history entry is index 0: "back" from a deep-linked page then goes to the home page.
if (typeof (window.history.state as { index?: unknown } | null)?.index !== "number") {
  window.history.replaceState({ ...(window.history.state ?? {}), index: 0 }, "");
}

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RecoilRoot>
      <App />
    </RecoilRoot>
  </StrictMode>,
);
