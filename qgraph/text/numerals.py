"""Chinese and circled numerals as used in clause numbering.

>>> [chinese_to_int(s) for s in ("一", "十", "十五", "二十", "二十四", "三十一", "一百零二")]
[1, 10, 15, 20, 24, 31, 102]
>>> circled_to_int("⑫")
12
"""
from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_to_int(numeral: str) -> int:
    """The value of a Chinese numeral below ten thousand (十五 = 15, 一百零二 = 102)."""
    total, digit = 0, None
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return total + (digit or 0)


def circled_to_int(numeral: str) -> int:
    """The value of a circled digit ① … ⑳."""
    return _CIRCLED.index(numeral) + 1
