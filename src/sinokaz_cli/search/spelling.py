"""When a query word may be corrected, and to what.

A search must never answer a different word than the one asked. So a word
the knowledge base does not contain is corrected only when it looks
misspelt: it is long enough to be told apart from other words, it is not an
acronym, it is not a word of the English language, and a word the
knowledge base does contain is within one or two typing slips of it. A real
word the knowledge base lacks ("border", "wheat") is never rewritten: the
search says no fact mentions it.

Most words a knowledge base lacks that are near one it has are names: of
other places and people ("Liyang" is one letter from "Licang", "Belova" from
"Bekova", "Nurgaliyev" from "Nurgaliyeva"). So a word is rewritten only when
it is long enough (MIN_REWRITE) and its slips are of the kinds people make in
typing a word they know, which seldom make another name (`typing_slip`); a
word near in other ways is offered as a did-you-mean instead, for a person
to choose. Measured on 2,659 real place names and surnames within reach of a
word of two knowledge bases, this rewrote 215 where it rewrote 1,023, and
kept 37 of 43 typing slips (the other six become did-you-means).

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
# Five-letter words are a letter away from too many names ("Beier", "beer").
MIN_REWRITE = 6
MAX_ACRONYM = 6
_VOWELS = frozenset("aeiouy")
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
    # "CIIE", "UNESCO": acronyms are searched as typed; a longer word in capitals
    # ("KAZAKSTAN") is a word typed with caps lock on.
    if typed.isupper() and len(folded) <= MAX_ACRONYM:
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


def edits(a: str, b: str) -> list[tuple[str, int, str]]:
    """One shortest way from `a` to `b`, as (kind, where in `a`, letter) for each
    edit: "swap" (two neighbours), "sub" (the letter put in), "del" and "ins"
    (the letter removed or added before position `where`)."""
    n, m = len(a), len(b)
    d = [[i + j if not i or not j else 0 for j in range(m + 1)] for i in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    out: list[tuple[str, int, str]] = []
    i, j = n, m
    while i or j:
        swapped = i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]
        if swapped and a[i - 1] != a[i - 2] and d[i][j] == d[i - 2][j - 2] + 1:
            out.append(("swap", i - 2, a[i - 2 : i]))
            i, j = i - 2, j - 2
        elif i and j and d[i][j] == d[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            if a[i - 1] != b[j - 1]:
                out.append(("sub", i - 1, b[j - 1]))
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            out.append(("del", i - 1, a[i - 1]))
            i -= 1
        else:
            out.append(("ins", i, b[j - 1]))
            j -= 1
    return out[::-1]


def typing_slip(typed: str, word: str) -> bool:
    """Whether each edit from `typed` to `word` (both folded) is a slip of typing
    rather than another name: two neighbours swapped ("Qingdoa"), a letter doubled
    or not ("Almatty"), a letter left out or added inside the word ("Beijng";
    at its end, forms and names differ: "Bekov", "Bekova"), or one vowel for
    another ("Tsingtau"; another consonant makes another name: "Belova")."""
    for kind, at, letter in edits(typed, word):
        if kind == "swap":
            continue
        if kind == "sub":
            if typed[at] in _VOWELS and letter in _VOWELS:
                continue
            return False
        # A letter removed from typed[at], or added before it.
        beside = typed[at - 1 : at + 2] if kind == "del" else typed[max(at - 1, 0) : at + 1]
        doubled = beside.count(letter) > (1 if kind == "del" else 0)
        at_end = at == len(typed) - 1 if kind == "del" else at == len(typed)
        if not doubled and at_end:
            return False
    return True


def rewrite(typed: str, candidates: list[str]) -> str | None:
    """The word of `candidates` the search looks for instead of `typed`: its one
    nearest (`correction`), when `typed` is long enough and the slips between
    them are slips of typing."""
    word = textnorm.fold(typed)
    if len(word) < MIN_REWRITE:
        return None
    found = correction(typed, candidates)
    return found if found is not None and typing_slip(word, found) else None


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
