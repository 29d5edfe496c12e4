"""Map names as written onto the canonical registry (issue 5)."""
