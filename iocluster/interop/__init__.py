"""Interoperability with other input-output tools (optional dependencies)."""

from __future__ import annotations

__all__: list[str] = []
