"""Format readers (bytes -> layout model) and kind extractors (layout model -> content)."""
