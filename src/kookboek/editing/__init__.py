"""Changes a coach makes to the content in the browser: the price list, publications and
tools. Framework-free: ``web/`` only routes requests here.

Every change is checked with the rules of ``kookboek check`` before it is written, and
written through one function, ``changes.save_content_change``.
"""
