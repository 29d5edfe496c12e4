"""`roleframe export`: the one door out (issue 12).

Every format writes the same flat entities (``schema/entities.py``), made from the dataset's
one flattening of a document (``ingest.dataset.mapping``) by :mod:`.entities`:

* ``sources`` reads an output folder, one document JSON or the database, a document at a
  time, and turns foreign or damaged files into per-file errors with stable codes;
* ``run`` streams those documents' entities into one writer (redaction happens there, once);
* ``jsonl``, ``tables`` (CSV), ``workbook`` (the HR xlsx), ``combined`` (one JSON file) write.
"""
