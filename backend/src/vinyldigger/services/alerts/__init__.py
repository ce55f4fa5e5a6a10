"""Alerts: events found after search runs and basket plans, the user's rules for them, and
their delivery in the app, by e-mail and through Apprise push URLs.

kinds (names and shapes) → events (what happened, stored once) → rules (who is told, how,
when) → timing (quiet hours, digests) → delivery (claimed, sent once, logged) → channels.
"""
