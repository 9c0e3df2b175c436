// Progressive enhancement only: every page works without this file.
"use strict";
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
// The installable app: the service worker caches the shell only (see vigie/web/public/pwa.py).
if ("serviceWorker" in navigator && document.querySelector("link[rel=manifest]")) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  });
}
