"""Structured (JSON Lines) logs on stderr, one object per event, with the request id.

Only what an operator needs is logged: method, route, status, duration, key id, sizes. Never a
resume's contents, a file name, an email or a query string (they can all carry personal data).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    """A LogRecord as one JSON object: time, level, logger, message, and every `extra` field."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure(level: str) -> None:
    """Send credbridge's and uvicorn's own messages through the JSON formatter on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in ("credbridge", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
    # uvicorn's access log prints raw paths with query strings; the API logs requests itself.
    logging.getLogger("uvicorn.access").disabled = True
