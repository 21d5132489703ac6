from newslint.rules._schema import SchemaRule


class BlankField(SchemaRule):
    code = "NL006"
    name = "blank-field"
    category = "blank"
    summary = "A field that must have text (such as the title) is empty or only whitespace."
    explanation = """\
An empty string passes a type check but says nothing: a blank title usually
means the extractor did not find the headline element."""
    bad = '{"title": "", "url": "https://example.com/a", "body": "..."}'
    good = (
        '{"title": "City council approves budget", "url": "https://example.com/a", "body": "..."}'
    )
