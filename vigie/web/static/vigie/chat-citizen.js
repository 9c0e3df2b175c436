// Live citizen chat over the no-JavaScript page: the same form, sent over a WebSocket.
// The receipt is read from the form's hidden fields and sent in the first frame, never in
// a URL. Unacknowledged messages are resent after a reconnection (idempotent on their id).
"use strict";
(function () {
  const form = document.querySelector("[data-chat-citizen]");
  if (!form || !window.WebSocket) { return; }
  const thread = document.getElementById("chat-thread");
  const status = document.getElementById("chat-status");
  const errors = document.getElementById("chat-error");
  const textarea = form.querySelector("textarea[name=text]");
  const photo = form.querySelector("input[type=file]");
  const labels = {
    citizen: "Vous", agent: "Agent", system: "Information", photo: "Photo jointe",
  };
  const reference = form.querySelector("input[name=reference]").value;
  const secret = form.querySelector("input[name=secret]").value;
  let lastSeq = Number(form.dataset.lastSeq || "0");
  const pending = new Map(); // client id → text, until acknowledged
  let typingTimer = null;
  let lastTypingSent = 0;

  form.querySelectorAll("[data-chat-refresh], [data-chat-nojs-hint]").forEach((el) => { el.hidden = true; });

  function setStatus(text) { status.textContent = text; }
  function showError(text) {
    errors.replaceChildren();
    if (!text) { return; }
    const box = document.createElement("div");
    box.className = "fr-alert fr-alert--error fr-alert--sm fr-mb-2w";
    const p = document.createElement("p");
    p.textContent = text;
    box.append(p);
    errors.append(box);
  }

  function render(message) {
    if (message.seq) { lastSeq = Math.max(lastSeq, message.seq); }
    window.vigieRenderMessage(thread, message, labels);
  }

  function sendPending(send) {
    pending.forEach((text, id) => send({ type: "message", id: id, text: text }));
  }

  // The banner above the thread says who is there: rendered by the server, switched here on
  // every status the socket reports (its translated texts are in the banner's data-text-*).
  const banner = document.querySelector("[data-chat-availability]");
  function availability(state, agentsOnline) {
    if (!banner) { return; }
    const variants = {
      active: ["fr-alert--success fr-alert--sm", banner.dataset.textActive],
      closed: ["fr-alert--info", banner.dataset.textClosed],
      online: ["fr-alert--info fr-alert--sm", banner.dataset.textOnline],
    };
    const key = state === "waiting" ? (agentsOnline ? "online" : null) : state;
    if (!variants[key]) { return; }
    const box = document.createElement("div");
    box.className = "fr-alert fr-mb-3w " + variants[key][0];
    const p = document.createElement("p");
    p.textContent = variants[key][1];
    box.append(p);
    banner.replaceChildren(box);
    banner.dataset.state = key;
  }

  // Tests and assistive tools wait on this, never on time: "ready" once the server has
  // welcomed this page (authenticated, subscribed, thread caught up).
  function setState(state) { form.dataset.chatState = state; }

  const socket = window.VigieChatSocket(form.dataset.socket, {
    onOpen: (send) => send({ type: "hello", reference: reference, secret: secret, last_seq: lastSeq }),
    onState: (state) => {
      if (state !== "open") { setState(state); }
      if (state === "lost") { setStatus("Connexion perdue : reconnexion en cours… Vos messages partiront dès le retour du réseau."); }
      if (state === "refused") { setStatus("La discussion n’est plus accessible avec ce récépissé."); }
    },
    onFrame: (frame, send) => {
      if (frame.type === "welcome") {
        frame.messages.forEach(render);
        availability(frame.conversation.status, frame.conversation.agents_online);
        setStatus(frame.conversation.agent ? frame.conversation.agent + " suit la discussion." : "");
        sendPending(send);
        setState("ready");
      } else if (frame.type === "message") {
        // A gap in the sequence: a live event was dropped on the way (the message is stored).
        // Ask for everything after what this page has shown; duplicates are ignored by seq.
        if (frame.seq && frame.seq > lastSeq + 1) { send({ type: "resume", last_seq: lastSeq }); }
        render(frame);
        if (frame.author === "agent") { setStatus(""); }
      } else if (frame.type === "ack") {
        const item = thread.querySelector('[data-id="' + frame.id + '"]');
        if (item) { item.dataset.seq = String(frame.seq); item.classList.remove("vigie-chat__message--pending"); }
        pending.delete(frame.id);
        // Past the next number: a message before this one was lost on the way. Moving
        // lastSeq past it would hide the gap from the next message's check: ask first.
        if (frame.seq > lastSeq + 1) { send({ type: "resume", last_seq: lastSeq }); }
        lastSeq = Math.max(lastSeq, frame.seq);
      } else if (frame.type === "typing") {
        setStatus("L’agent écrit…");
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(() => setStatus(""), 4000);
      } else if (frame.type === "status") {
        availability(frame.status, false);
        if (frame.status === "active") { setStatus(frame.agent + " a rejoint la discussion."); }
        if (frame.status === "closed") { setStatus("La cellule a clôturé la discussion."); form.hidden = true; }
      } else if (frame.type === "error") {
        showError(frame.message);
        if (frame.id && pending.has(frame.id)) {
          // Not stored: give the text back, nothing is lost.
          if (!textarea.value) { textarea.value = pending.get(frame.id); }
          pending.delete(frame.id);
          thread.querySelector('[data-id="' + frame.id + '"]')?.remove();
        }
      }
    },
  });

  // « J'ai conservé mon récépissé »: without JavaScript a POST that keeps what was typed;
  // here the card simply goes, and later forms stop asking for it.
  document.querySelector("[data-chat-receipt-kept]")?.addEventListener("click", (event) => {
    event.preventDefault();
    document.querySelector("[data-chat-receipt]")?.remove();
    form.querySelector("[data-chat-receipt-pending]")?.remove();
    textarea.focus();
  });

  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.name === "refresh") { return; }
    if (photo && photo.files.length) { return; } // a photo goes through the plain form
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) { textarea.focus(); return; }
    showError("");
    const id = window.vigieNewId();
    pending.set(id, text);
    window.vigieShowPending(thread, { author: "citizen", id: id, text: text }, labels);
    textarea.value = "";
    textarea.focus();
    socket.send({ type: "message", id: id, text: text });
  });

  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  textarea.addEventListener("input", () => {
    const now = Date.now();
    // Counted only once sent: a keystroke before the socket is ready must not silence the
    // next three seconds of typing.
    if (form.dataset.chatState === "ready" && now - lastTypingSent > 3000 && socket.send({ type: "typing" })) {
      lastTypingSent = now;
    }
  });
})();
