"""Structured logs with a request id, and a scrubber that keeps secrets out of them.

Two renderings of the same events: "console" (the default) writes one short readable line per
event for a terminal, colours only when it is one; "json" writes one JSON object per line for
production log collectors (VINYLDIGGER_LOG_FORMAT=json).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any, TextIO

import structlog

# Any log field whose name contains one of these is replaced before it is written.
SENSITIVE_KEY_PARTS = ("password", "token", "secret", "authorization", "cookie", "api_key")
REDACTED = "[redacted]"


def _scrub(value: Any) -> Any:
    if isinstance(value, MutableMapping):
        return {k: REDACTED if _is_sensitive(str(k)) else _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


def _is_sensitive(key: str) -> bool:
    lowered = key.lower()
    return any(part in lowered for part in SENSITIVE_KEY_PARTS)


def scrub_secrets(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    for key in list(event_dict):
        if key != "event" and _is_sensitive(key):
            event_dict[key] = REDACTED
        else:
            event_dict[key] = _scrub(event_dict[key])
    return event_dict


# Fields every line carries that a person at a terminal does not need to read.
_CONSOLE_HIDDEN = ("timestamp", "level", "event", "logger", "request_id", "exception")
_LEVEL_COLOURS = {"warning": "\x1b[33m", "error": "\x1b[31m", "critical": "\x1b[31m"}
_RESET = "\x1b[0m"
# Libraries whose INFO lines repeat on every scheduler tick or outgoing call, or list their
# plugins at every start.
_QUIET_LOGGERS = ("apscheduler", "httpx", "httpcore", "alembic.runtime.plugins")


def _console_value(value: Any) -> str:
    text = str(value)
    return repr(text) if not text or any(c.isspace() for c in text) else text


class ConsoleLine:
    """`14:02:07 INFO    request GET /api/v1/searches 200 12.5ms`, or the event then key=value."""

    def __init__(self, colours: bool) -> None:
        self._colours = colours

    def __call__(self, _logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> str:
        stamp = str(event_dict.get("timestamp", ""))[11:19]
        level = str(event_dict.get("level", "info")).lower()
        label = f"{level.upper():<7}"
        if self._colours and level in _LEVEL_COLOURS:
            label = f"{_LEVEL_COLOURS[level]}{label}{_RESET}"
        event = str(event_dict.get("event", ""))
        fields = {k: v for k, v in event_dict.items() if k not in _CONSOLE_HIDDEN}
        if event == "request" and {"method", "path", "status"} <= fields.keys():
            summary = f"{fields.pop('method')} {fields.pop('path')} {fields.pop('status')}"
            if "duration_ms" in fields:
                summary += f" {fields.pop('duration_ms')}ms"
            event = f"{event} {summary}"
        rest = " ".join(f"{key}={_console_value(value)}" for key, value in fields.items())
        line = " ".join(part for part in (stamp, label, event, rest) if part)
        if event_dict.get("exception"):
            line += "\n" + str(event_dict["exception"])
        return line


def renderer_for(log_format: str, stream: TextIO) -> Any:
    """The last processor: JSON lines, or console lines coloured only on a terminal."""
    if log_format == "json":
        return structlog.processors.JSONRenderer()
    return ConsoleLine(colours=stream.isatty())


def configure_logging(
    level: str = "INFO", log_format: str = "json", stream: TextIO | None = None
) -> None:
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        scrub_secrets,
    ]
    output = stream or sys.stderr
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # Not cached: tests and the CLI reconfigure logging after loggers exist.
        cache_logger_on_first_use=False,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer_for(log_format, output),
        ],
    )
    handler = logging.StreamHandler(output)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn's access log duplicates the request log line this app writes itself.
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    logger: structlog.stdlib.BoundLogger = structlog.get_logger(name)
    return logger


_security_log = get_logger("vinyldigger.security")


def security_event(event: str, **fields: Any) -> None:
    """One structured line per security-relevant event (login, token reuse, credential change)."""
    _security_log.info(event, security=True, **fields)
