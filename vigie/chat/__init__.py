"""Live anonymous chat between a citizen and the cell (CROSS) of their département.

Decisions, in one place:

- A conversation has its own receipt (``VC-…`` + secret, shown once); the citizen reads and
  continues it with the receipt only. No account, no session holding the secret: the plain
  page carries it in hidden POST fields (``Cache-Control: no-store``), the live page sends it
  in the socket's first frame, never in a URL.
- Every message is sealed twice, for the cell and for the citizen (key derived from the
  receipt): the public side reads the history only with the receipt.
- Citizen times are kept to the minute (see models.py); order is a per-conversation sequence
  number, which reconnection resumes from. Sends are idempotent on a client-chosen UUID.
- Limits: message size (CHAT_MESSAGE_MAX_LENGTH) and rate per conversation; conversation
  starts per client, by the rotating keyed bucket of vigie.core.abuse. Never by client address.
- Presence (is anyone of the département connected?) lives in the shared cache with expiry,
  so it holds across server processes (presence.py).
- A conversation turned into a report: the report is the cell's record (analysed, triaged,
  scored like any other, linked from the conversation). Its own receipt is never shown: the
  citizen keeps following the conversation with the conversation's receipt.
- Agents reach conversations only through access.py (404 outside their département), and
  every access or action is audited. The JSON protocol is documented in consumers.py.
"""
