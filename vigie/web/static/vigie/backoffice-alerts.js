// Live alerts of the back office: a new urgent report of the département reaches every open
// page at once (socket protocol: vigie/notifications/consumers.py). The alert shows a link
// and a count, an optional beep (off by default, the choice kept in this browser), and the
// triage queue refreshes in place. Without JavaScript the pages are the same, reloaded by hand.
"use strict";
(function () {
  const root = document.getElementById("vigie-alerts");
  if (!root || !window.VigieChatSocket) { return; }
  const list = root.querySelector("[data-alert-list]");
  const badge = root.querySelector("[data-alert-count]");
  const toggle = root.querySelector("[data-alert-sound]");
  const SOUND_KEY = "vigie.alerts.sound";
  let count = 0;
  let audio = null;

  root.hidden = false;
  toggle.checked = window.localStorage.getItem(SOUND_KEY) === "on";
  toggle.addEventListener("change", () => {
    window.localStorage.setItem(SOUND_KEY, toggle.checked ? "on" : "off");
    if (toggle.checked) { beep(); }  // a user gesture: lets the browser play later ones
  });

  // Two short tones made here by the Web Audio API: no sound file, nothing downloaded.
  function beep() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    audio = audio || new Context();
    [0, 0.25].forEach((start, index) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = index ? 660 : 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime + start);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + start + 0.2);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + start);
      oscillator.stop(audio.currentTime + start + 0.2);
    });
  }

  function show(frame) {
    count += 1;
    badge.textContent = String(count);
    badge.hidden = false;
    const item = document.createElement("li");
    const link = document.createElement("a");
    const chat = frame.kind === "chat";
    const pattern = chat ? root.dataset.chatUrl : root.dataset.reportUrl;
    link.href = pattern.replace("00000000-0000-0000-0000-000000000000", frame.id);
    link.textContent = frame.reference;
    item.append((chat ? root.dataset.urgentChatLabel : root.dataset.urgentLabel) + " ", link);
    if (frame.commune) { item.append(" — " + frame.commune); }
    list.prepend(item);
    root.classList.add("vigie-alerts--active");
    if (toggle.checked) { beep(); }
  }

  // The triage queue (when on this page) is replaced by a fresh copy of itself.
  // A refresh that fails (the server busy storing the new report) is tried again, 3 times.
  function refreshQueue(attempt = 0) {
    const queue = document.querySelector("[data-live-queue]");
    if (!queue) { return; }
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        const fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live-queue]").forEach((element) => {
          const replacement = fresh.getElementById(element.id);
          if (replacement) { element.replaceWith(replacement); }
        });
        document.dispatchEvent(new CustomEvent("vigie:queue-refreshed"));
      })
      .catch(() => {
        if (attempt < 3) { window.setTimeout(() => refreshQueue(attempt + 1), 1000 * (attempt + 1)); }
      });
  }

  window.VigieChatSocket(root.dataset.socket, {
    onState: (state) => { root.dataset.state = state; },
    onOpen: () => {},
    onFrame: (frame) => {
      if (frame.type !== "urgent") { return; }
      show(frame);
      refreshQueue();
    },
  });
})();
