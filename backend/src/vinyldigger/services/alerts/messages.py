"""What a delivery says: one event or a digest of several, as plain text and as HTML."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from vinyldigger.models import AlertEvent

MAX_TITLE = 200


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str
    # The page the e-mail's unsubscribe link opens, and the address mail clients POST to
    # for a one-click unsubscribe (RFC 8058); e-mail only.
    unsubscribe_url: str | None = None
    one_click_url: str | None = None


def _absolute(base_url: str, link: str) -> str:
    return base_url.rstrip("/") + link


def compose(
    events: Sequence[AlertEvent],
    *,
    base_url: str,
    unsubscribe_url: str | None = None,
    one_click_url: str | None = None,
) -> Message:
    """One event reads as itself; several read as a digest, newest last."""
    subject = events[0].title if len(events) == 1 else f"VinylDigger: {len(events)} alerts"
    text_lines: list[str] = []
    html_items: list[str] = []
    for event in events:
        url = _absolute(base_url, event.link)
        text_lines += [event.title, event.body, url, ""]
        html_items.append(
            f'<li><p><a href="{escape(url)}"><strong>{escape(event.title)}</strong></a></p>'
            f"<p>{escape(event.body)}</p></li>"
        )
    footer_text = ""
    footer_html = ""
    if unsubscribe_url:
        footer_text = f"\nStop these alerts (switches this rule off): {unsubscribe_url}\n"
        footer_html = (
            f'<p style="color:#666;font-size:12px"><a href="{escape(unsubscribe_url)}">'
            "Stop these alerts</a> (switches this rule off).</p>"
        )
    text = "\n".join(text_lines) + footer_text
    html = (
        '<!doctype html><html><body style="font-family:sans-serif">'
        f'<ul style="list-style:none;padding:0">{"".join(html_items)}</ul>{footer_html}'
        "</body></html>"
    )
    return Message(subject[:MAX_TITLE], text, html, unsubscribe_url, one_click_url)
