"""Whole analyses assembled from the library's functions: :func:`analyze` computes
everything ``iocluster analyze`` reports, once, for the reports to lay out."""

from __future__ import annotations

from iocluster.pipeline.analyze import Analysis, analyze

__all__ = ["Analysis", "analyze"]
