"""Accessibility checks run in the page: structure (WCAG 2.1 AA basics) and colour contrast.

The checks are our own (structure.js, contrast.js), not loaded from a CDN or npm; each finding
carries the element's HTML.
"""

from pathlib import Path

from playwright.sync_api import Page

HERE = Path(__file__).parent

STRUCTURE_JS = (HERE / "structure.js").read_text()

CONTRAST_JS = (HERE / "contrast.js").read_text()


def structure_violations(page: Page) -> list[str]:
    return page.evaluate(STRUCTURE_JS)


def contrast_failures(page: Page, selectors: list[str], minimum: float = 4.5) -> list[str]:
    """Text colour against the background it sits on (ancestors' backgrounds composed)."""
    failures = []
    for result in page.evaluate(CONTRAST_JS, selectors):
        if result.get("missing"):
            failures.append(f"{result['selector']}: no visible element with text to check")
        elif result["ratio"] < minimum:
            failures.append(
                f"{result['selector']}: {result['ratio']:.2f}:1 ({result['fg']} on "
                f"{result['bg']}) < {minimum}:1: {result['html']}"
            )
    return failures
