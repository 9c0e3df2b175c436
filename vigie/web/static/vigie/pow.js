// Proof-of-work for anonymous submissions (vigie/core/abuse.py is the server side).
//
// Find a nonce such that SHA-256("<challenge>:<nonce>") starts with `difficulty` zero bits;
// nonces are counters written in lower-case hexadecimal (0, 1, …, a, b, …), the same loop
// as abuse.solve() in Python. The search runs in a Web Worker so the page stays responsive.
//
// Usage (an ES module):
//   import { solveChallenge } from "/static/vigie/pow.js";
//   const pow = await solveChallenge("/api/v1");   // -> { challenge, nonce }
//
// This same file is the worker (loaded with { type: "module" }): in a worker it answers
// messages { challenge, difficulty } with { nonce }.

const encoder = new TextEncoder();
const BATCH = 64; // digests in flight at once: crypto.subtle is asynchronous

export function leadingZeroBits(bytes) {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

async function digest(challenge, nonce) {
  const data = encoder.encode(`${challenge}:${nonce}`);
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data));
}

// The search itself; usable without a worker (tests, or a browser without module workers).
export async function findNonce(challenge, difficulty) {
  if (difficulty <= 0) return "0";
  for (let start = 0; ; start += BATCH) {
    const nonces = [];
    for (let counter = start; counter < start + BATCH; counter += 1) {
      nonces.push(counter.toString(16));
    }
    const digests = await Promise.all(nonces.map((nonce) => digest(challenge, nonce)));
    // The first solution in counter order, so every implementation finds the same nonce.
    for (let index = 0; index < digests.length; index += 1) {
      if (leadingZeroBits(digests[index]) >= difficulty) return nonces[index];
    }
  }
}

function inWorker() {
  return typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope;
}

function solveInWorker(challenge, difficulty) {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(import.meta.url, { type: "module" });
    } catch (error) {
      reject(error);
      return;
    }
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data.nonce);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "pow worker failed"));
    };
    worker.postMessage({ challenge, difficulty });
  });
}

// Fetch a challenge from the API and solve it. Rejects when the browser cannot
// (no Web Crypto outside a secure context): the form then sends without proof-of-work,
// under the server's stricter limit for such submissions.
export async function solveChallenge(apiBase) {
  if (!globalThis.crypto || !crypto.subtle) {
    throw new Error("Web Crypto is not available");
  }
  const base = apiBase.replace(/\/+$/, "");
  const response = await fetch(`${base}/challenge`, {
    credentials: "omit",
    cache: "no-store",
    headers: { Accept: "application/json" },
  });
  if (!response.ok) throw new Error(`challenge: HTTP ${response.status}`);
  const { challenge, difficulty } = await response.json();
  let nonce;
  try {
    nonce = await solveInWorker(challenge, difficulty);
  } catch {
    nonce = await findNonce(challenge, difficulty); // no module worker: on the page itself
  }
  return { challenge, nonce };
}

if (inWorker()) {
  self.onmessage = async (event) => {
    const { challenge, difficulty } = event.data;
    self.postMessage({ nonce: await findNonce(challenge, difficulty) });
  };
}
