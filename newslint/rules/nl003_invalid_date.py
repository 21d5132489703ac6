from newslint.rules._schema import SchemaRule


class InvalidDate(SchemaRule):
    code = "NL003"
    name = "invalid-date"
    category = "date"
    summary = "The publication date is not a real date."
    explanation = """\
`published` must be an ISO date (`2024-11-01`) or date-time
(`2024-11-01T09:30:00Z`) that exists on the calendar.  Text files may write it
as `November 01, 2024`; newslint reads that, but `February 30, 2024` or
`2024-13-01` is reported, since no one can tell what was meant."""
    bad = "February 30, 2024"
    good = "February 29, 2024"
