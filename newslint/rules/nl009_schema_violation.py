from newslint.rules._schema import SchemaRule


class SchemaViolation(SchemaRule):
    code = "NL009"
    name = "schema-violation"
    category = "other"
    summary = "The article breaks a schema constraint that no more specific rule covers."
    explanation = """\
The built-in schema's common failures have rules of their own (NL001-NL006);
this rule reports anything else the schema rejects, such as a `related` entry
that is not a string."""
    bad = '{"title": "A", "url": "https://example.com/a", "body": "...", "related": [7]}'
    good = '{"title": "A", "url": "https://example.com/a", "body": "...", "related": ["Headline"]}'
