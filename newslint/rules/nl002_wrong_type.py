from newslint.rules._schema import SchemaRule


class WrongType(SchemaRule):
    code = "NL002"
    name = "wrong-type"
    category = "type"
    summary = "A field has the wrong JSON type (a number for a title, a list for a body)."
    explanation = """\
Downstream tools expect text where the schema says text.  A title stored as a
number or a body stored as a list of HTML nodes is a sign the scraper mapped the
wrong element, and every text rule skips such a field until it is corrected."""
    bad = '{"title": 42, "url": "https://example.com/a", "body": "..."}'
    good = (
        '{"title": "Forty-two candidates register", "url": "https://example.com/a", "body": "..."}'
    )
