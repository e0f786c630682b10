"""The date finder reads long repeats of every shape it knows in time linear in their length (4x the text, about
4x the time; a quadratic grammar would take 16x)."""

from __future__ import annotations

import time

import pytest

from extract.date import find_dates

SHAPES = [
    "周一",
    "March 1 ",
    "9am-",
    "1 to ",
    "11月7日10点到",
    "周一、",
    "1日",
    "1:",
    "1-",
    "2024年1月1日至",
    "十点",
    "下午",
    "每月",
    "民国",
    "May ",
    "1·",
    "九零",
    "1/2/2020-",
    "1/2/",
    "三月和",
    "1日 9:00-12:00",
    "时间：1:00 ",
    "1:00p",
    "1月1日、2日、",
    "1日（周一）至",
    "1786年",
    "，98年获",
    "5.18-",
    "5.17日",
    "1992——",
    "到今年4月至",
    "为一月",
]


def cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        find_dates(text)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("shape", SHAPES)
def test_long_repeats_take_linear_time(shape: str) -> None:
    short, long = ((shape * (n // len(shape)))[:n] for n in (5_000, 20_000))
    assert cpu_seconds(long) < 10 * max(cpu_seconds(short), 0.001), shape
