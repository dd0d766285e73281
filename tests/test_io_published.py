"""The published single-sheet layout: hand-made workbooks as statistics offices lay them
out (title rows, merged headers, code + name columns, totals, Russian and Uzbek labels,
thousands separators, Cyrillic look-alike codes), and bad cells named."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iocluster.datasets import miller_blair_2_3
from iocluster.errors import TableCheckWarning, TableFormatError
from iocluster.io import read_table
from iocluster.io.cells import a1, parse_number
from iocluster.io.roles import recognise

# Miller & Blair (2009) Table 2.3: Z, final demand, value added, output.
Z = np.array([[150.0, 500.0], [200.0, 100.0]])
F = np.array([350.0, 1700.0])
VA = np.array([650.0, 1400.0])
X = np.array([1000.0, 2000.0])


def _sheet(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IO"
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def test_miller_blair_published_layout(tmp_path: Path) -> None:
    """Miller & Blair (2009) Table 2.3 laid out as published gives A of Table 2.4 context
    (a11 = .15, a12 = .25, a21 = .2, a22 = .05) and x = (1000, 2000)."""
    p = _sheet(
        tmp_path / "mb.xlsx",
        [
            ["Table 2.3 Flows for the two-sector example"],
            [],
            [None, "1", "2", "Final demand", "Total output"],
            ["1", 150, 500, 350, 1000],
            ["2", 200, 100, 1700, 2000],
            ["Value added", 650, 1400, None, None],
            ["Total output", 1000, 2000, None, None],
        ],
    )
    t = read_table(p)
    np.testing.assert_allclose(t.A, [[0.15, 0.25], [0.2, 0.05]])
    np.testing.assert_array_equal(t.x, X)
    assert t.fd_roles == ("other",) and t.va_roles == ("value_added",)
    assert t.kind == "domestic"


def test_consumption_labels_are_final_demand_and_intermediate_consumption_a_total(
    tmp_path: Path,
) -> None:
    """Issue 14 item 5: M&B (2009) Table 2.3 with its final demand split into "Private
    consumption" and "Final consumption expenditure" and an "Intermediate consumption"
    totals row reads to the same A, with the household role where the label says so."""
    p = _sheet(
        tmp_path / "mb.xlsx",
        [
            [None, "1", "2", "Private consumption", "Final consumption expenditure", "Output"],
            ["1", 150, 500, 50, 300, 1000],
            ["2", 200, 100, 400, 1300, 2000],
            ["Intermediate consumption", 350, 600, None, None, None],
            ["Value added", 650, 1400, None, None, None],
        ],
    )
    t = read_table(p)
    np.testing.assert_allclose(t.A, [[0.15, 0.25], [0.2, 0.05]])
    assert t.fd_roles == ("household", "other")


def test_russian_total_use_table_with_code_and_name_columns(tmp_path: Path) -> None:
    """Russian labels, title rows, a merged 'Конечное использование' header, Cyrillic
    look-alike codes (С13 vs C13), totals row and column, an imports column."""
    p = _sheet(
        tmp_path / "ru.xlsx",
        [
            ["Таблица затраты-выпуск, 2022"],
            ["млн сум"],
            [],
            ["Код", "Наименование", "А01", "C13", "Итого", "Конечное использование", None,
             "Импорт", "Всего ресурсы"],
            [None, None, None, None, None, "Расходы домашних хозяйств", "Экспорт"],
            ["A01", "Сельское хозяйство", 10, 20, 30, 125, 20, 25, 175],
            ["С13", "Текстиль", 5, 40, 45, 110, 45, 50, 200],
            [None, "Итого промежуточное потребление", 15, 60],
            [None, "Оплата труда", 40, 35],
            [None, "Валовая прибыль", 88, 50],
            [None, "Валовая добавленная стоимость", 135, 90],
            [None, "Выпуск", 150, 150],
            [None, "Занятость, тыс. человек", 1.5, 2.5],
        ],
        merges=("F4:G4",),
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = read_table(p)
    assert t.codes == ("A01", "C13") and t.labels == ("A01", "С13")
    assert t.names == ("Сельское хозяйство", "Текстиль")
    assert t.fd_roles == ("household", "exports")
    assert t.kind == "total" and t.m.tolist() == [25.0, 50.0]  # type: ignore[union-attr]
    assert t.va_roles == ("compensation", "operating_surplus", "other")
    np.testing.assert_array_equal(t.V[2], [7.0, 5.0])  # GVA kept: 135 - 40 - 88
    np.testing.assert_array_equal(t.value_added, [135.0, 90.0])
    np.testing.assert_array_equal(t.x, [150.0, 150.0])
    assert t.satellite_units == ("thousand persons",)
    np.testing.assert_allclose(t.row_residual(), 0.0)
    np.testing.assert_allclose(t.column_residual(), 0.0)


def test_uzbek_labels_csv_with_thousands_separators(tmp_path: Path) -> None:
    """Uzbek (Latin) labels, ';' delimiter, '1 234,5' numbers with non-breaking spaces."""
    p = tmp_path / "uz.csv"
    p.write_text(
        "O'zbekiston: xarajatlar-ishlab chiqarish jadvali;;;;;\n"
        ";A01;C13;Uy xo'jaliklari;Eksport;Jami\n"
        "A01;1\u00a0000,5;2 000;3 000;500;6\u00a0500,5\n"
        "C13;500;1 000,25;4 000;1 500;7 000,25\n"
        "Mehnatga haq to\u2018lash;2 000;1 500;;;\n"
        "Yalpi foyda;3 000;2 500;;;\n"
        "Bandlik;120;80;;;\n",
        encoding="utf-8",
    )
    t = read_table(p)
    np.testing.assert_array_equal(t.Z, [[1000.5, 2000.0], [500.0, 1000.25]])
    assert t.fd_roles == ("household", "exports")
    assert t.va_roles == ("compensation", "operating_surplus")
    assert t.satellite_names == ("Bandlik",) and t.satellite_units == ("persons",)
    np.testing.assert_array_equal(t.x, [6500.5, 7000.25])
    np.testing.assert_allclose(t.column_residual(), 0.0)


def test_mismatched_total_warns_naming_it(tmp_path: Path) -> None:
    p = _sheet(
        tmp_path / "tot.xlsx",
        [
            [None, "S1", "S2", "Households", "Total"],
            ["S1", 150, 500, 350, 1000],
            ["S2", 200, 100, 1700, 1990],
            ["Compensation of employees", 650, 1400],
        ],
    )
    with pytest.warns(TableCheckWarning, match=r"total column 'Total'.*residual [-−]10 at 'S2'"):
        read_table(p)


def test_unplaceable_label_is_an_error_and_mapping_places_it(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [None, "S1", "S2", "Households", "Mystery"],
        ["S1", 150, 500, 350, 0],
        ["S2", 200, 100, 1700, 0],
        ["Payments sector", 650, 1400],
    ]
    p = _sheet(tmp_path / "m.xlsx", rows)
    with pytest.raises(TableFormatError, match=r"m.xlsx, sheet 'IO', cell E1: cannot place column"):
        read_table(p)
    with pytest.raises(
        TableFormatError, match=r"cell A4: cannot place row 4 \('Payments sector'\)"
    ):
        read_table(p, mapping={"Mystery": "other"})
    t = read_table(p, mapping={"Mystery": "other", "Payments sector": "value_added"})
    assert t.fd_names == ("Households", "Mystery") and t.fd_roles == ("household", "other")
    np.testing.assert_array_equal(t.A, miller_blair_2_3().A)


def test_no_square_block(tmp_path: Path) -> None:
    p = _sheet(tmp_path / "x.xlsx", [["a", "b"], ["c", 1]])
    with pytest.raises(TableFormatError, match="expected an intermediate block"):
        read_table(p)


@pytest.mark.parametrize(
    ("label", "kind", "role"),
    [
        ("Compensation of employees", "va", "compensation"),
        ("Оплата труда", "va", "compensation"),
        ("Mehnatga haq to'lash", "va", "compensation"),
        ("Gross operating surplus", "va", "operating_surplus"),
        ("Валовая прибыль", "va", "operating_surplus"),
        ("Yalpi foyda", "va", "operating_surplus"),
        ("Taxes less subsidies on products", "va", "taxes_products"),
        ("Налоги", "va", "taxes_production"),
        ("Soliqlar", "va", "taxes_production"),
        ("Imports", "imports", "imports"),
        ("Импорт", "imports", "imports"),
        ("Household final consumption", "fd", "household"),
        ("Домашние хозяйства", "fd", "household"),
        ("Uy xo'jaliklari", "fd", "household"),
        ("Государственное управление", "fd", "government"),
        ("Davlat boshqaruvi", "fd", "government"),
        ("NPISH", "fd", "npish"),
        ("Gross fixed capital formation", "fd", "investment"),
        ("Валовое накопление основного капитала", "fd", "investment"),
        ("Investitsiyalar", "fd", "investment"),
        ("Изменение запасов", "fd", "inventories"),
        ("Экспорт", "fd", "exports"),
        ("Eksport", "fd", "exports"),
        ("Занятость", "sat", ""),
        ("Output", "output", ""),
        ("Выпуск", "output", ""),
        ("Ishlab chiqarish", "output", ""),
        ("Итого", "total", ""),
        ("Всего", "total", ""),
        ("Jami", "total", ""),
        ("Валовая добавленная стоимость", "gva", "value_added"),
        ("Yalpi qo\u02bbshilgan qiymat", "gva", "value_added"),
        # issue 14 item 5: consumption labels as statistics offices print them
        ("Private consumption", "fd", "household"),
        ("Other private consumption", "fd", "household"),
        ("Private final consumption expenditure", "fd", "household"),
        ("Final consumption expenditure", "fd", "other"),
        ("Final consumption expenditure by households", "fd", "household"),
        ("Final consumption expenditure of general government", "fd", "government"),
        ("Потребление домашних хозяйств", "fd", "household"),
        ("Конечное потребление", "fd", "other"),
        ("Yakuniy iste'mol", "fd", "other"),
        ("Yakuniy iste\u2019mol xarajatlari", "fd", "other"),
        ("Intermediate consumption", "total", ""),
        ("Промежуточное потребление", "total", ""),
        ("Oraliq iste'mol", "total", ""),
        ("Net outflows to the rest of the country", "fd", "interregional"),
        ("Exports to other regions", "fd", "interregional"),
        ("Межрегиональный вывоз", "fd", "interregional"),
    ],
)
def test_role_vocabulary(label: str, kind: str, role: str) -> None:
    """DESIGN.md §3: roles recognised in English, Russian and Uzbek (Latin)."""
    r = recognise(label)
    assert r is not None and (r.kind, r.role) == (kind, role)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1 234,5", 1234.5), ("1,234.5", 1234.5), ("1\u00a0234", 1234.0), ("1.234,5", 1234.5),
     ("(12)", -12.0), ("−3", -3.0), ("1e3", 1000.0), (7, 7.0)],
)  # fmt: skip
def test_parse_number(text: object, value: float) -> None:
    assert parse_number(text) == value


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    r=st.integers(0, 3),
    c=st.integers(0, 2),
    garbage=st.sampled_from(["n/a", "abc", "x1", "1.2.3", "?"]),
)
def test_garbage_in_published_cell_is_named(tmp_path: Path, r: int, c: int, garbage: str) -> None:
    """Text in any numeric cell of a published sheet: an error naming that cell."""
    rows: list[list[object]] = [
        ["Title"],
        [None, "S1", "S2", "Households", "Exports"],
        ["S1", 150, 500, 150, 200],
        ["S2", 200, 100, 1000, 700],
        ["Compensation", 650, 1400],
        ["Employment", 10, 20],
    ]
    rr, cc = 2 + r, 1 + (c if r < 2 else min(c, 1))
    rows[rr][cc] = garbage
    p = _sheet(tmp_path / "g.xlsx", rows)
    with pytest.raises(TableFormatError) as err:
        read_table(p)
    assert f"g.xlsx, sheet 'IO', cell {a1(rr, cc)}: expected a number, found '{garbage}'" in str(
        err.value
    )
