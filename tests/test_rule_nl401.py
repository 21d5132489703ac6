"""NL401 related-article-promo: what it must flag, what it must not, and its fixes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.diagnostics import Applicability, Edit, ListAppend
from newslint.rules._boilerplate_phrases import PROMO_LABELS
from newslint.rules._promo import (
    _LABEL,
    _SPACE,
    _label_pattern,
    _looks_like_a_headline,
    headline_of,
    promo_headline,
)
from tests.rulekit import (
    HEADLINE,
    NL401,
    PROMO,
    apply_field_edits,
    lint,
)


def test_nl401_promo_between_paragraphs() -> None:
    body = f"First paragraph.\n\n{PROMO}\n\nLast paragraph."
    [found] = lint(NL401, body=body)
    start = body.index("Related")
    end = body.index("Last")
    assert (found.field, found.start, found.end) == ("body", start, end)
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    assert found.fix.edits == (Edit("body", start, end, ""),)
    assert found.fix.appends == (ListAppend("related", HEADLINE),)
    assert apply_field_edits(body, found.fix.edits) == "First paragraph.\n\nLast paragraph."


def test_nl401_promo_as_last_paragraph_takes_the_break_before_it() -> None:
    body = f"First paragraph.\n\n{PROMO}"
    [found] = lint(NL401, body=body)
    assert (found.start, found.end) == (len("First paragraph."), len(body))
    assert found.fix is not None
    assert apply_field_edits(body, found.fix.edits) == "First paragraph."


@pytest.mark.parametrize(
    ("promo", "headline"),
    [
        ("Read more: Ferry operator posts record summer", "Ferry operator posts record summer"),
        ("See also: [Markets rally](https://example.org/markets-rally)", "Markets rally"),
        ("READ MORE | Council votes to close the pier", "Council votes to close the pier"),
        ("Related: **Ten Bridges Worth a Detour**", "Ten Bridges Worth a Detour"),
        ('More on this story: <a href="/x">Floods hit the north</a>', "Floods hit the north"),
        ("READ MORE: Council votes to close the pier", "Council votes to close the pier"),
        ("RELATED: Ten Bridges Worth a Detour", "Ten Bridges Worth a Detour"),
        ("Читайте также: Путин провёл переговоры в Кремле", "Путин провёл переговоры в Кремле"),
        ("ЧИТАЙТЕ ТАКЖЕ — Мэр открыл новый мост", "Мэр открыл новый мост"),
        ("Lesen Sie auch: Die Bahn streicht Verbindungen", "Die Bahn streicht Verbindungen"),
        ("Mehr zum Thema: <u>Hochwasser in Köln</u>", "Hochwasser in Köln"),
        ("Lire aussi\u00a0: Le Sénat adopte la réforme", "Le Sénat adopte la réforme"),
        ("Lire aussi\u202f: Le Sénat adopte la réforme", "Le Sénat adopte la réforme"),
        ("Lire aussi : Le Sénat adopte la réforme", "Le Sénat adopte la réforme"),
        ("À lire aussi : La grève continue", "La grève continue"),
        ("Leia também: Governo anuncia pacote", "Governo anuncia pacote"),
        ("Lee también: El Gobierno aprueba el plan", "El Gobierno aprueba el plan"),
        ("Leggi anche: Il governo approva la manovra", "Il governo approva la manovra"),
    ],
)
def test_nl401_promo_labels(promo: str, headline: str) -> None:
    [found] = lint(NL401, body=f"Intro.\n\n{promo}\n\nOutro.")
    assert found.fix is not None and found.fix.appends == (ListAppend("related", headline),)


@pytest.mark.parametrize(
    "body",
    [
        "Related-party transactions rose 12% in the third quarter.",
        "The related article in yesterday’s paper said otherwise.",
        "Read more carefully and you will see the point.",
        "See also how the council voted last week.",
        "Related article: the ministry said\nthe figures were revised twice.",
        "Read more: " + " ".join(["word"] * 40),
        "Intro.\n\nRelated reading:\n\nOutro.",
        "READ MORE about the plan on page 3.",
        "Related: ",
        "Читайте также внимательно условия договора.",
        "Lesen Sie auch zwischen den Zeilen, rät die Autorin.",
        "Il faut lire aussi les petites lignes : rien n’est gratuit.",
        "Lire aussi les conclusions du rapport, a conseillé la ministre.",
        "Leia também o contrato antes de assinar.",
        "Leggi anche tu il rapporto, ha detto il ministro.",
    ],
)
def test_nl401_ignores_ordinary_paragraphs(body: str) -> None:
    assert lint(NL401, body=body) == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "Related: The company also announced layoffs.",
        "Read more: This is an actual sentence that continues the story naturally.",
        "Related - police said the suspect fled.",
        "Related news: none.",
        "See also: Chapter 3.",
        "Read next: what happens now",
    ],
)
def test_nl401_sentences_after_a_label_are_not_promos(paragraph: str) -> None:
    assert lint(NL401, body=f"First paragraph.\n\n{paragraph}\n\nLast paragraph.") == []


def test_nl401_promo_that_is_the_whole_body_is_reported_without_a_fix() -> None:
    [found] = lint(NL401, body="Read more: Some Other Headline Here")
    assert found.fix is None


# The label pattern spells its spaces without U+202F and is matched on the paragraph with
# U+202F made " " (a compile-time saving): it must find exactly the labels that the pattern
# spelling them as the class [ \t\u00a0\u202f] finds, at the same offsets, and
# promo_headline must give the headline that pattern gives.

_LABELS = sorted({label for labels in PROMO_LABELS.values() for label in labels})
_PIECES = (
    *sorted({word for label in _LABELS for word in label.split()}),
    *("READ", "Related", "ARTICLE", "x", "Headline", "Ferry", "é", ".", "…"),
    *(":", "|", "»", ">", "–", "—", "-"),
    *(" ", "  ", "\t", "\u00a0", "\u202f", "\u2009", "\u3000"),
)
_SPACES = st.text(st.sampled_from(" \t\u00a0\u202f\u2009\u3000"), max_size=2)


@st.composite
def _labelled(draw: st.DrawFn) -> str:
    """A label in any case, apart by any spaces (some not _SPACE's), a separator, anything."""
    label = draw(st.sampled_from(_LABELS))
    words = [draw(st.sampled_from([w, w.upper(), w.title()])) for w in label.split()]
    text = draw(_SPACES) + "".join(word + draw(_SPACES) for word in words)
    text += draw(st.sampled_from(":|»>–—-")) + draw(_SPACES)
    return text + draw(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join))


@settings(max_examples=500, deadline=None)
@given(st.one_of(_labelled(), st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)))
def test_promo_labels_are_found_as_with_the_space_class(paragraph: str) -> None:
    assert _SPACE == "[ \\t\\u00a0\\u202f]"
    reference = _label_pattern(_LABELS)
    expected = reference.match(paragraph)
    found = _LABEL.match(paragraph.replace("\u202f", " "))
    assert (found and found.span()) == (expected and expected.span())
    short = "\n" not in paragraph and len(paragraph) <= 250
    headline = headline_of(paragraph[expected.end() :]) if expected and short else None
    if not headline or len(headline.split()) > 30 or not _looks_like_a_headline(headline):
        headline = None
    assert promo_headline(paragraph) == headline


@pytest.mark.parametrize(
    ("paragraph", "is_promo"),
    [
        ("Related\u00a0article: Ferry operator posts record summer", True),
        ("Read\tmore\u202f: Ferry operator posts record summer", True),
        ("READ  MORE\u00a0— Ferry operator posts record summer", True),
        ("Related\u2009article: Ferry operator posts record summer", False),
    ],
)
def test_promo_labels_with_other_spaces(paragraph: str, is_promo: bool) -> None:
    assert (_label_pattern(_LABELS).match(paragraph) is not None) is is_promo
    expected = "Ferry operator posts record summer" if is_promo else None
    assert promo_headline(paragraph) == expected
