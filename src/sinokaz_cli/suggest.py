"""Did-you-mean suggestions for ids, field names and values."""

from __future__ import annotations

from collections.abc import Iterable


def near(word: str, choices: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The choices closest to `word`, best first (case-insensitive)."""
    import difflib

    pool = list(choices)
    lowered = {c.lower(): c for c in pool}
    hits = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=cutoff)
    # A prefix is a strong hint too ("ciie" for "ciie-kazakh-companies").
    prefixed = [c for c in pool if c.lower().startswith(word.lower()) and len(word) >= 3]
    out: list[str] = []
    for c in [lowered[h] for h in hits] + prefixed:
        if c not in out and c != word:
            out.append(c)
    return out[:n]


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    hits = near(word, choices)
    if not hits:
        return None
    return "did you mean " + " or ".join(f"'{h}'" for h in hits) + "?"


def unknown(noun: str, value: str, known: list[str], list_them: bool = False) -> str:
    """A usage error's words for a value outside a set: "unknown category 'trad'
    (did you mean 'trade'?)"; with `list_them`, the set when nothing is near."""
    hint = did_you_mean(value, known)
    if hint:
        return f"unknown {noun} {value!r} ({hint})"
    if list_them:
        return f"unknown {noun} {value!r} (one of: {', '.join(known)})"
    return f"unknown {noun} {value!r}"
