"""Boilerplate rules NL402-NL407 (and their shared line machinery): what they flag, what they
must not, and their unsafe deleting fixes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newslint.diagnostics import Applicability, Edit
from newslint.fixer import fix_document
from newslint.readers import parse_document
from newslint.readers.json_reader import JSON_READER, JSONL_READER
from newslint.readers.text import TEXT_READER
from newslint.rule import Rule
from newslint.rules._boilerplate import iter_lines, normalise
from newslint.rules._boilerplate_phrases import (
    ADVERTISEMENT_LINES,
    CALLS_TO_ACTION,
    POLICY_LINES,
    UI_DEBRIS_LINES,
)
from newslint.rules.nl401_related_promo import RelatedPromo
from newslint.rules.nl402_call_to_action import CallToAction, is_call_to_action
from newslint.rules.nl403_cookie_notice import CookieNotice, is_cookie_notice
from newslint.rules.nl404_advertisement import Advertisement, is_advertisement
from newslint.rules.nl405_ui_debris import UiDebris, is_ui_debris
from newslint.rules.nl406_symbol_line import SymbolLine, is_symbol_line
from newslint.rules.nl407_photo_credit import PhotoCredit, is_photo_credit
from tests.rulekit import (
    CORPORA,
    GROUND_TRUTH,
    URL,
    apply_field_edits,
    changes_within_reported_spans,
    fix,
    lint,
    similarity,
)

NL402, NL403, NL404 = CallToAction(), CookieNotice(), Advertisement()
NL405, NL406, NL407 = UiDebris(), SymbolLine(), PhotoCredit()
BOILERPLATE: tuple[Rule, ...] = (NL402, NL403, NL404, NL405, NL406, NL407)
DETECTORS = {
    "NL402": is_call_to_action,
    "NL403": is_cookie_notice,
    "NL404": is_advertisement,
    "NL405": is_ui_debris,
    "NL406": is_symbol_line,
    "NL407": is_photo_credit,
}


def flagged(body: str) -> list[tuple[str, str]]:
    """(code, flagged text without surrounding whitespace) for every boilerplate diagnostic."""
    found = []
    for rule in BOILERPLATE:
        for diagnostic in lint(rule, body=body):
            found.append((diagnostic.code, body[diagnostic.start : diagnostic.end].strip()))
    return found


def deleted(rule: Rule, body: str) -> str:
    """The body after applying the one fix ``rule`` offers."""
    [diagnostic] = lint(rule, body=body)
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    for edit in diagnostic.fix.edits:
        assert diagnostic.start <= edit.start <= edit.end <= diagnostic.end
    return apply_field_edits(body, diagnostic.fix.edits)


# The shared line machinery ---------------------------------------------------------------


def test_normalise_drops_case_spacing_heading_marks_and_trailing_punctuation() -> None:
    assert normalise("  ### Share\u00a0THIS   article:  ") == "share this article"
    assert normalise("Subscribe…") == "subscribe"
    assert normalise("#hashtag") == "#hashtag"


def test_iter_lines_gives_neighbours_within_the_paragraph_only() -> None:
    body = "One.\n\nTwo\nThree\n\nFour."
    lines = list(iter_lines(body))
    assert [line.text for line in lines] == ["One.", "Two", "Three", "Four."]
    assert (lines[1].previous, lines[1].next) == (None, "Three")
    assert (lines[2].previous, lines[2].next) == ("Two", None)
    assert lines[0].previous is None and lines[0].next is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A paragraph of its own between paragraphs takes the break after it.
        ("Alpha.\n\nAdvertisement\n\nOmega.", "Alpha.\n\nOmega."),
        # The first paragraph takes the break after it.
        ("Advertisement\n\nOmega.", "Omega."),
        # The last paragraph takes the break before it (a final newline stays).
        ("Alpha.\n\nAdvertisement", "Alpha."),
        ("Alpha.\n\nAdvertisement\n", "Alpha.\n"),
        # A line inside a paragraph takes one line break, never the paragraph break.
        ("Alpha.\nAdvertisement\nBeta.", "Alpha.\nBeta."),
        ("Alpha.\nAdvertisement\n\nOmega.", "Alpha.\n\nOmega."),
        ("Advertisement\nBeta.\n\nOmega.", "Beta.\n\nOmega."),
        # Runs of blank lines and indentation go with the line.
        ("Alpha.\n\n   Advertisement  \n\n\n\nOmega.", "Alpha.\n\nOmega."),
        # CRLF line breaks.
        ("Alpha.\r\n\r\nAdvertisement\r\n\r\nOmega.", "Alpha.\r\n\r\nOmega."),
        ("Alpha.\r\nAdvertisement\r\nBeta.", "Alpha.\r\nBeta."),
    ],
)
def test_deletion_leaves_no_blank_line_runs_and_keeps_paragraphs(body: str, expected: str) -> None:
    assert deleted(NL404, body) == expected


def test_a_body_that_is_only_boilerplate_is_reported_without_a_fix() -> None:
    [found] = lint(NL404, body="Advertisement")
    assert (found.start, found.end, found.fix) == (0, len("Advertisement"), None)


def test_consecutive_boilerplate_lines_are_all_removed_by_the_fixer() -> None:
    body = "Alpha.\n\nAdvertisement\n\nShare this article\n\nbookmark_border\n\nOmega."
    text = json.dumps({"title": "T", "url": URL, "body": body}, ensure_ascii=False)
    fixed = fix("a.json", JSON_READER, text, unsafe=True, rules=BOILERPLATE)
    assert json.loads(fixed)["body"] == "Alpha.\n\nOmega."


def test_fixes_change_only_reported_spans() -> None:
    body = "Alpha.\n\nAdvertisement\n\nBeta.\nShare this article\nGamma.\n\n» »"
    text = json.dumps({"title": "T", "url": URL, "body": body}, ensure_ascii=False)
    fixed = fix("a.json", JSON_READER, text, unsafe=True, rules=BOILERPLATE)
    assert json.loads(fixed)["body"] == "Alpha.\n\nBeta.\nGamma."
    changes_within_reported_spans("a.json", JSON_READER, text, fixed, rules=BOILERPLATE)
    # Safe fixes alone change nothing: every boilerplate fix is unsafe.
    assert fix("a.json", JSON_READER, text, rules=BOILERPLATE) == text


def test_fix_on_a_text_file_with_crlf() -> None:
    text = (
        "\r\n\r\nA Title\r\n\r\nFirst paragraph of the story.\r\n\r\n"
        "Story continues below advertisement\r\n\r\nLast paragraph of the story.\r\n"
    )
    fixed = fix("a.txt", TEXT_READER, text, unsafe=True, rules=BOILERPLATE)
    assert fixed == text.replace("Story continues below advertisement\r\n\r\n", "")
    changes_within_reported_spans("a.txt", TEXT_READER, text, fixed, rules=BOILERPLATE)


def test_phrase_lists_do_not_overlap_between_rules() -> None:
    """Each whole line belongs to one rule, so no line is reported twice."""
    samples = [
        *(p for phrases in CALLS_TO_ACTION.values() for p in phrases),
        *(p for phrases in POLICY_LINES.values() for p in phrases),
        *ADVERTISEMENT_LINES,
        *UI_DEBRIS_LINES,
    ]
    for sample in samples:
        codes = [code for code, detect in DETECTORS.items() if detect(sample)]
        assert len(codes) == 1, (sample, codes)


def test_lines_of_wrapped_prose_are_not_taken_for_boilerplate() -> None:
    wrapped = (
        "The board agreed to buy back a larger\nshare\nof its own stock this year.",
        "Analysts expect the company to release a short\nVideo\nlater.",
        "The ministry said it would publish the figures once the\nAdvertisement\nhad run.",
    )
    for body in wrapped:
        assert flagged(body) == []


def test_a_line_after_a_long_line_broken_mid_sentence_is_not_flagged() -> None:
    body = (
        "Children in Delhi were handed masks amid a spike in pollution. Sonu Mehta/Hindustan\n"
        "Times/Getty Images"
    )
    assert flagged(body) == []


@pytest.mark.parametrize("rule", BOILERPLATE, ids=lambda rule: rule.code)
def test_rules_read_only_the_body(rule: Rule) -> None:
    line = {
        "NL402": "Share this article",
        "NL403": "Privacy Policy",
        "NL404": "Advertisement",
        "NL405": "Back to top",
        "NL406": "» »",
        "NL407": "© Jane Doe/Getty Images",
    }[rule.code]
    assert rule.fields == ("body",)
    assert lint(rule, title=line, caption=line, body="A clean body.") == []
    assert [d.code for d in lint(rule, body=f"A clean body.\n\n{line}")] == [rule.code]


def test_promo_paragraphs_are_left_to_nl401() -> None:
    assert flagged("Intro.\n\nRead more: Ferry operator posts record summer\n\nOutro.") == []


@pytest.mark.parametrize("detect", list(DETECTORS.values()), ids=list(DETECTORS))
def test_detectors_are_fast_on_adversarial_lines(detect: object) -> None:
    assert callable(detect)
    started = time.perf_counter()
    for char in "* -/|©(@:.aA_#>»":
        for text in (char * 100_000, (char + " ") * 50_000, "Photo: " + char * 100_000):
            detect(text)
    assert time.perf_counter() - started < 2.0


def test_rules_are_fast_on_a_long_body() -> None:
    prose = "A paragraph of the story, long enough to read like prose, as they do. " * 3
    lines = ["Share", prose, "* * *", "Photo: A B", "Advertisement", prose, "Privacy Policy"]
    body = "\n\n".join(lines * 2_000)  # about 1.7 MB
    started = time.perf_counter()
    found = [d for rule in BOILERPLATE for d in lint(rule, body=body)]
    assert len(found) == 4 * 2_000  # all but the section break
    assert time.perf_counter() - started < 20.0


# NL402 call-to-action --------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "SHARE THIS:",
        "### Share this story",
        "Share on Facebook",
        "Share this: Reddit",
        "Click to share on Twitter (Opens in new window)",
        "Follow us on Twitter",
        "Follow us on Twitter @example_news",
        "Follow us on X, Instagram and TikTok",
        "Follow us on LinkedIn: https://www.linkedin.com/company/example",
        "Like us on Facebook.",
        "Sign up for our newsletter",
        "Sign up for our free daily newsletter!",
        "Subscribe to The Daily Example newsletter",
        "Click here to subscribe to The Example Newsletter",
        "Subscribe to continue reading",
        "Click here to subscribe",
        "Subscribe",
        "Already a subscriber? Sign in",
        "Sharing is caring!",
        "Folgen Sie uns auf Twitter",
        "Abonnez-vous à notre newsletter",
        "Síguenos en Facebook y Twitter",
        "Подписывайтесь на наш канал",
    ],
)
def test_nl402_flags_calls_to_action(line: str) -> None:
    body = f"The council met on Monday.\n\n{line}\n\nIt will meet again in May."
    [found] = lint(NL402, body=body)
    assert found.code == "NL402"
    assert "call to action" in found.message
    assert deleted(NL402, body) == "The council met on Monday.\n\nIt will meet again in May."


@pytest.mark.parametrize(
    "line",
    [
        "Shares fell 3% in early trading.",
        "He urged followers to subscribe to the app.",
        "Share price: 45.5p (up 8.3% today)",
        "Follow the money.",
        "Follow us, the protesters chanted, and thousands did.",
        "Share this line with your class, the teacher said.",
        "Subscribe to the app and you get a discount, the company says.",
        "The newsletter reached 40,000 readers.",
        "Subscribers rose to 12 million.",
        "Share",
    ],
)
def test_nl402_ignores_the_story_s_own_words(line: str) -> None:
    assert lint(NL402, body=f"Intro.\n\n{line}\n\nOutro.") == []


def test_nl402_span_and_message_of_a_line_inside_a_paragraph() -> None:
    body = "The end.\nFollow us on Twitter @example\nMore text."
    [found] = lint(NL402, body=body)
    start = body.index("\nFollow")
    assert (found.field, found.start, found.end) == ("body", start, body.index("\nMore"))
    assert found.message == "call to action in the body: 'Follow us on Twitter @example'"
    assert found.fix is not None
    assert found.fix.edits == (Edit("body", found.start, found.end, ""),)


# NL403 cookie-notice ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience on our site.",
        "We use cookies.",
        "This website uses cookies. By continuing to use our website you agree to our policy.",
        "By continuing to use this site you agree to the use of cookies.",
        "Privacy Policy | Terms of Use",
        "Privacy Policy",
        "Terms & Conditions",
        "Copyright © 2024 Example Media | Terms of Service | Privacy Policy",
        "About Us / Contact / Privacy Policy",
        "Cookie Settings",
        "Datenschutzerklärung",
        "Wir verwenden Cookies, um Ihnen die bestmögliche Nutzung zu ermöglichen.",
        "Politique de confidentialité",
        "Мы используем файлы cookie, чтобы сайт был удобнее.",
    ],
)
def test_nl403_flags_cookie_and_policy_notices(line: str) -> None:
    body = f"The museum reopens on Friday.\n\n{line}\n\nTickets cost €12."
    [found] = lint(NL403, body=body)
    assert "cookie or policy notice" in found.message
    assert deleted(NL403, body) == "The museum reopens on Friday.\n\nTickets cost €12."


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies from the bakery next door for every meeting, the manager joked.",
        "“We use cookies to track you,” the company admitted in court.",
        "The privacy policy changed on Monday.",
        "Privacy",
        "Cookies",
        "About Us | Contact",
        "Terms of use for the new bridge toll were published on Monday.",
        "This website uses cookie-cutter designs, critics said.",
    ],
)
def test_nl403_ignores_prose_about_cookies_and_policies(line: str) -> None:
    assert lint(NL403, body=f"Intro.\n\n{line}\n\nOutro.") == []


# NL404 advertisement-label ------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "- Advertisement -",
        "Ad",
        "Sponsored",
        "Story continues below advertisement",
        "Continue Reading Below",
        "Anzeige",
        "Реклама",
        "#### Sponsored",
    ],
)
def test_nl404_flags_advertisement_labels(line: str) -> None:
    body = f"Prices rose in May.\n\n{line}\n\nEconomists expect a pause."
    [found] = lint(NL404, body=body)
    assert found.message.startswith("advertisement label in the body: ")
    assert deleted(NL404, body) == "Prices rose in May.\n\nEconomists expect a pause."


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement revenue rose 4%.",
        "Ad hoc committees met twice.",
        "Sponsored by the city, the festival drew 10,000 visitors.",
        "Anzeige erstattet: Die Polizei ermittelt.",
        "Реклама на телевидении подорожала.",
        "AD 79: Vesuvius erupts",
        "Advertising",
    ],
)
def test_nl404_ignores_sentences_about_advertising(line: str) -> None:
    assert lint(NL404, body=f"Intro.\n\n{line}\n\nOutro.") == []


# NL405 ui-debris ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "bookmark_border",
        "bookmark_border more_vert",
        "share",
        "Back to top",
        "Skip to content",
        "Toggle navigation",
        "Show comments",
        "Image",
        "Video",
        "Copy link",
        "Close",
        "Image 1 of 23",
        "Поделиться",
    ],
)
def test_nl405_flags_ui_debris(line: str) -> None:
    body = f"The ferry resumed service.\n\n{line}\n\nPassengers returned."
    [found] = lint(NL405, body=body)
    assert "user-interface text" in found.message
    assert deleted(NL405, body) == "The ferry resumed service.\n\nPassengers returned."


def test_nl405_icon_names_after_a_title_line() -> None:
    body = "Ferry resumes service\nbookmark_border more_vert\nPassengers returned."
    assert deleted(NL405, body) == "Ferry resumes service\nPassengers returned."


@pytest.mark.parametrize(
    "line",
    [
        "Close to 500 people attended.",
        "Image is everything, the coach said.",
        "Video footage showed the car.",
        "Back to top form, Nadal won.",
        "Skip to the end: the deal collapsed.",
        "Search",
        "Menu",
        "Comments",
        "BOOKMARK_BORDER and snake_case names",
        "Image 1 of many",
    ],
)
def test_nl405_ignores_words_in_sentences_and_headings(line: str) -> None:
    assert lint(NL405, body=f"Intro.\n\n{line}\n\nOutro.") == []


# NL406 symbol-only-line -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["|", "» »", "• • •", ">>", "--", "-", "*", "//", "×", "‹ › ×", "☰", "####", "?"]
)
def test_nl406_flags_symbol_only_lines(line: str) -> None:
    body = f"The ferry resumed service.\n\n{line}\n\nPassengers returned."
    [found] = lint(NL406, body=body)
    assert "symbol-only line" in found.message
    assert deleted(NL406, body) == "The ferry resumed service.\n\nPassengers returned."


@pytest.mark.parametrize(
    "line",
    [
        "***",
        "* * *",
        "*   *   *",
        "---",
        "-----------------------------------",
        "___",
        "\\_\\_\\_",
        "===",
        "~~~",
        "—",
        "–",
        "— — —",
        "—-",
        "–>",
        "...",
        ". . .",
        "…",
        "🙂",
        "❤️❤️❤️",
        "©",
        "────┼────",
        "| --- | --- |",
        "| |",
        '">',
        "/>",
        "[]",
        "![]()",
        "\u200b",
        "2 + 2 = 4",
        ":)",
        ": ))",
        "=)",
        ";-)",
        ":(",
    ],
)
def test_nl406_keeps_section_breaks_ellipses_emoji_and_markdown(line: str) -> None:
    assert lint(NL406, body=f"Intro.\n\n{line}\n\nOutro.") == []


@pytest.mark.parametrize("mark", ["-", "*", "~", "•"])
def test_nl406_keeps_a_lone_mark_between_sentences_but_not_between_menu_items(mark: str) -> None:
    """A blogger's small section break sits between a caption and the next paragraph;
    the same mark among menu items is an empty item."""
    between = f"Post gauze-removal.\n{mark}\nIt took me another week to come out of the haze."
    assert lint(NL406, body=between) == []
    assert lint(NL406, body=f"“Are you sure?”\n{mark}\nI was not: the Wi-Fi was down.") == []
    menu = f"The ferry resumed service.\n\n* Home\n{mark}\n* News\n\nPassengers returned."
    [found] = lint(NL406, body=menu)
    assert menu[found.start : found.end].strip() == mark
    # One sentence on one side only is not enough.
    assert len(lint(NL406, body=f"Post gauze-removal.\n{mark}\nShare")) == 1


def test_nl406_keeps_a_dash_dateline_and_empty_quote_lines() -> None:
    assert lint(NL406, body="WASHINGTON —\nThe Senate voted on Tuesday.") == []
    assert lint(NL406, body="> The first quoted line.\n>\n> The second one.") == []


# NL407 photo-credit-in-body ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "© Oli Scarff/Getty Images",
        "(Photo: AP)",
        "Photo: Reuters",
        "Photograph: Jane Doe/Getty Images",
        "Photo by Jane Doe",
        "Image credit: NASA/JPL-Caltech",
        "Photo Credit: example via Flickr cc",
        "Image caption The mayor speaks to reporters",
        "Image copyright Getty Images",
        "Getty Images",
        "AFP via Getty Images",
        "Jane Doe | Bloomberg | Getty Images",
        "(AP Photo/John Smith, File)",
        "© REUTERS / POOL",
        "Foto: dpa",
        "Фото: РИА Новости",
        "Shutterstock",
    ],
)
def test_nl407_flags_credits_in_the_body(line: str) -> None:
    body = f"The storm hit overnight.\n\n{line}\n\nRoads were closed."
    [found] = lint(NL407, body=body)
    assert "photo credit" in found.message
    assert deleted(NL407, body) == "The storm hit overnight.\n\nRoads were closed."


@pytest.mark.parametrize(
    "line",
    [
        "The photo was taken by John Moore of Getty Images.",
        "He sold the picture to Getty Images.",
        "Photographer Jane Doe, who works for Reuters, said the scene was chaotic.",
        "Photo: Traders work on the floor of the exchange",
        "© Reuters",
        "© Jane Doe",
        "© 2024 Reuters. All rights reserved.",
        "(Reporting by Jane Doe; Editing by John Smith)",
        "Reporting by Jane Doe/Reuters",
        "Фото:",
        "Фото сделано в Москве.",
        "Main image credit: Getty",
        "Cover image: artist’s impression of the installation",
        "Reuters",
        "The image caption was changed after complaints.",
    ],
)
def test_nl407_ignores_mentions_and_copyright_lines(line: str) -> None:
    assert lint(NL407, body=f"Intro.\n\n{line}\n\nOutro.") == []


def test_nl407_never_reads_the_caption_field() -> None:
    caption = "Floods in the north. © Jane Doe/Getty Images"
    assert lint(NL407, caption=caption, body="A clean body.") == []
    assert lint(NL407, caption="© Jane Doe/Getty Images", body="A clean body.") == []


def test_promo_labels_come_from_the_phrase_lists() -> None:
    """A label added to the data (as a configuration would) is recognised, in any case."""
    from newslint.rules._promo import _label_pattern

    pattern = _label_pattern(["dazu passend"])
    assert pattern.match("DAZU\u00a0PASSEND: Neue Brücke eröffnet")
    assert not pattern.match("Dazu passend gab es Kuchen.")


# On real extractor output -------------------------------------------------------------------

EXTRACTORS = sorted((CORPORA / "extraction-benchmark-dev" / "extractors").glob("*.jsonl"))


@pytest.mark.skipif(not EXTRACTORS, reason="benchmark corpus not available")
@pytest.mark.parametrize("extractor", EXTRACTORS, ids=[path.stem for path in EXTRACTORS])
def test_unsafe_boilerplate_fixes_never_move_away_from_the_ground_truth(extractor: Path) -> None:
    """Deleting what NL401-NL407 flag never makes a record less like its hand-cleaned text."""
    truth = {
        record["id"]: record["body"]
        for record in map(json.loads, GROUND_TRUTH.read_text(encoding="utf-8").splitlines())
    }
    text = extractor.read_text(encoding="utf-8")
    document = parse_document(str(extractor), JSONL_READER, text, bom=False)
    outcome = fix_document(document, JSONL_READER, (RelatedPromo(), *BOILERPLATE), unsafe=True)
    assert not outcome.unsettled
    before = [json.loads(line) for line in text.splitlines()]
    after = [json.loads(line) for line in outcome.document.text.splitlines()]
    for old, new in zip(before, after, strict=True):
        if old.get("id") not in truth or not isinstance(old.get("body"), str):
            continue
        reference = truth[old["id"]]
        assert similarity(new["body"], reference) >= similarity(old["body"], reference) - 1e-9
        assert new["body"].count("\n\n\n") <= old["body"].count("\n\n\n")


@pytest.mark.parametrize("rule", BOILERPLATE, ids=lambda rule: rule.code)
def test_documented_examples_hold(rule: Rule) -> None:
    """The `bad` example is flagged, and deleting what is flagged gives the `good` one."""
    assert lint(rule, body=rule.good) == []
    body = rule.bad
    for diagnostic in reversed(lint(rule, body=body)):
        assert diagnostic.fix is not None
        body = apply_field_edits(body, diagnostic.fix.edits)
    assert body == rule.good


@pytest.mark.parametrize(
    "line",
    [
        "Your email address will not be published. Required fields are marked *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "Notify me of new posts by email.",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        "Tu dirección de correo electrónico no será publicada.",
        "Il tuo indirizzo email non sarà pubblicato.",
        "O seu endereço de email não será publicado.",
        "Je e-mailadres wordt niet gepubliceerd.",
        "Twój adres e-mail nie zostanie opublikowany.",
        "Ваш адрес email не будет опубликован. Обязательные поля помечены *",
        "Ваша e-mail адреса не оприлюднюватиметься.",
    ],
)
def test_comment_form_lines_in_the_ten_languages(line: str) -> None:
    assert is_ui_debris(line)


@pytest.mark.parametrize(
    "line",
    [
        "Her email address will not be published in the report, the court said.",
        "Required fields are marked in red on the paper form, officials explained.",
        "Die E-Mail-Adresse des Ministers wird nicht veröffentlicht, sagte ein Sprecher.",
        "Votre adresse e-mail ne sera pas publiée sans votre accord, promet la mairie.",
        "Адрес ведомства не будет опубликован до выборов.",
    ],
)
def test_sentences_about_email_addresses_are_not_comment_forms(line: str) -> None:
    assert not is_ui_debris(line)
