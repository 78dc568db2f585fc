"""sinokaz: sourced facts about China–Kazakhstan relations, at the command line."""

__version__ = "0.1.0"
