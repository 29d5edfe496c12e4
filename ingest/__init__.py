"""The pipeline and CLI: discover -> detect format -> read layout -> detect kind -> extract
-> normalise -> export, with one report row per input."""
