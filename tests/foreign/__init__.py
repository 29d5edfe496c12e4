"""The foreign-layouts corpus: documents in layouts no extractor was written for.

Each document under ``tests/fixtures/foreign/<kind>/`` has a hand-written
``<stem>.expected.json`` beside it (shared by every rendition of that stem: ``x.docx`` and
``x.pdf`` both use ``x.expected.json``). The expected file names the kind and lists, per
field, the facts a careful reader takes from the document. ``facts_<kind>.py`` turns a
``Document`` into the same facts; ``score.py`` compares the two as multisets and reports
precision, recall and F1 per kind x field.
"""
