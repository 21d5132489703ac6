from newslint.rules._schema import SchemaRule


class EmptyBody(SchemaRule):
    code = "NL005"
    name = "empty-body"
    category = "empty-body"
    summary = "The body is present but empty or only whitespace."
    explanation = """\
An empty body is what an extractor returns when it failed on a page (a paywall,
a script-rendered page, a blocked request).  Such a record only adds noise to a
corpus; find out why the extraction failed."""
    bad = '{"title": "Markets close higher", "url": "https://example.com/m", "body": "  "}'
    good = '{"title": "Markets close higher", "url": "https://example.com/m", "body": "Stocks rose ..."}'
