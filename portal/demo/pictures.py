"""The demo's pictures, drawn rather than shipped: portraits, the lab's banner, research-area images,
paper figures. Each is drawn with Pillow at the size pages show it twice over (portal.images), the same
every time for the same input, in the site's palette."""

import functools
import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

BLUE = (11, 92, 173)
TEAL = (26, 127, 94)
PURPLE = (110, 63, 160)
AMBER = (196, 112, 24)
SLATE = (44, 62, 80)
ROSE = (170, 52, 78)
PALETTE = [BLUE, TEAL, PURPLE, AMBER, SLATE, ROSE]
SKIN = [(241, 203, 170), (226, 180, 140), (200, 150, 110), (236, 196, 160)]
HAIR = [(34, 30, 28), (58, 44, 36), (24, 24, 30), (80, 60, 44)]


def font_file(family: str = "Noto Sans CJK SC") -> str:
    """The file of a font with Latin, symbols and Chinese (Noto Sans CJK, which scripts/install-pdf
    installs for the report), found with fontconfig; "" when there is none."""
    import shutil
    import subprocess

    if not shutil.which("fc-match"):
        return ""
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", family], capture_output=True, text=True
    ).stdout.strip()
    return found if "CJK" in found else ""


def demo_font(size: int):
    """A real font for the demo's figures ("1.42×", Chinese labels); Pillow's own only without one."""
    path = font_file()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def seeded(text: str) -> random.Random:
    """A random source of its own for each name: the same picture on every load."""
    return random.Random(hashlib.blake2b(text.encode(), digest_size=8).digest())  # noqa: S311 (pictures)


def mix(colour, other, share: float):
    return tuple(round(a + (b - a) * share) for a, b in zip(colour, other, strict=True))


def gradient(width: int, height: int, top, bottom) -> Image.Image:
    column = Image.new("RGB", (1, height))
    for y in range(height):
        column.putpixel((0, y), mix(top, bottom, y / max(height - 1, 1)))
    return column.resize((width, height))


def bar_chart_png(bars: list[tuple[str, int]], scale: int = 2) -> bytes:
    """A small bar chart: 640×360 points drawn at `scale` pixels a point, sharp where pages show
    figures at 2× (portal.images)."""
    width, height, margin = 640 * scale, 360 * scale, 40 * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = demo_font(18 * scale)
    top = max(value for _label, value in bars)
    slot = (width - 2 * margin) // len(bars)
    for index, (label, value) in enumerate(bars):
        left = margin + index * slot + slot // 5
        right = left + slot * 3 // 5
        bar_top = height - margin - int((height - 3 * margin) * value / top)
        draw.rectangle([left, bar_top, right, height - margin], fill=BLUE)
        draw.text((left, height - margin + 8 * scale), label, fill="black", font=font)
        draw.text((left, bar_top - 24 * scale), f"{value / 100:.2f}×", fill="black", font=font)
    return png(image)


@functools.cache
def portrait_png(slug: str) -> bytes:
    """An illustrated portrait, 4:5 (320×400, twice the 160×200 it is shown at): a head and shoulders
    in flat colours on a soft backdrop of the person's own colour, with hair, glasses and clothes chosen
    from their slug (never a name or initials standing in for a face). Drawn at 600×800, then reduced."""
    rng = seeded(slug)
    width, height = 600, 800
    colour = PALETTE[rng.randrange(len(PALETTE))]
    # the backdrop: soft circles, drawn and blurred at a quarter of the size (quick), then enlarged
    small = gradient(
        width // 4, height // 4, mix(colour, (255, 255, 255), 0.82), mix(colour, (255, 255, 255), 0.55)
    )
    draw = ImageDraw.Draw(small)
    for _ in range(6):
        x, y, r = rng.randrange(width // 4), rng.randrange(height // 8), rng.randrange(15, 45)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=mix(colour, (255, 255, 255), rng.uniform(0.6, 0.75)))
    image = small.filter(ImageFilter.GaussianBlur(5)).resize((width, height), Image.BICUBIC)
    draw = ImageDraw.Draw(image)
    skin, hair = rng.choice(SKIN), rng.choice(HAIR)
    cloth = mix(rng.choice([c for c in PALETTE if c != colour]), (0, 0, 0), 0.15)
    cx = width // 2
    long_hair = rng.random() < 0.4
    if long_hair:  # behind the head, falling to the shoulders
        draw.rounded_rectangle([cx - 150, 170, cx + 150, 600], radius=130, fill=hair)
    # shoulders and neck
    draw.rounded_rectangle([cx - 250, 560, cx + 250, 980], radius=190, fill=cloth)
    draw.rectangle([cx - 48, 430, cx + 48, 580], fill=mix(skin, (0, 0, 0), 0.08))
    draw.polygon([(cx - 70, 560), (cx, 640), (cx + 70, 560)], fill=(250, 250, 250))  # collar
    # head
    draw.ellipse([cx - 125, 180, cx + 125, 480], fill=skin)
    draw.ellipse([cx - 148, 300, cx - 112, 360], fill=skin)  # ears
    draw.ellipse([cx + 112, 300, cx + 148, 360], fill=skin)
    # hair on top
    draw.chord([cx - 135, 160, cx + 135, 400], 180, 360, fill=hair)
    if rng.random() < 0.5:
        draw.pieslice([cx - 140, 170, cx + 40, 360], 180, 280, fill=hair)
    # face
    eye_y = 335
    for dx in (-52, 52):
        draw.ellipse([cx + dx - 10, eye_y - 10, cx + dx + 10, eye_y + 10], fill=(40, 34, 30))
    if rng.random() < 0.45:  # glasses
        for dx in (-52, 52):
            draw.rounded_rectangle(
                [cx + dx - 36, eye_y - 26, cx + dx + 36, eye_y + 26], radius=14, outline=(40, 40, 48), width=6
            )
        draw.line([cx - 16, eye_y, cx + 16, eye_y], fill=(40, 40, 48), width=6)
    draw.arc([cx - 40, 370, cx + 40, 420], 20, 160, fill=mix(skin, (120, 40, 40), 0.5), width=6)
    return png(image.resize((320, 400), Image.LANCZOS))  # drawn large, kept at twice the size shown


def chip_png(width: int, height: int, seed: str, accent=BLUE, label: str = "") -> bytes:
    """A die floorplan seen from above: banks of memory arrays with processing units beside them and
    the wires between, lit in the accent colour on a dark board: what processing-in-memory looks like."""
    rng = seeded(seed)
    board = (14, 22, 36)
    image = gradient(width, height, board, mix(board, accent, 0.35))
    draw = ImageDraw.Draw(image)
    unit = max(width, height) // 40
    for x in range(0, width, unit):  # the substrate's faint grid
        draw.line([x, 0, x, height], fill=mix(board, (255, 255, 255), 0.05), width=1)
    for y in range(0, height, unit):
        draw.line([0, y, width, y], fill=mix(board, (255, 255, 255), 0.05), width=1)
    margin = unit * 2
    columns, rows = (4, 3) if width >= height else (3, 4)
    cell_w = (width - 2 * margin) // columns
    cell_h = (height - 2 * margin) // rows
    glow = Image.new("RGB", (width, height), (0, 0, 0))
    glow_draw = ImageDraw.Draw(glow)
    centres = []
    for column in range(columns):
        for row in range(rows):
            left, top = margin + column * cell_w + unit // 2, margin + row * cell_h + unit // 2
            right, bottom = left + cell_w - unit, top + cell_h - unit
            draw.rounded_rectangle(
                [left, top, right, bottom],
                radius=unit // 3,
                fill=mix(board, accent, 0.25),
                outline=mix(accent, (255, 255, 255), 0.3),
                width=max(unit // 10, 1),
            )
            # the bank's memory array
            pitch = max(unit // 3, 3)
            for x in range(left + unit // 2, right - unit * 2, pitch):
                for y in range(top + unit // 2, bottom - unit // 2, pitch):
                    if rng.random() < 0.8:
                        draw.rectangle(
                            [x, y, x + pitch // 2, y + pitch // 2],
                            fill=mix(accent, (255, 255, 255), rng.uniform(0.1, 0.5)),
                        )
            # its processing unit
            pu = [right - unit * 2 + unit // 3, top + unit // 2, right - unit // 2, bottom - unit // 2]
            draw.rounded_rectangle(pu, radius=unit // 4, fill=mix(accent, (255, 255, 255), 0.55))
            glow_draw.rounded_rectangle(pu, radius=unit // 4, fill=accent)
            centres.append(((pu[0] + pu[2]) // 2, (pu[1] + pu[3]) // 2))
    for a, b in zip(centres, centres[1:], strict=False):  # the bridges between banks
        if rng.random() < 0.7:
            middle = (b[0], a[1])
            for start, end in ((a, middle), (middle, b)):
                glow_draw.line([start, end], fill=accent, width=unit // 2)
                draw.line([start, end], fill=mix(accent, (255, 255, 255), 0.7), width=max(unit // 8, 2))
    image = Image.composite(
        Image.new("RGB", (width, height), mix(accent, (255, 255, 255), 0.4)),
        image,
        glow.convert("L").filter(ImageFilter.GaussianBlur(unit)).point(lambda v: v // 3),
    )
    if label:
        draw = ImageDraw.Draw(image)
        font = demo_font(height // 9)
        box = draw.textbbox((0, 0), label, font=font)
        pad = unit
        x, y = margin, height - margin - (box[3] - box[1]) - pad
        draw.rounded_rectangle(
            [x - pad, y - pad // 2, x + box[2] - box[0] + pad, y + box[3] - box[1] + pad * 1.5],
            radius=pad // 2,
            fill=(255, 255, 255),
        )
        draw.text((x - box[0], y - box[1] + pad // 2), label, fill=board, font=font)
    return png(image)


def network_png(width: int, height: int, seed: str, accent=TEAL) -> bytes:
    """Layers of a neural network feeding an array of processing elements: the AI-systems picture."""
    rng = seeded(seed)
    image = gradient(width, height, mix(accent, (255, 255, 255), 0.9), mix(accent, (255, 255, 255), 0.7))
    draw = ImageDraw.Draw(image)
    layers = [4, 6, 6, 3]
    xs = [width * (index + 1) // (len(layers) + 1) for index in range(len(layers))]
    nodes = [
        [(x, height * (k + 1) // (count + 1)) for k in range(count)]
        for x, count in zip(xs, layers, strict=True)
    ]
    for left, right in zip(nodes, nodes[1:], strict=False):
        for a in left:
            for b in right:
                if rng.random() < 0.75:
                    draw.line(
                        [a, b],
                        fill=mix(accent, (255, 255, 255), rng.uniform(0.35, 0.7)),
                        width=width // 300 + 1,
                    )
    radius = height // 22
    for layer in nodes:
        for x, y in layer:
            draw.ellipse(
                [x - radius, y - radius, x + radius, y + radius],
                fill=mix(accent, (0, 0, 0), 0.2),
                outline=(255, 255, 255),
                width=radius // 3,
            )
    return png(image)


def systolic_png(width: int, height: int, seed: str, accent=PURPLE) -> bytes:
    """A systolic array of processing elements with data flowing in from two sides: the accelerator."""
    rng = seeded(seed)
    image = gradient(width, height, mix(accent, (255, 255, 255), 0.88), mix(accent, (255, 255, 255), 0.68))
    draw = ImageDraw.Draw(image)
    size = 6
    side = min(width, height) * 7 // 10
    pitch = side // size
    left, top = (width - side) // 2, (height - side) // 2
    for i in range(size):
        for j in range(size):
            x, y = left + i * pitch, top + j * pitch
            if i < size - 1:
                draw.line(
                    [x + pitch * 0.8, y + pitch * 0.4, x + pitch, y + pitch * 0.4], fill=accent, width=4
                )
            if j < size - 1:
                draw.line(
                    [x + pitch * 0.4, y + pitch * 0.8, x + pitch * 0.4, y + pitch], fill=accent, width=4
                )
            busy = rng.random()
            draw.rounded_rectangle(
                [x, y, x + pitch * 0.8, y + pitch * 0.8],
                radius=pitch // 6,
                fill=mix(accent, (255, 255, 255), 0.15 + 0.6 * busy),
            )
    for k in range(size):  # operands arriving
        draw.polygon(
            [
                (left - pitch * 0.6, top + k * pitch + pitch * 0.2),
                (left - pitch * 0.25, top + k * pitch + pitch * 0.4),
                (left - pitch * 0.6, top + k * pitch + pitch * 0.6),
            ],
            fill=mix(accent, (0, 0, 0), 0.3),
        )
        draw.polygon(
            [
                (left + k * pitch + pitch * 0.2, top - pitch * 0.6),
                (left + k * pitch + pitch * 0.4, top - pitch * 0.25),
                (left + k * pitch + pitch * 0.6, top - pitch * 0.6),
            ],
            fill=mix(accent, (0, 0, 0), 0.3),
        )
    return png(image)


@functools.cache
def area_png(slug: str, index: int) -> bytes:
    """The picture of a research area, 16:10, one design for each of the first three areas in order."""
    width, height = 640, 400  # 16:10, twice the 320×200 shown
    drawings = [
        lambda: chip_png(width, height, slug, AMBER),
        lambda: network_png(width, height, slug),
        lambda: systolic_png(width, height, slug),
    ]
    return drawings[index % len(drawings)]()


@functools.cache
def banner_png() -> bytes:
    """The lab's picture for the home page: a processing-in-memory die, 3:2."""
    return chip_png(1200, 800, "banner", BLUE)  # twice the 600×400 shown


@functools.cache
def schematic_png(label: str) -> bytes:
    """A paper's figure where it has no chart of its own: its design's floorplan, named, 16:10."""
    accents = [BLUE, TEAL, PURPLE, AMBER]
    return chip_png(1440, 900, label, accents[sum(map(ord, label)) % len(accents)], label)
