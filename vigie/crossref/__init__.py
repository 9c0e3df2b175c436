"""Cross-referencing: reports linked into dossiers, on encrypted data, on the back office side.

- The pure engine (`vigie.engine.linking`) normalises entities, compares two reports and
  clusters them; this app stores what it needs and nothing in clear: blind-index tokens
  (HMAC under the deployment's blind-index key) to find candidates, links whose evidence is
  sealed to the cell like report contents, dossiers and the analysts' decisions.
- Linking runs in a background task (`django-tasks`, database backend) enqueued by the
  submission service: the internet-facing intake writes the queue row and never holds the
  private key nor the blind-index key (docs/security.md).
"""
