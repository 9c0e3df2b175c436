"""Agents' login: password, then a second factor, under throttling, lockout and expiry.

The password step only proves the password: it keeps the agent *pending* in the session
(for a few minutes) and logs nobody in. `auth.login()` runs only after the second factor
(a TOTP code, or a single-use recovery code), or after enrolling an authenticator at the
first login. So every back-office view, the agent socket included, that checks
`user.is_authenticated` sees only agents who passed both factors: no view can forget it.
"""
