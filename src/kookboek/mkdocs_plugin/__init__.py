"""The MkDocs adapter: the only part of kookboek that imports mkdocs."""
