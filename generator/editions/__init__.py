"""Editions of one sheet: the same records in other languages, with only their words changed.

The source edition is `content/` in `sheet.language`; each tag in `sheet.editions` has an
overlay folder `content/editions/<tag>/` with the same file names, each record keyed by its id
and carrying only words (`words.py` lists them). Numbers, dates, sources and ids are never
written twice, so they cannot drift: an edition's records are the source's records with their
words replaced (`merge.py`), and an overlay that tries to set anything else is refused at its
line (`overlay.py`). What an edition has not translated, or translated before its source
changed, is reported at the source's line (`report.py`, `review.py`).
"""
