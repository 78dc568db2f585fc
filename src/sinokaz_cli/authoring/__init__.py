"""Writing new knowledge files: the start of one for an article (sinokaz new)."""
