"""A small real Word file, made with python-docx: a heading, a list, a table and a picture."""

from __future__ import annotations

import io

from PIL import Image


def picture_png() -> bytes:
    image = Image.new("RGB", (240, 120), (38, 110, 70))
    for x in range(60, 180):
        for y in range(30, 90):
            image.putpixel((x, y), (240, 200, 60))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def word_file(hostile: bool = False) -> bytes:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_heading("Wat we leerden", level=1)
    document.add_paragraph(
        "Elke week kookten twaalf moeders samen. Wat werkte, en wat niet."
        + (" <script>alert(1)</script> <b>vet</b> [klik](javascript:alert(1))" if hostile else "")
    )
    document.add_heading("Wat je nodig hebt", level=2)
    for item in ("Een keuken met vier vuren", "Een begeleider", "Twee uur per week"):
        document.add_paragraph(item, style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for row, (left, right) in enumerate(
        [("Week", "Gerecht"), ("1", "Linzensoep | met wortel"), ("2", "Stoemp")]
    ):
        table.cell(row, 0).text = left
        table.cell(row, 1).text = right
    document.add_paragraph("Zo zag de keuken eruit:")
    document.add_picture(io.BytesIO(picture_png()), width=Cm(6))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
