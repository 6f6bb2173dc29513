"""WCAG 2.1 contrast ratio, used to refuse brand colours that make text unreadable."""

from __future__ import annotations


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def rgb(hex_colour: str) -> tuple[int, int, int]:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(hex_colour: str) -> float:
    r, g, b = (_channel(v) for v in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(hex_colour: str, other: str, share: float) -> str:
    """hex_colour blended with `share` of other, for hover and light variants."""
    mixed = (round(x * (1 - share) + y * share) for x, y in zip(rgb(hex_colour), rgb(other)))
    return "#" + "".join(f"{v:02x}" for v in mixed)


DARK_TEXT = "#1a1a1a"


def darkened_until(hex_colour: str, background: str, ratio: float) -> str:
    """hex_colour darkened in small steps (mixed with black) until text in it reaches ratio
    against background: a light brand colour turned into a readable link colour."""
    for step in range(0, 101, 2):
        candidate = mix(hex_colour, "#000000", step / 100)
        if contrast(candidate, background) >= ratio:
            return candidate
    return "#000000"
