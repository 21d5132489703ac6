from newslint.rules._schema import SchemaRule


class MissingField(SchemaRule):
    code = "NL001"
    name = "missing-field"
    category = "missing"
    summary = "A field the schema requires (title, url, body) is missing."
    explanation = """\
An article without a title, a source URL or a body cannot be cited, deduplicated
or used for training.  In a text file this usually means the scraper lost the
header or the `Original url:` footer; in JSON, that the field was never written."""
    bad = '{"title": "Floods in Valencia", "body": "Rescue teams ..."}'
    good = '{"title": "Floods in Valencia", "url": "https://example.com/floods", "body": "Rescue teams ..."}'
