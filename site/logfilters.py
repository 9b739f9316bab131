"""Log filters (settings.LOGGING).

An expected refusal is not an error: a practitioner opening a trainer's page gets
a 403 on purpose, and a traceback for it only buries real errors. Django logs
every PermissionDenied on `django.request` with the exception attached; this
filter keeps the record (one short line, with the refusal's own reason) and drops
the traceback. Anything else, a 500 above all, is left exactly as logged.
"""

import logging

from django.core.exceptions import PermissionDenied

REASON_MAX = 200


class ExpectedDenialFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exception = record.exc_info[1] if record.exc_info else None
        if getattr(record, "status_code", None) == 403 and isinstance(exception, PermissionDenied):
            reason = str(exception)[:REASON_MAX]
            if reason:
                record.msg = f"{record.msg} (%s)"
                record.args = (*(record.args or ()), reason)
            record.exc_info = None
            record.exc_text = None
        return True
