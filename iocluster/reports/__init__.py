"""Rendering results: workbooks, figures and result files. Reports lay out what the
layers below computed; they compute nothing new.

- :mod:`.style` and :mod:`.i18n`: one workbook style, and the words in en/ru/uz;
- :mod:`.about`: the About sheet (provenance, checks, assumptions, reproduce);
- :mod:`.export`: result frames as table, CSV, JSON or Excel (``--format``);
- :mod:`.analysis`: the workbook of ``iocluster analyze``;
- :mod:`.impact`: the impact workbook of ``iocluster shock`` and the shared impact tables;
- :mod:`.figures`: matplotlib figures (PNG and SVG).
"""
