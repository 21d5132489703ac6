"""NL203: Cloudflare's `[email protected]` placeholder where an e-mail address was."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers

_PLACEHOLDER = compile_lazily(r"\[email(?: |\u00a0|&#160;|&nbsp;|&#xa0;)protected\]", re.IGNORECASE)


class CloudflareEmail(Rule):
    code = "NL203"
    name = "cloudflare-email"
    summary = "Cloudflare's `[email protected]` placeholder where an e-mail address was."
    explanation = """\
Cloudflare's e-mail obfuscation replaces every address in a page with
`[email protected]` and restores it with JavaScript; a scraper that does not run
the script keeps the placeholder.  The address is lost, so the rule only reports
it (the sentence usually needs rewording or the address looked up by hand).
Prose that merely mentions protected e-mail is not flagged: only the bracketed
placeholder is."""
    bad = "Tips can be sent to [email protected] at any time."
    good = "Tips can be sent to tips@example.org at any time."
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(patterns=(r"(?i)\[email",))

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if "[" not in text:
                continue  # fast path: no placeholder without its bracket
            lowered = text.lower()
            if "[email" not in lowered or "protected]" not in lowered:
                continue
            for match in _PLACEHOLDER.finditer(text):
                yield self.diagnostic(
                    name,
                    match.start(),
                    match.end(),
                    f"Cloudflare placeholder '{match.group()}': the e-mail address is lost",
                )
