// A WebSocket that comes back: reconnects with backoff after a drop (a phone switching
// networks), and lets the page re-authenticate and resume on every (re)open.
// Used by the citizen chat and the agent console. Protocol: vigie/chat/consumers.py.
"use strict";
window.VigieChatSocket = function (path, handlers) {
  const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  const url = scheme + window.location.host + path;
  let socket = null;
  let delay = 500;
  let stopped = false;

  function connect() {
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      delay = 500;
      handlers.onState("open");
      handlers.onOpen(send);
    });
    socket.addEventListener("message", (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch (error) { return; }
      handlers.onFrame(frame, send);
    });
    socket.addEventListener("close", (event) => {
      socket = null;
      if (stopped || event.code === 4403) {
        handlers.onState("refused");
        return;
      }
      handlers.onState("lost");
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    });
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  window.addEventListener("online", () => { if (!socket) { delay = 500; connect(); } });
  connect();
  return { send: send, stop: () => { stopped = true; if (socket) { socket.close(); } } };
};

// A UUID for idempotent sends, also on plain-HTTP origins where randomUUID is missing.
window.vigieNewId = function () {
  if (window.crypto.randomUUID) { return window.crypto.randomUUID(); }
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
};

// One message of a thread, built as text nodes (never innerHTML: messages are untrusted).
window.vigieMessageItem = function (message, labels) {
  const item = document.createElement("li");
  item.className = "vigie-chat__message vigie-chat__message--" + message.author;
  if (message.seq) { item.dataset.seq = String(message.seq); }
  if (message.id) { item.dataset.id = message.id; }
  const meta = document.createElement("p");
  meta.className = "vigie-chat__meta";
  const when = message.at ? new Date(message.at) : new Date();
  const time = document.createElement("time");
  time.dateTime = when.toISOString();
  time.textContent = when.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });
  meta.append((labels[message.author] || message.author) + " · ", time);
  const text = document.createElement("p");
  text.className = "vigie-chat__text";
  text.textContent = message.text;
  if (message.attachment) {
    const badge = document.createElement("span");
    badge.className = "fr-badge fr-badge--sm";
    badge.textContent = labels.photo;
    text.append(" ", badge);
  }
  item.append(meta, text);
  return item;
};

// A message being sent: shown at once, marked pending until the server acknowledges it.
window.vigieShowPending = function (thread, message, labels) {
  const item = window.vigieMessageItem(message, labels);
  item.classList.add("vigie-chat__message--pending");
  thread.querySelector(".vigie-chat__empty")?.remove();
  thread.append(item);
  return item;
};

// Show a message from the server once, in sequence order: a message recovered after a gap
// (resume) goes before the later ones already shown; the pending copy of one's own message
// (same client id) is replaced by the acknowledged one.
window.vigieRenderMessage = function (thread, message, labels) {
  if (message.seq && thread.querySelector('[data-seq="' + message.seq + '"]')) { return; }
  const existing = message.id ? thread.querySelector('[data-id="' + message.id + '"]') : null;
  const item = window.vigieMessageItem(message, labels);
  thread.querySelector(".vigie-chat__empty")?.remove();
  if (existing) {
    existing.replaceWith(item);
  } else {
    const later = message.seq
      ? Array.from(thread.querySelectorAll("[data-seq]")).find((el) => Number(el.dataset.seq) > message.seq)
      : null;
    thread.insertBefore(item, later || null);
  }
  item.scrollIntoView({ block: "nearest" });
};
