"""The Excel report of ``iocluster analyze``: :mod:`.workbook` assembles the sheets laid
out by :mod:`.summary`, :mod:`.sheets` and :mod:`.impacts` (shared layout in
:mod:`.layout`). The analysis itself is computed by :func:`iocluster.pipeline.analyze`."""
