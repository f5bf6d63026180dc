"""Text as people see it: one normal form at the boundary, one key for comparing, and safe display.

The rules (DESIGN §4, README "Text"):

* **Normal form.** Every text a person gives the board is stored in Unicode NFC, so the same word
  typed on one station and pasted from another program on another is the same string. Line
  breaks are normalised to ``\\n`` (``\\r\\n`` and a lone ``\\r`` become ``\\n``, as do U+0085,
  U+2028 and U+2029).
* **Control characters.** Other than newline and tab, control characters are *refused*, never
  silently removed: C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F), and lone surrogates
  (the undecodable bytes of a command-line argument). They are never typed on purpose; one pasted
  escape sequence would otherwise clear or recolour the terminal of everyone who lists the
  journal, and the journal is a record: what is stored must be what the person saw. A one-line
  field (a name, title, owner, party) also turns its line breaks and tabs into single spaces.
* **Comparing.** Lookups, duplicate checks and search compare ``text_key`` values: canonical
  caseless matching (NFD of the casefolded NFD, Unicode §3.13) with every run of white space
  (including no-break spaces) as one space and the ends stripped.
* **Showing.** ``visible`` makes any text safe for a terminal or a one-line cell: control
  characters become their Unicode control pictures (ESC → ␛), bidirectional overrides and
  isolates become ``<U+202E>``-style escapes, and a lone surrogate becomes U+FFFD. Data stored
  before this rule, or received from an older station, is shown safely the same way.
"""

from __future__ import annotations

import re
import unicodedata

NEWLINES = re.compile(r"\r\n|[\r\u0085\u2028\u2029]")
_SPACE_RUN = re.compile(r"\s+")
_ONE_LINE = re.compile(r"[ \t]*[\n\t][ \t\n]*")

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they reorder what follows on a terminal line."""


def is_refused(ch: str) -> bool:
    """True for a character the board never stores: a control character other than newline and
    tab (C0, DEL, C1) or a lone surrogate."""
    code = ord(ch)
    if ch in "\n\t":
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF


def first_refused(text: str) -> int | None:
    """The index of the first refused character in ``text`` (see ``is_refused``), or None."""
    for index, ch in enumerate(text):
        if is_refused(ch):
            return index
    return None


def codepoint(ch: str) -> str:
    """``U+001B`` for ``"\\x1b"``."""
    return f"U+{ord(ch):04X}"


def normalise(text: str, *, one_line: bool = False) -> str:
    """``text`` with normalised line breaks, in NFC (``one_line``: breaks and tabs as one space).

    Refused characters are left in place: the caller checks with ``first_refused``. (A lone
    surrogate survives NFC unchanged.)
    """
    text = NEWLINES.sub("\n", text)
    if one_line:
        text = _ONE_LINE.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def text_key(text: str) -> str:
    """The key two texts are compared by: equal when people would read them as the same word
    (canonical caseless match, white space runs as one space, ends stripped)."""
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold())
    return _SPACE_RUN.sub(" ", folded).strip()


def search_words(query: str) -> tuple[str, ...]:
    """The words of a search query as ``text_key`` pieces (empty: matches everything)."""
    return tuple(text_key(query).split())


def matches(words: tuple[str, ...], haystack_key: str) -> bool:
    """True when every word occurs in ``haystack_key`` (a ``text_key`` value)."""
    return all(word in haystack_key for word in words)


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"<{codepoint(ch)}>"  # C1 and the bidirectional controls


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` safe to print: no raw control byte, no bidirectional override reaches the output.

    Newline and tab pass unless ``one_line``, where they become ␊ and ␉ too.
    """
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(lambda m: _picture(m.group()), text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(json_text: str) -> str:
    """Serialised JSON with no raw control character left: ``json.dumps`` escapes C0 itself;
    DEL, C1, the bidirectional controls and lone surrogates are escaped here as ``\\u009b``
    (they only occur inside strings, so the JSON still decodes to the same data)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
