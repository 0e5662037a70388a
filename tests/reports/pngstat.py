#!/usr/bin/env python3
"""Reads a PNG with the standard library only (zlib) and says how much ink it has.

    python3 tests/reports/pngstat.py FILE.png            -> "WIDTH HEIGHT INK COLOURED"
    python3 tests/reports/pngstat.py FILE.png crop Y H OUT.png

INK counts pixels that are not near-white (any channel below 235): text,
lines, table borders.  COLOURED counts pixels whose channels differ by more
than 40: the tinted status cells and the chart colours.  A page that did not
render (a blank or all-grey screenshot) has almost no ink and no colour.
"crop" writes rows Y..Y+H as a new PNG, to look at part of a long page.
"""
import struct
import sys
import zlib


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(path + ": not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise SystemExit("only 8-bit RGB/RGBA, not interlaced")
            bpp = 4 if ctype == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def stats(width, height, bpp, rows):
    ink = coloured = 0
    for line in rows:
        for x in range(0, width * bpp, bpp):
            r, g, b = line[x], line[x + 1], line[x + 2]
            if min(r, g, b) < 235:
                ink += 1
            if max(r, g, b) - min(r, g, b) > 40:
                coloured += 1
    return ink, coloured


def write(path, width, bpp, rows):
    raw = b"".join(b"\x00" + r for r in rows)
    ctype = 6 if bpp == 4 else 2
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, len(rows), 8, ctype, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def main():
    width, height, bpp, rows = read(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] == "crop":
        y, h = int(sys.argv[3]), int(sys.argv[4])
        write(sys.argv[5], width, bpp, rows[y:y + h])
        return
    ink, coloured = stats(width, height, bpp, rows)
    print(width, height, ink, coloured)


if __name__ == "__main__":
    main()
