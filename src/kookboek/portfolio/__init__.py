"""Each participant's private portfolio: sessions, tasks, observations, her "Wat ik kan" PDF.

Kept outside ``content/``, the site and any git history: one JSON file per participant in a
git-ignored folder (``portfolio/`` beside ``inzendingen/``), so that erasing her is deleting
one file. Nothing here imports Flask or MkDocs.
"""
