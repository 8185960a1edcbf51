#!/usr/bin/env python3
"""Draws SafePost's toolbar/store icons (a white shield with a teal cross on
a teal rounded square) at 16, 32, 48 and 128 px into extension/icons/.
Reproducible: run it again to regenerate; needs Pillow (Debian python3-pil)."""
from pathlib import Path
from PIL import Image, ImageDraw

TEAL = (0, 118, 122, 255)
WHITE = (255, 255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "extension" / "icons"


def draw(size: int) -> Image.Image:
    s = 8  # draw large, then downsample for smooth edges
    n = size * s
    img = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, n - 1, n - 1], radius=n * 0.22, fill=TEAL)
    # Shield: a flat top, straight sides, a point at the bottom.
    l, r, t, b = n * 0.22, n * 0.78, n * 0.16, n * 0.86
    mid = n * 0.5
    d.polygon([(l, t), (r, t), (r, n * 0.52), (mid, b), (l, n * 0.52)], fill=WHITE)
    # Cross inside the shield.
    arm, half = n * 0.30, n * 0.075
    cy = n * 0.45
    d.rectangle([mid - half, cy - arm / 2, mid + half, cy + arm / 2], fill=TEAL)
    d.rectangle([mid - arm / 2, cy - half, mid + arm / 2, cy + half], fill=TEAL)
    return img.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        draw(size).save(OUT / f"icon-{size}.png", optimize=True)
        print(OUT / f"icon-{size}.png")
