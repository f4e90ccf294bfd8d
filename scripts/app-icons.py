#!/usr/bin/env python3
"""Draws the APP's icons (src/Wechat.Host/wwwroot/app/icon-192.png and icon-512.png) and the site's favicon
(src/Wechat.Host/wwwroot/favicon.ico: the same mark at 32 px, a PNG inside an ICO): a white house with a coin-round
door on the theme colour. Standard library only, and the same bytes on every run, so the committed PNGs can be
re-made and compared: `python3 scripts/app-icons.py && git diff --stat`."""
import os
import struct
import zlib

THEME = (0x1A, 0x5F, 0xB4)  # the manifest's theme_color #1a5fb4
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # 4x4 samples per pixel smooth the edges


def inside_rounded_square(x, y):
    """The background: the whole square with corners rounded by 18 % (unit coordinates 0..1)."""
    r = 0.18
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def inside_house(x, y):
    """The mark: a roof (triangle) over a body (rectangle), with a round-topped door cut out."""
    roof = 0.22 <= y <= 0.50 and abs(x - 0.5) <= (y - 0.22) / 0.28 * 0.34
    body = 0.48 <= y <= 0.80 and 0.25 <= x <= 0.75
    door = (0.60 <= y <= 0.80 and 0.43 <= x <= 0.57) or ((x - 0.5) ** 2 + (y - 0.60) ** 2 <= 0.07 ** 2)
    return (roof or body) and not door


def pixel(px, py, size):
    bg = mark = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x = (px + (sx + 0.5) / SAMPLES) / size
            y = (py + (sy + 0.5) / SAMPLES) / size
            if inside_rounded_square(x, y):
                bg += 1
                if inside_house(x, y):
                    mark += 1
    n = SAMPLES * SAMPLES
    if bg == 0:
        return (0, 0, 0, 0)
    # Colour is the mix of theme and white inside the square; alpha is the square's coverage.
    t = mark / bg
    rgb = tuple(round(THEME[i] * (1 - t) + WHITE[i] * t) for i in range(3))
    return rgb + (round(255 * bg / n),)


def png(size):
    rows = bytearray()
    for py in range(size):
        rows.append(0)  # filter: none
        for px in range(size):
            rows.extend(pixel(px, py, size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")


def ico(size):
    """An ICO file holding one PNG image (Windows Vista's format, read by every current browser)."""
    image = png(size)
    header = struct.pack("<HHH", 0, 1, 1)  # reserved, type 1 = icon, one image
    entry = struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), 6 + 16)
    return header + entry + image


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Wechat.Host", "wwwroot", "app")
    os.makedirs(out, exist_ok=True)
    for size in (192, 512):
        with open(os.path.join(out, f"icon-{size}.png"), "wb") as f:
            f.write(png(size))
    with open(os.path.join(out, "..", "favicon.ico"), "wb") as f:
        f.write(ico(32))


if __name__ == "__main__":
    main()
