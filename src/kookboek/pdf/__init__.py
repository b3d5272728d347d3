"""Printable PDFs: the recipe booklet in three editions, and publication and tool PDFs.

The package knows nothing of MkDocs: :func:`kookboek.pdf.build.build_pdfs` takes a validated
project and a few paths and returns the finished files as ``Download`` objects.
"""
