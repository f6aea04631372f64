"""Dates and numbers as minutes write them: 2024年3月12日, 二〇二四年三月九日, 三月九日, 第三十六次.

Minutes often date the meeting without a year (3月9日) and give the year elsewhere: in a bracketed
date under the heading or in the date of issue. :func:`resolve_year` supplies it, going back a year
when the month lies after the reference date's (a December meeting issued in January).

>>> [d.iso for d in find_dates("（二〇二四年三月九日）")]
['2024-03-09']
>>> find_dates("3月9日，县长主持召开")[0].iso is None
True
>>> chinese_number("三十六"), chinese_number("八十四"), chinese_number("12")
(36, 84, 12)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "〇零○一二三四五六七八九十百千两"
"""The characters of Chinese numerals, for patterns such as 第[…]+次."""

DATE = re.compile(
    r"(?:(?P<year>\d{4}|[〇零○O一二三四五六七八九]{4})年)?"
    r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})[日号]"
)
"""A date in normalised text (no spaces): year optional, Arabic or Chinese numerals."""


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: where it is and its parts; ``year`` is None when the text gives none."""

    start: int
    end: int
    year: int | None
    month: int
    day: int

    @property
    def iso(self) -> str | None:
        """``YYYY-MM-DD``, or None without a year."""
        return None if self.year is None else f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def chinese_number(text: str) -> int | None:
    """The value of a number written in Arabic digits or Chinese numerals (十九, 一百零二, 二〇二五).

    >>> chinese_number("一百零二"), chinese_number("十"), chinese_number("二〇二五"), chinese_number("第")
    (102, 10, 2025, None)
    """
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    if not any(c in _UNITS for c in text):
        return int("".join(str(_DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        else:
            digit = _DIGITS[c]
    return total + (digit or 0)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Every valid date in ``text[start:end]``, in order."""
    out = []
    for m in DATE.finditer(text, start, len(text) if end is None else end):
        year = chinese_number(m["year"]) if m["year"] else None
        month, day = chinese_number(m["month"]), chinese_number(m["day"])
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            out.append(FoundDate(m.start(), m.end(), year, month, day))
    return out


def resolve_year(found: FoundDate, reference: FoundDate | None) -> str | None:
    """The ISO date of ``found``, taking a missing year from ``reference`` (the document's own date).

    >>> meeting, issued = find_dates("12月28日"), find_dates("2024年1月9日")
    >>> resolve_year(meeting[0], issued[0])
    '2023-12-28'
    """
    if found.year is not None:
        return found.iso
    if reference is None or reference.year is None:
        return None
    later = (found.month, found.day) > (reference.month, reference.day)
    year = reference.year - 1 if later else reference.year
    return f"{year:04d}-{found.month:02d}-{found.day:02d}"


_LOST_MONTH = re.compile(r"(?:(?P<year>\d{4})年)?(?<!\d)(?P<digits>\d{3,4})日")


def has_lost_month(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a date whose 月 extraction lost, read or not."""
    return _LOST_MONTH.search(text, start, len(text) if end is None else end) is not None


def lost_month(text: str, start: int = 0, end: int | None = None) -> FoundDate | None:
    """A date whose 月 was lost in extraction (2025年1127日, 1110日), where one reading only is a
    valid month and day; None where there is none or two readings are valid (111日: 1-11 or 11-1).

    >>> lost_month("2025年1127日").iso, lost_month("1110日").month, lost_month("111日")
    ('2025-11-27', 11, None)
    """
    m = _LOST_MONTH.search(text, start, len(text) if end is None else end)
    if m is None:
        return None
    digits = m["digits"]
    readings = {
        (int(digits[:k]), int(digits[k:]))
        for k in (1, 2)
        if digits[k] != "0" and 1 <= int(digits[:k]) <= 12 and 1 <= int(digits[k:]) <= 31
    }
    if len(readings) != 1:
        return None
    ((month, day),) = readings
    return FoundDate(m.start(), m.end(), int(m["year"]) if m["year"] else None, month, day)


def day_in_month_of(day: int, reference: FoundDate) -> str:
    """The ISO date of ``day`` in the month of ``reference`` (a page's date), or of the month before
    when the day lies after it (25日 on a page of the 26th; 30日 on a page of the 2nd).

    >>> day_in_month_of(25, FoundDate(0, 0, 2019, 12, 26)), day_in_month_of(30, FoundDate(0, 0, 2020, 1, 2))
    ('2019-12-25', '2019-12-30')
    """
    year, month = reference.year, reference.month
    if day > reference.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return f"{year:04d}-{month:02d}-{day:02d}"
