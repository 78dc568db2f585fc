"""How search sees words: folded, split, stemmed.

The same functions prepare the indexed text and the query, so whatever a
person types meets the facts on equal terms:
- case and accents fold ("Ürümqi" = "urumqi");
- apostrophes join ("Xi'an" = "xian"), while other punctuation splits;
- a hyphenated word counts both split and joined ("co-hosted" = "co hosted"
  = "cohosted", "visa-free" = "visa free");
- a light suffix stemmer folds plurals and simple word forms
  ("automobiles" = "automobile", "hosted" = "hosts" = "host").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

_APOSTROPHES = "'’‘ʼ`´"
_WORD = re.compile(r"[^\W_]+(?:[-‐‑–][^\W_]+)*", re.UNICODE)
# The same words in ASCII text, where a class of plain ranges is matched more
# than twice as fast as one of Unicode categories.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def _word_list(text: str) -> list[str]:
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


# The apostrophe first, then the look back: a pattern that opens with a look
# behind is tried at every position, which made this five times slower.
_APOS_RE = re.compile(f"[{_APOSTROPHES}](?<=\\w.)(?=\\w)")

# Words that carry no content in a question. Kept small on purpose: "trade",
# "party" and the like are content here.
STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours yourself yourselves tell show give find know list many much anything something
    does did happened happen says said say according get got went go going
    """.split()
)


def fold(text: str) -> str:
    """Lower-case, accents removed, apostrophes inside words dropped."""
    if text.isascii() and "'" not in text and "`" not in text:
        return text.lower()  # what the rest does to ASCII text with no apostrophe
    text = _APOS_RE.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A light, predictable suffix stripper (plurals, -ed, -ing, possessive s)."""
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("es") and w[-3] in "sxz" and len(w) > 4:
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = _undouble(w[:-2])
    elif w.endswith("ing") and len(w) > 5:
        w = _undouble(w[:-3])
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]  # "automobile" and "automobil-ed" meet at "automobil"
    return w


def _undouble(w: str) -> str:
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        return w[:-1]
    return w


class Token(NamedTuple):
    text: str  # as written
    start: int
    end: int
    terms: tuple[str, ...]  # stems this word is indexed under


_HYPHENS = re.compile(r"[-‐‑–]")

# Written word -> the stems it is indexed under. Text repeats its words, so
# indexing a large knowledge base folds and stems each distinct word once.
_WORD_TERMS: dict[str, tuple[str, ...]] = {}


def word_terms(raw: str) -> tuple[str, ...]:
    """The stems one written word stands for: joined and split at hyphens."""
    found = _WORD_TERMS.get(raw)
    if found is None:
        folded = fold(raw)
        if _HYPHENS.search(folded) is None:  # most words: one part, one stem
            found = _WORD_TERMS[raw] = (stem(folded),) if folded else ()
            return found
        found = _WORD_TERMS[raw] = tuple(dict.fromkeys(t for t, _ in _hyphenated(folded)))
    return found


def _words(text: str) -> Iterator[re.Match[str]]:
    # Apostrophes inside a word join it ("Xi'an"); mark them so offsets stay put.
    return _WORD.finditer(_APOS_RE.sub("a", text))


def written(raw: str) -> list[tuple[str, str]]:
    """(stem, how it is written) for one written word, folded. A hyphenated word
    gives its parts as written forms of their own stems: "kazakhstan", not
    "china–kazakhstan", is how "kazakhstan" is spelt, for a did-you-mean."""
    folded = fold(raw)
    if _HYPHENS.search(folded) is None:
        return [(t, folded) for t in word_terms(raw)]
    return _hyphenated(folded)


def _hyphenated(folded: str) -> list[tuple[str, str]]:
    """(stem, written form) of a hyphenated word: joined ("cohost"), then each part."""
    parts = [p for p in _HYPHENS.split(folded) if p]
    joined = [(stem("".join(parts)), folded)] if len(parts) > 1 else []
    return joined + [(stem(p), p) for p in parts]


def tokens(text: str) -> list[Token]:
    """Words of `text` with their positions and the stems they stand for."""
    out = []
    for m in _words(text):
        raw = text[m.start() : m.end()]
        out.append(Token(raw, m.start(), m.end(), word_terms(raw)))
    return out


def terms(text: str) -> list[str]:
    """Every stem in `text`, in order, for the index."""
    # No offsets needed here: drop inner apostrophes (fold would) and let the
    # regex engine split, which is several times faster than finditer.
    out: list[str] = []
    for word in _word_list(_APOS_RE.sub("", text)):
        out.extend(word_terms(word))
    return out


class _JoinedTerms(dict[str, str]):
    """Written word -> its stems joined by spaces, worked out on first sight."""

    def __missing__(self, word: str) -> str:
        joined = self[word] = " ".join(word_terms(word))
        return joined


_JOINED = _JoinedTerms()


# ASCII letters lower-cased, digits and hyphens kept, every other byte a space.
# In ASCII text with no apostrophe and no two hyphens in a row, the runs this
# leaves between spaces are the words _ASCII_WORD finds, found by
# bytes.translate and str.split in half the time, except that a run may start
# or end with hyphens, or be hyphens alone: its stems are the same as the
# word's inside it (word_terms drops empty parts), or none. (Lower-casing
# changes no word's stems: fold() lower-cases.)
_ASCII_FOLD = bytes(
    c + 32
    if 65 <= c <= 90
    else c
    if 48 <= c <= 57 or 97 <= c <= 122 or c == 45  # 45: "-"
    else 32
    for c in range(256)
)


def terms_text(text: str) -> str:
    """`" ".join(terms(text))`, for indexing: each word is one dict lookup made
    from C (map over the bound __getitem__), not a Python call, which made
    building the search documents of a large knowledge base several times faster."""
    if text.isascii() and "'" not in text and "`" not in text and "--" not in text:
        words = text.encode("ascii").translate(_ASCII_FOLD).decode("ascii").split()
    else:
        words = _word_list(_APOS_RE.sub("", text))
    return " ".join(filter(None, map(_JOINED.__getitem__, words)))


def content_words(query: str) -> list[Token]:
    """The query's words without stop words (all of them if nothing else is left)."""
    toks = tokens(query)
    kept = [t for t in toks if fold(t.text) not in STOPWORDS]
    return kept or toks
