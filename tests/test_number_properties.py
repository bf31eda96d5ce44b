"""Property tests for the number grammar (``checker.extract.numbers``).

Settings profiles ("dev", "ci", "long") are registered in ``conftest.py``.
"""

from __future__ import annotations

import re

from hypothesis import assume, example, given
from hypothesis import strategies as st

from checker.extract.numbers import COUNTABLE, find_numbers, read_number_words
from checker.model import Qualifier
from checker.rulepack import load_rules

RULES = load_rules()
LEXICON = RULES.lexicon

# --- integers written in English words -------------------------------------------------

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")]


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    if not ones:
        return _TENS[tens]
    return _TENS[tens] + ("-" if hyphen else " ") + _ONES[ones]


def _below_thousand(n: int, *, hyphen: bool, british: bool, article: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest, hyphen)
    head = ("a" if article and hundreds == 1 else _ONES[hundreds]) + " hundred"
    if not rest:
        return head
    return head + (" and " if british else " ") + _below_hundred(rest, hyphen)


def int_to_words(n: int, *, hyphen: bool = True, british: bool = False, article: bool = False) -> str:
    """English words for 0 <= n <= 10**9.

    ``hyphen``: "thirty-four" (else "thirty four"); ``british``: "and" after a hundred
    and before a final part under a hundred ("one thousand and five"); ``article``:
    "a hundred", "a thousand" for a leading one.
    """
    if n == 0:
        return "zero"
    parts: list[str] = []
    rest = n
    for factor, name in _SCALES:
        count, rest = divmod(rest, factor)
        if count:
            lead = not parts
            if article and lead and count == 1:
                parts.append(f"a {name}")
            else:
                parts.append(_below_thousand(count, hyphen=hyphen, british=british, article=article and lead)
                             + " " + name)
    if rest:
        if british and parts and rest < 100:
            parts.append("and " + _below_hundred(rest, hyphen))
        else:
            parts.append(_below_thousand(rest, hyphen=hyphen, british=british, article=article and not parts))
    return " ".join(parts)


def test_int_to_words_helper() -> None:
    """The helper itself writes the examples the properties rely on."""
    assert int_to_words(1234567) == "one million two hundred thirty-four thousand five hundred sixty-seven"
    assert int_to_words(105, british=True) == "one hundred and five"
    assert int_to_words(1005, british=True) == "one thousand and five"
    assert int_to_words(100, article=True) == "a hundred"
    assert int_to_words(10**9) == "one billion"
    assert int_to_words(40, hyphen=False) == "forty"


# --- formatting integers ---------------------------------------------------------------


def integers(low: int, high: int) -> st.SearchStrategy[int]:
    """Integers in [low, high], often round ones (300, 2,000, 1.5 million) as news writes them."""
    round_ = st.builds(lambda d, k: d * 10**k, st.integers(1, 99), st.integers(0, 9))
    return st.one_of(st.integers(low, high), round_.filter(lambda n: low <= n <= high))


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


FRAMES = [
    "Officials said {} people were evacuated.",
    "Police said {} people were evacuated from the area on Monday.",
    "The agency reported {} people were evacuated on Monday.",
    "Officials said the party won {} seats.",
    "{} people were evacuated, officials said.",
]


@st.composite
def written_integer(draw) -> tuple[int, str, str]:
    """(n, how it is written, the style name)."""
    n = draw(st.one_of(integers(0, 10**9), st.integers(0, 10_000)))
    style = draw(st.sampled_from(["plain", "comma", "nbsp", "narrow_nbsp", "words", "british", "words_loose"]))
    if style == "plain":
        text = str(n)
    elif style == "comma":
        text = grouped(n, ",")
    elif style == "nbsp":
        text = grouped(n, "\u00a0")
    elif style == "narrow_nbsp":
        text = grouped(n, "\u202f")
    elif style == "words":
        text = int_to_words(n)
    elif style == "british":
        text = int_to_words(n, british=True, article=draw(st.booleans()))
    else:
        text = int_to_words(n, hyphen=False, british=draw(st.booleans()))
    return n, text, style


@given(written_integer(), st.sampled_from(FRAMES))
# Found by this property: "won" (the Korean currency) read before "won 200 seats".
@example((200, "200", "plain"), "Officials said the party won {} seats.")
def test_integer_in_sentence_parses_back_to_one_countable_match(written, frame: str) -> None:
    n, text, style = written
    if frame.startswith("{}"):
        text = text[0].upper() + text[1:]
    sentence = frame.format(text)
    matches = find_numbers(sentence, LEXICON)
    assert len(matches) == 1, (sentence, matches)
    m = matches[0]
    assert m.value == n, (sentence, m)
    assert (m.low, m.high) == (n, n), (sentence, m)
    assert m.qualifier == Qualifier.EXACT, (sentence, m)
    assert sentence[m.core_start:m.core_end] == text, (sentence, m)
    next_word = frame.split("{}")[1].split()[0].strip(".,").lower()
    if style == "plain" and 1000 <= n <= 2199 and next_word not in LEXICON.counted:
        # By design a bare four-digit integer in 1000..2199 is read as a year
        # ("Keytruda's 2018 sales") unless a counted noun of the lexicon follows
        # it ("2019 people"); "seats" is not one.
        assert m.kind == "year", (sentence, m)
    else:
        # No unit or currency in these frames: a plain count.
        assert (m.kind, m.unit, m.currency) == ("count", None, None), (sentence, m)


@given(integers(0, 10**9), st.booleans(), st.booleans(), st.booleans(), st.sampled_from(["", " people", "."]))
def test_read_number_words_reads_the_whole_number(n: int, hyphen: bool, british: bool, article: bool,
                                                  tail: str) -> None:
    words = int_to_words(n, hyphen=hyphen, british=british, article=article)
    value, used = read_number_words(words + tail)
    assert (value, used) == (n, len(words))


# --- arbitrary text ------------------------------------------------------------------

_TRICKY = [
    "\u00a0", "\u202f", "\u2009", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f",
    "\u202e", "\u202d", "\u0301", "\u0308", "\u20e3", "\u0663", "\u0661\u0662", "\u06f5", "\uff11\uff12",
    "\uff0c", "\u0966", "\u05d0", "\u0627\u0644", "ß", "İ", "ﬁ", "\u2212", "\u2013", "\u2014", "\n", "\t",
    " ", ".", ",", "-", "/", ":", "'", "’", "(", ")", "$", "£", "€", "¥", "%", "+", "#", "No.",
    "0", "1", "7", "12", "-5", "\u22123", "-0.5", "1,234", "1,2", "1.5", ".5", "1 234", "1\u00a0234", "12:30", "3/4", "2024", "1990s",
    "21st", "4G", "10am", " pm", "o'clock", "555-123-4567", "+44 20",
    "one", "twelve", "twenty-one", "hundred", "thousand", "million", "billion", "trillion", "dozen",
    "a dozen", "an", "and", "to", "or", "between", "from", "at least", "more than", "up to", "nearly",
    "about", "under", "rose", "fell", "or more", "or so", "plus", "dozens", "hundreds", "tens of thousands",
    "km", "miles", "m", "k", "bn", "mn", "percent", "per cent", "kg", "tonnes", "dollars", "euros", "USD",
    "people", "homes", "years old", "aged", "Route", "January", "Jan.", "Smith, ", "killed", "injured",
]
_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
ARBITRARY_TEXT = st.one_of(
    st.text(_ALPHABET, max_size=80),
    st.lists(st.one_of(st.sampled_from(_TRICKY), st.text(_ALPHABET, max_size=4)), max_size=30).map("".join),
    st.lists(st.sampled_from(_TRICKY), max_size=30).map(" ".join),
)


@given(ARBITRARY_TEXT, st.booleans())
# Found by this property: a suffix qualifier or currency ("or so", "or over",
# "USD") is taken by the number before it and again by the number (or vague
# amount, "dozens") after it.
@example("They bought 20 or so 12-ounce steaks.", False)
@example("Officials said 5 or over 6 were hurt.", False)
@example("It cost 5 USD 10 years ago.", False)
@example("We saw 10 or so dozens of boats.", False)
def test_find_numbers_never_raises_and_spans_are_ordered(sentence: str, title_case: bool) -> None:
    matches = find_numbers(sentence, LEXICON, title_case=title_case)
    for m in matches:
        assert 0 <= m.start <= m.core_start < m.core_end <= m.end <= len(sentence), (sentence, m)
    for a, b in zip(matches, matches[1:]):
        assert a.end <= b.start, (sentence, a, b)


# --- qualifiers ----------------------------------------------------------------------

QUALIFIER_FRAMES = ["Officials said {} people were evacuated.", "{} people were evacuated."]


@st.composite
def written_count(draw, low: int = 1, high: int = 10**6) -> tuple[int, str]:
    n = draw(integers(low, high))
    style = draw(st.sampled_from(["plain", "comma", "words"]))
    if style == "plain":
        return n, str(n)
    if style == "comma":
        return n, grouped(n, ",")
    return n, int_to_words(n, british=draw(st.booleans()))


def _one_match(sentence: str):
    matches = find_numbers(sentence, LEXICON)
    assert len(matches) == 1, (sentence, matches)
    return matches[0]


def _qualified(frame: str, qualifier: str, text: str) -> str:
    phrase = f"{qualifier} {text}"
    if frame.startswith("{}"):
        phrase = phrase[0].upper() + phrase[1:]
    return frame.format(phrase)


@given(written_count(), st.sampled_from(QUALIFIER_FRAMES))
def test_at_least_n_is_n_or_more(written, frame: str) -> None:
    n, text = written
    sentence = _qualified(frame, "at least", text)
    m = _one_match(sentence)
    assert (m.qualifier, m.low, m.high, m.low_open) == (Qualifier.AT_LEAST, n, None, False), (sentence, m)
    assert sentence[m.start:m.core_start].lower() == "at least ", (sentence, m)


@given(written_count(), st.sampled_from(QUALIFIER_FRAMES))
def test_more_than_n_is_above_n_open(written, frame: str) -> None:
    n, text = written
    sentence = _qualified(frame, "more than", text)
    m = _one_match(sentence)
    assert (m.qualifier, m.low, m.high, m.low_open) == (Qualifier.MORE_THAN, n, None, True), (sentence, m)


@given(written_count(), st.sampled_from(QUALIFIER_FRAMES))
def test_up_to_n_has_high_n(written, frame: str) -> None:
    n, text = written
    sentence = _qualified(frame, "up to", text)
    m = _one_match(sentence)
    assert (m.qualifier, m.high) == (Qualifier.AT_MOST, n), (sentence, m)
    assert m.low is not None and m.low <= n, (sentence, m)


@given(written_count(), st.sampled_from(QUALIFIER_FRAMES))
def test_nearly_n_is_approx_open_above(written, frame: str) -> None:
    n, text = written
    sentence = _qualified(frame, "nearly", text)
    m = _one_match(sentence)
    assert (m.qualifier, m.value, m.high_open) == (Qualifier.APPROX, n, True), (sentence, m)


@given(written_count(), st.sampled_from(QUALIFIER_FRAMES))
def test_about_n_is_approx(written, frame: str) -> None:
    n, text = written
    sentence = _qualified(frame, "about", text)
    m = _one_match(sentence)
    assert (m.qualifier, m.value, m.kind) == (Qualifier.APPROX, n, "count"), (sentence, m)


@given(ARBITRARY_TEXT)
# Found by this property: a hedge written after one number ("or so", "or over")
# also hedges the number after it, outside that number's span.
@example("They bought 20 or so 12-ounce steaks.")
@example("Officials said 5 or over 6 were hurt.")
# ... or read "or so" as the inside of a range ("0 OR SO-1" as 0 to 1, the hedge in its core).
@example("0 OR SO-1")
@example("They hired 20 or so-30 people.")
def test_qualified_match_span_includes_its_qualifier(sentence: str) -> None:
    # A hedge ("about", "at least", "or more") is text: the match it qualifies
    # must extend beyond the bare number to include it.
    for m in find_numbers(sentence, LEXICON):
        if m.kind in COUNTABLE and not m.vague and m.qualifier not in (Qualifier.EXACT, Qualifier.RANGE):
            assert m.start < m.core_start or m.end > m.core_end, (sentence, m)


# --- ranges --------------------------------------------------------------------------


@st.composite
def range_ends(draw) -> tuple[int, str, int, str, str]:
    """(a, a written, b, b written, form) with a < b."""
    a = draw(integers(0, 10**6 - 1))
    b = draw(st.one_of(integers(a + 1, 10**6), st.builds(lambda k: a * k, st.integers(2, 10)).filter(lambda b: b > a)))
    form = draw(st.sampled_from(["to", "hyphen", "between"]))
    styles = ["plain", "comma"] if form == "hyphen" else ["plain", "comma", "words"]

    def write(n: int) -> str:
        style = draw(st.sampled_from(styles))
        if style == "words":
            return int_to_words(n, british=draw(st.booleans()))
        # A bare 1000..2100 is a year by design (see the integer test), and a
        # year never starts a range: write such ends with a comma.
        if style == "plain" and not 1000 <= n <= 2100:
            return str(n)
        return grouped(n, ",")

    return a, write(a), b, write(b), form


_WORD_VALUES = {w: i for i, w in enumerate(_ONES)} | {w: 10 * i for i, w in enumerate(_TENS) if w}
_SCALE_VALUES = {name: factor for factor, name in _SCALES}


def written_value(text: str) -> int | None:
    """The integer ``text`` writes, digits or words as ``int_to_words`` writes them, else None.

    An "and" may stand after "hundred" or a scale word, as British writers put it.
    """
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*|\d+", text):
        return int(text.replace(",", ""))
    words = text.split(" ")
    if any(w == "and" and (i == 0 or i == len(words) - 1 or words[i - 1] not in ("hundred", *_SCALE_VALUES))
           for i, w in enumerate(words)):
        return None
    plain = " ".join(w for w in words if w != "and")
    total = current = 0
    for w in re.split(r"[ -]", plain):
        if w in _WORD_VALUES:
            current += _WORD_VALUES[w]
        elif w == "hundred":
            current *= 100
        elif w in _SCALE_VALUES:
            total, current = total + current * _SCALE_VALUES[w], 0
        else:
            return None
    value = total + current
    return value if plain in (int_to_words(value), int_to_words(value, hyphen=False)) else None


def between_readings(a_text: str, b_text: str) -> set[tuple[int, int]]:
    """Every (low, high) that "between {a_text} and {b_text}" can mean: any of its
    "and"s may be the one that joins the two ends."""
    words = f"{a_text} and {b_text}".split(" ")
    readings = set()
    for i, w in enumerate(words):
        if w == "and":
            low, high = written_value(" ".join(words[:i])), written_value(" ".join(words[i + 1:]))
            if low is not None and high is not None and low < high:
                readings.add((low, high))
    return readings


def test_between_readings_helper() -> None:
    assert between_readings("one hundred", "two hundred") == {(100, 200)}
    assert between_readings("one hundred", "one thousand") == {(100, 1000)}
    # 31,000 to 131,101, or 31,100 to 31,101: no way to tell.
    assert between_readings("thirty-one thousand", "one hundred and thirty-one thousand one hundred and one") == {
        (31000, 131101), (31100, 31101)}


@given(range_ends(), st.sampled_from(["Officials said {} people were evacuated.", "Officials evacuated {} people."]))
# Found by this property: words around the "and" of "between A and B" read as one
# number ("one hundred and two hundred" as 10,200; "one hundred and one thousand"
# as 101,000) or cut in the wrong place ("two thousand five hundred and three
# thousand" as 2,000 and 503,000).
@example((100, "one hundred", 200, "two hundred", "between"), "Officials said {} people were evacuated.")
@example((1000, "one thousand", 2000, "two thousand", "between"), "Officials said {} people were evacuated.")
@example((100, "one hundred", 1000, "one thousand", "between"), "Officials said {} people were evacuated.")
@example((2500, "two thousand five hundred", 3000, "three thousand", "between"),
         "Officials said {} people were evacuated.")
# ... or read the one valid range wrongly: not 1,000 to 101,000 but 1,100 and 1,000.
@example((1000, "one thousand", 101000, "one hundred and one thousand", "between"),
         "Officials said {} people were evacuated.")
# Year-shaped ends of a range of people are counts (found by this test in CI).
@example((2101, "2101", 2102, "2102", "between"), "Officials said {} people were evacuated.")
def test_range_a_to_b_is_one_range_match(ends, frame: str) -> None:
    a, a_text, b, b_text, form = ends
    if form == "between":
        # Number words hold "and"s of their own; only ask for the reading when
        # the words allow no other range.
        assume(between_readings(a_text, b_text) == {(a, b)})
    # "one to five thousand" means 1,000 to 5,000: a scale word ending B is
    # shared by a smaller bare A written the same way (tests/test_numbers.py).
    b_words = b_text.split()
    shared = b_words[-1] in ("thousand", "million", "billion") and a_text.isdigit() == b_text[:1].isdigit()
    assume(not (shared and a < b // {"thousand": 1000, "million": 10**6, "billion": 10**9}.get(b_words[-1], 1)))
    phrase = {"to": f"{a_text} to {b_text}", "hyphen": f"{a_text}-{b_text}",
              "between": f"between {a_text} and {b_text}"}[form]
    sentence = frame.format(phrase)
    m = _one_match(sentence)
    assert (m.qualifier, m.low, m.high) == (Qualifier.RANGE, a, b), (sentence, m)
    assert m.kind in COUNTABLE, (sentence, m)
    assert sentence[m.start:m.end] == phrase, (sentence, m)


# --- years ---------------------------------------------------------------------------

YEAR_FRAMES = [
    "The bridge was built in {}.",
    "Officials said the plant opened in {} and closed later.",
    "In {} the town flooded.",
    "The law, passed in {}, was repealed.",
    "Twelve people were killed in {}.",
]


@given(st.integers(1900, 2100), st.sampled_from(YEAR_FRAMES))
def test_in_yyyy_is_a_year(year: int, frame: str) -> None:
    sentence = frame.format(year)
    start = sentence.index(str(year))
    at = [m for m in find_numbers(sentence, LEXICON) if m.core_start <= start < m.core_end]
    assert len(at) == 1, (sentence, at)
    assert at[0].kind == "year", (sentence, at[0])


# --- intervals -----------------------------------------------------------------------


@given(ARBITRARY_TEXT)
# Found by this property: "up to" a negative number gives the empty interval [0, -5].
@example("Temperatures of up to -5 were recorded.")
def test_countable_match_interval_holds_its_value(sentence: str) -> None:
    for m in find_numbers(sentence, LEXICON):
        if m.kind not in COUNTABLE or m.vague:
            continue
        assert m.low is None or m.low <= m.value, (sentence, m)
        assert m.high is None or m.value <= m.high, (sentence, m)


@given(st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzſK ,.-EIGHTSVNO")), max_size=60))
def test_skipping_sentences_without_number_words_loses_nothing(text: str) -> None:
    # The quick test before the scan must never hide a figure the scan would read.
    from checker.extract.numbers import grammar_for

    g = grammar_for(LEXICON)
    if g.scan.search(text):
        assert re.search(r"\d", text) or not g.number_words.isdisjoint(re.findall("[a-z]+", text.casefold()))
