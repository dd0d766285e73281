"""The words of the validation checks and sector flags in a report's language: a check's
title and status, a sector's flags. The details and reasons are keyed messages
(:mod:`iocluster.analysis.checks`, :mod:`iocluster.analysis.flags`) written by
:func:`iocluster.core.messages.render`.

>>> check_label("row identity", "ru"), status_label("WARN", "uz")
('тождество строк', 'ogohlantirish')
>>> flag_label("sales_above_output, identity", "uz")
"sotuv ishlab chiqarishdan ko'p, ayniyat buzilgan"
"""

from __future__ import annotations

from iocluster.analysis.checks import check_title
from iocluster.core.messages import Message, render
from iocluster.reports.i18n import tr

__all__ = ["check_label", "flag_label", "reason_text", "status_label"]


def check_label(name: str, lang: str) -> str:
    """A validation check's title in ``lang`` (an unknown name as it is)."""
    return render(check_title(name), lang)


def status_label(status: str, lang: str) -> str:
    """PASS / WARN / FAIL in ``lang``."""
    return tr(status, lang) if status in ("PASS", "WARN", "FAIL") else status


def flag_label(flags: str, lang: str) -> str:
    """A sector's ``flag`` (kinds joined by ", ") in words of ``lang``."""
    return ", ".join(tr(f"flag_{k.strip()}", lang) for k in flags.split(",") if k.strip())


def reason_text(reason: object, lang: str) -> str:
    """A sector's flag reason (a keyed message; "" or a missing value for none) in
    ``lang``."""
    if isinstance(reason, Message):
        return render(reason, lang)
    return reason if isinstance(reason, str) else ""
