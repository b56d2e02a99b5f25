"""Renders ``icon.svg`` into the PNG sizes the desktop asks for. Run it after changing the SVG:

    .venv/bin/python desktop/assets/render_icons.py

The PNGs are committed, so the app never renders SVG at start-up.
"""

import os
import sys

from desktop.window.identity import ICON_SIZES, icon_png, icon_svg


def main() -> int:
    # No display is needed to paint into an image.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qtpy.QtCore import Qt
    from qtpy.QtGui import QGuiApplication, QImage, QPainter
    from qtpy.QtSvg import QSvgRenderer

    _application = QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(icon_svg()))
    if not renderer.isValid():
        print(f"cannot read {icon_svg()}", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        if not image.save(str(icon_png(size))):
            print(f"cannot write {icon_png(size)}", file=sys.stderr)
            return 1
        print(icon_png(size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
