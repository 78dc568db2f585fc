"""When a query word may be corrected, and to what.

A search must never answer a different word than the one asked. So a word
the knowledge base does not contain is corrected only when it looks
misspelt: it is long enough to be told apart from other words, it is not an
acronym, it is not a word of the English language, and a word the
knowledge base does contain is within one or two typing slips of it. A real
word the knowledge base lacks ("border", "wheat") is never rewritten: the
search says no fact mentions it.

Whether a word is English is decided by the word list that pyspellchecker
ships (about 160,000 words, from its English frequency dictionary); it is
read only when a query has a word the knowledge base lacks.
"""

from __future__ import annotations

from functools import cache

from sinokaz_cli.search import textnorm

# Shorter words are corrected to unrelated ones too easily ("bri" -> "bring",
# "gas" -> "as"): they are only ever searched as typed.
MIN_LENGTH = 5
# Words the query must not be corrected to: they carry no content ("order" for
# "border" would match "in order to").
_NEVER = textnorm.STOPWORDS


@cache
def _english() -> bytes:
    """pyspellchecker's English word list, as the package ships it: a gzipped
    JSON object of lower-case words and their counts. Searching its bytes for
    '"word":' costs ~30 ms once; building the package's own dictionary object
    from it cost ~160 ms here, for the same answer."""
    import gzip
    import pkgutil

    data = pkgutil.get_data("spellchecker", "resources/en.json.gz")
    if data is None:  # pragma: no cover  (a package installed without its data)
        raise FileNotFoundError("pyspellchecker's English word list")
    return gzip.decompress(data)


def is_english(word: str) -> bool:
    """Whether `word` (folded: lower case, no accents) is a word of English."""
    try:
        return f'"{word}":'.encode() in _english()
    except (OSError, ValueError):  # no word list: take every word as English, correct none
        return True


def looks_misspelt(typed: str) -> bool:
    """Whether the typed word could be a slip for another: long enough, not an
    acronym or a number, and not a word of the language."""
    folded = textnorm.fold(typed)
    if len(folded) < MIN_LENGTH or not folded.isalpha():
        return False
    if typed.isupper():  # "CIIE", "TEU": acronyms are searched as typed
        return False
    return not is_english(folded)


def slips(length: int) -> int:
    """How many typing slips a word of `length` letters may hold and still be taken
    for the word it is near: one up to seven letters, two from eight."""
    return 1 if length < 8 else 2


def distance(a: str, b: str, limit: int) -> int:
    """The number of edits (insert, delete, substitute, swap two neighbours) from
    `a` to `b`, or `limit + 1` as soon as it is sure to be more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return min(previous[-1], limit + 1)


def correction(typed: str, candidates: list[str], limit: int | None = None) -> str | None:
    """The one word of `candidates` (written words of the knowledge base, folded)
    that `typed` is a slip for: within `slips` edits, starting with the same
    letter, not a stop word (or within `limit` edits, when given); the nearest,
    and None when two are equally near (a guess between them would be a guess)."""
    word = textnorm.fold(typed)
    limit = slips(len(word)) if limit is None else limit
    best: list[tuple[int, str]] = []
    for candidate in set(candidates):
        if (
            candidate == word
            or candidate[:1] != word[:1]
            or len(candidate) < MIN_LENGTH - 1
            or candidate in _NEVER
            or not candidate.isalpha()
        ):
            continue
        d = distance(word, candidate, limit)
        if d <= limit:
            best.append((d, candidate))
    best.sort()
    if not best or (len(best) > 1 and best[0][0] == best[1][0]):
        return None
    return best[0][1]
