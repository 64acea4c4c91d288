"""Where a chart's texts go: ticks on a scale, category labels that wrap instead of being cut,
and a legend in rows under the axis, so no text runs over another or out of the picture.

Text widths are estimated from the number of characters (a generous average width per
character of the font size), which is enough to keep texts apart without a browser.
"""

import math
from collections.abc import Sequence

CHAR_WIDTH = 0.62  # average character width, as a share of the font size (generous)
LABEL_FONT = 11
LINE_HEIGHT = 13
MAX_LINES = 3


def text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * CHAR_WIDTH


def ticks(highest: float, *, counts: bool) -> list[float]:
    """Five or so tick values from 0 up to a round number at or above `highest`; whole
    numbers only when the values are counts (no 1,5 trajectories)."""
    highest = float(highest)
    if highest <= 0:
        return [0, 1] if counts else [0, 0.25, 0.5, 0.75, 1]
    step = _nice_step(highest / 4)
    if counts:
        step = max(1, math.ceil(step))
    top = step * math.ceil(highest / step - 1e-9)
    count = round(top / step)
    return [step * i for i in range(count + 1)]


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude + 1e-12:
            return factor * magnitude
    return 10 * magnitude


def wrap(label: str, chars: int) -> list[str]:
    """`label` in lines of at most `chars` characters, at most MAX_LINES of them; a word
    longer than a line is split, and what does not fit ends the last line with "…"."""
    chars = max(chars, 3)
    lines: list[str] = []
    current = ""
    for word in label.split():
        while len(word) > chars:  # a word longer than a line: split it
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: chars - 1] + "-")
            word = word[chars - 1 :]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= chars:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > MAX_LINES:
        kept = lines[:MAX_LINES]
        kept[-1] = kept[-1][: chars - 1] + "…"
        return kept
    return lines or [""]


def category_lines(categories: Sequence[str], width: float) -> list[list[str]]:
    """Every category's label as lines that fit `width`; two different categories never get
    the same lines (a label cut short shows its end instead, or its number)."""
    chars = int(width / (LABEL_FONT * CHAR_WIDTH))
    wrapped = [wrap(label, chars) for label in categories]
    for index in range(len(wrapped)):
        if not _clashes(wrapped, categories, index):
            continue
        label = categories[index]
        tail = "…" + label[-(chars - 1) :] if len(label) >= chars else label
        wrapped[index] = [*wrap(label, chars)[: MAX_LINES - 1], tail]
    for index in range(len(wrapped)):
        if _clashes(wrapped, categories, index):  # still the same: number them
            wrapped[index] = [f"{index + 1}.", *wrapped[index][: MAX_LINES - 1]]
    return wrapped


def _clashes(wrapped: list[list[str]], categories: Sequence[str], index: int) -> bool:
    return any(
        other == wrapped[index] and categories[i] != categories[index]
        for i, other in enumerate(wrapped)
        if i != index
    )


def legend_rows(names: Sequence[str], left: float, right: float) -> list[list[tuple[float, str]]]:
    """The legend's entries as rows of (x, name): a new row where the next would not fit."""
    rows: list[list[tuple[float, str]]] = [[]]
    x = left
    for name in names:
        width = 28 + text_width(name, 12) + 16
        if rows[-1] and x + width > right:
            rows.append([])
            x = left
        rows[-1].append((x, name))
        x += width
    return rows
