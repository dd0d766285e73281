"""The IMPLAN-style impact workbook of ``iocluster shock`` (:mod:`.workbook`, with the
sheets of :mod:`.sheets`) and the impact tables it shares with the analysis report
(:mod:`.tables`)."""
