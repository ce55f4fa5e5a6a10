"""Sending a composed message: e-mail over SMTP (aiosmtplib) and push through Apprise URLs.

A send either returns or raises SendFailed with a reason safe to show the user: server
answers and exception types, never a password or a push URL.
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import make_msgid

import aiosmtplib
import apprise

from vinyldigger.services.alerts.mail_server import SmtpConfig
from vinyldigger.services.alerts.messages import Message

IMPLICIT_TLS_PORT = 465
_URLS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


class SendFailed(Exception):
    """The channel did not take the message; `str()` says why, without secrets."""


def email_message(config: SmtpConfig, recipient: str, message: Message) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = config.sender
    mail["To"] = recipient
    mail["Subject"] = message.subject
    mail["Message-ID"] = make_msgid(domain=config.sender.rpartition("@")[2] or None)
    if message.one_click_url:
        # RFC 8058: mail clients offer a one-click "unsubscribe" that POSTs to this link.
        mail["List-Unsubscribe"] = f"<{message.one_click_url}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail.set_content(message.text)
    mail.add_alternative(message.html, subtype="html")
    return mail


async def send_email(
    config: SmtpConfig, recipient: str, message: Message, *, wait_seconds: float
) -> None:
    implicit_tls = config.port == IMPLICIT_TLS_PORT
    try:
        await aiosmtplib.send(
            email_message(config, recipient, message),
            hostname=config.host,
            port=config.port,
            username=config.username,
            password=config.password,
            use_tls=implicit_tls,
            start_tls=config.starttls if not implicit_tls else False,
            timeout=wait_seconds,
        )
    except aiosmtplib.SMTPResponseException as exc:
        raise SendFailed(f"The mail server answered {exc.code}: {exc.message[:200]}") from exc
    except (aiosmtplib.SMTPException, OSError, TimeoutError, ValueError) as exc:
        # ValueError: a name or address the server connection cannot encode.
        raise SendFailed(f"Could not send through {config.host}: {type(exc).__name__}") from exc


def push_service(url: str) -> str | None:
    """The Apprise service a URL names ("ntfy", "tgram", "json"), or None if it names none."""
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        return None
    scheme = url.split("://", 1)[0].lower()
    return scheme[:32]


async def send_push(urls: list[str], message: Message) -> None:
    notifier = apprise.Apprise()
    for url in urls:
        notifier.add(url)
    with apprise.LogCapture(level=apprise.logging.WARNING) as captured:  # type: ignore[no-untyped-call]
        try:
            delivered = await notifier.async_notify(body=message.text, title=message.subject)
        except Exception as exc:  # a plugin failing in its own way is still a refused send
            raise SendFailed(f"The push service failed: {type(exc).__name__}") from exc
    if not delivered:
        lines = [line for line in captured.getvalue().splitlines() if line.strip()]
        reason = _URLS.sub("(url)", lines[-1])[:300] if lines else "no details"
        raise SendFailed(f"The push service did not take the message: {reason}")
