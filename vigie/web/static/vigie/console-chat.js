// Agent console, live: the queue updates itself; a conversation page receives the citizen's
// messages and typing, and sends replies over the agent socket (session cookie).
// Every action also works as a plain form without this file. Protocol: vigie/chat/consumers.py.
"use strict";
(function () {
  const consolePage = document.querySelector("[data-console]");
  const conversationPage = document.querySelector("[data-console-conversation]");
  const root = consolePage || conversationPage;
  if (!root || !window.WebSocket) { return; }
  const labels = { citizen: "Citoyen", agent: "Agent", system: "Information", photo: "Photo jointe" };
  const baseTitle = document.title;

  function text(tag, content, className) {
    const el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = content;
    return el;
  }

  // ---- the queue (console page)
  function renderQueue(frame) {
    const count = document.getElementById("queue-count");
    count.textContent = String(frame.count);
    document.title = (frame.count ? "(" + frame.count + ") " : "") + baseTitle;
    const nav = document.querySelector("[data-testid=nav-chat]");
    if (nav) { nav.textContent = "Discussions (" + frame.count + " en attente)"; }
    const body = document.getElementById("queue-body");
    const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
    const base = root.dataset.conversationUrl;
    body.replaceChildren();
    if (!frame.queue.length) {
      const row = document.createElement("tr");
      const cell = text("td", "Personne n’attend.");
      cell.colSpan = 5;
      row.append(cell);
      body.append(row);
      return;
    }
    frame.queue.forEach((item) => {
      const row = document.createElement("tr");
      const link = text("a", item.reference);
      link.href = base + item.id + "/";
      const refCell = document.createElement("td");
      refCell.append(link);
      const since = new Date(item.waiting_since);
      const time = text("time", since.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" }));
      time.dateTime = since.toISOString();
      const sinceCell = document.createElement("td");
      sinceCell.append(time);
      const form = document.createElement("form");
      form.method = "post";
      form.action = base + item.id + "/prendre/";
      const token = document.createElement("input");
      token.type = "hidden"; token.name = "csrfmiddlewaretoken"; token.value = csrf;
      const button = text("button", "Prendre", "fr-btn fr-btn--sm");
      button.type = "submit";
      form.append(token, button);
      const actionCell = document.createElement("td");
      actionCell.append(form);
      row.append(refCell, sinceCell, text("td", item.commune || "—"), text("td", String(item.messages)), actionCell);
      body.append(row);
    });
  }

  function notice(message, href) {
    const box = document.getElementById("console-notice");
    const alert = document.createElement("div");
    alert.className = "fr-alert fr-alert--info fr-alert--sm fr-mb-2w";
    const p = document.createElement("p");
    const link = text("a", message);
    link.href = href;
    p.append(link);
    alert.append(p);
    box.replaceChildren(alert);
  }

  // ---- one conversation (conversation page)
  const conversationId = conversationPage ? conversationPage.dataset.consoleConversation : null;
  const thread = document.getElementById("chat-thread");
  const status = document.getElementById("chat-status");
  const errors = document.getElementById("chat-error");
  const form = document.getElementById("chat-form");
  const textarea = form ? form.querySelector("textarea[name=text]") : null;
  let lastSeq = conversationPage ? Number(conversationPage.dataset.lastSeq || "0") : 0;
  const pending = new Map();
  let typingTimer = null;
  let lastTypingSent = 0;

  function render(message) {
    if (message.seq) { lastSeq = Math.max(lastSeq, message.seq); }
    window.vigieRenderMessage(thread, message, labels);
  }

  function showError(message) {
    errors.replaceChildren();
    if (message) {
      const box = document.createElement("div");
      box.className = "fr-alert fr-alert--error fr-alert--sm fr-mb-2w";
      box.append(text("p", message));
      errors.append(box);
    }
  }

  const connection = document.getElementById("console-connection");
  // Tests wait on this, never on time: "ready" once the server has sent this page its state
  // (the queue, subscribed to it; or the conversation's thread, subscribed to it).
  function setState(state) { root.dataset.chatState = state; }
  const socket = window.VigieChatSocket(root.dataset.socket, {
    onOpen: (send) => {
      if (connection) { connection.textContent = "Connecté : la file se met à jour toute seule."; }
      if (conversationId) {
        send({ type: "open", conversation: conversationId, last_seq: lastSeq });
      }
    },
    onState: (state) => {
      if (state !== "open") { setState(state); }
      const message = state === "lost" ? "Connexion perdue : reconnexion en cours…" : state === "refused" ? "Session expirée : reconnectez-vous." : "";
      if (connection && message) { connection.textContent = message; }
      if (status && message) { status.textContent = message; }
    },
    onFrame: (frame, send) => {
      if (frame.type === "queue" && consolePage) { renderQueue(frame); setState("ready"); }
      else if (frame.type === "assigned" && consolePage) {
        notice("Un collègue vous a transmis la discussion " + frame.reference + " : l’ouvrir", root.dataset.conversationUrl + frame.conversation + "/");
      } else if (!conversationId || (frame.conversation && frame.conversation !== conversationId)) {
        return;
      } else if (frame.type === "thread") {
        frame.messages.forEach(render);
        status.textContent = "";
        pending.forEach((body, id) => send({ type: "message", conversation: conversationId, id: id, text: body }));
        setState("ready");
      } else if (frame.type === "message") {
        // A gap in the sequence: a live event was dropped on the way (the message is stored).
        // Open the conversation again from what this page has shown: the server answers
        // with a thread frame of what is missing; duplicates are ignored by seq.
        if (frame.seq && frame.seq > lastSeq + 1) {
          send({ type: "open", conversation: conversationId, last_seq: lastSeq });
        }
        render(frame);
        if (frame.author === "citizen") { status.textContent = ""; }
      } else if (frame.type === "ack") {
        const item = thread.querySelector('[data-id="' + frame.id + '"]');
        if (item) { item.dataset.seq = String(frame.seq); item.classList.remove("vigie-chat__message--pending"); }
        pending.delete(frame.id);
      } else if (frame.type === "typing") {
        status.textContent = "Le citoyen écrit…";
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(() => { status.textContent = ""; }, 4000);
      } else if (frame.type === "status" && frame.status === "closed") {
        status.textContent = "La discussion est clôturée.";
      } else if (frame.type === "error") {
        showError(frame.message);
        if (frame.id && pending.has(frame.id)) {
          if (textarea && !textarea.value) { textarea.value = pending.get(frame.id); }
          pending.delete(frame.id);
          thread.querySelector('[data-id="' + frame.id + '"]')?.remove();
        }
      }
    },
  });

  if (form && textarea) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = textarea.value.trim();
      if (!body) { textarea.focus(); return; }
      showError("");
      const id = window.vigieNewId();
      pending.set(id, body);
      window.vigieShowPending(thread, { author: "agent", id: id, text: body }, labels);
      textarea.value = "";
      textarea.focus();
      socket.send({ type: "message", conversation: conversationId, id: id, text: body });
    });
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
    });
    textarea.addEventListener("input", () => {
      const now = Date.now();
      // Counted only once sent to an opened conversation: a keystroke before the thread
      // frame must not silence the next three seconds of typing.
      if (root.dataset.chatState === "ready" && now - lastTypingSent > 3000
          && socket.send({ type: "typing", conversation: conversationId })) {
        lastTypingSent = now;
      }
    });
    const canned = document.querySelector("[data-canned-replies]");
    if (canned) {
      canned.addEventListener("change", () => {
        if (!canned.value) { return; }
        textarea.value = textarea.value ? textarea.value + "\n" + canned.value : canned.value;
        canned.value = "";
        textarea.focus();
      });
    }
  }
})();
