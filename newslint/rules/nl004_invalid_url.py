from newslint.rules._schema import SchemaRule


class InvalidUrl(SchemaRule):
    code = "NL004"
    name = "invalid-url"
    category = "url"
    summary = (
        "The article's url is not an absolute http(s) URL (for example, it contains whitespace)."
    )
    explanation = """\
The source URL identifies the article: it is used to deduplicate, to cite and
to re-fetch.  A URL with whitespace in it (often a line wrap the scraper kept)
or without `http://` or `https://` does not resolve.  When the whitespace is a
split, NL201 (split-url) offers the fix and this error goes with it."""
    bad = "https://www.example.com/2024/11/01/north-korea-says-ove r-ukraine-a86878"
    good = "https://www.example.com/2024/11/01/north-korea-says-over-ukraine-a86878"
