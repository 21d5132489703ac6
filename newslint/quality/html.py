"""The report as one self-contained HTML page: inline CSS, inline SVG charts, no script.

Everything from the corpus is hostile text (tags, scripts, entities, bidi controls), so
every string passes through ``text`` before it reaches the page, and a Content Security
Policy forbids any load from anywhere: the page works offline and cannot phone home.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from newslint.quality.aggregate import (
    CATEGORY_WEIGHTS,
    ERROR_WEIGHT,
    DomainStats,
    Example,
    GroupStats,
    Report,
    RuleStats,
    Totals,
)

TOP_DOMAINS_CHART = 15
TOP_DOMAINS_TABLE = 30
TOP_GROUPS_TABLE = 50
MAX_ERRORS_SHOWN = 50

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ud800-\udfff]"
)
"""Characters that would be invisible, reorder the line (bidi controls), or not encode."""

COLOURS = {"safe": "#2b8a3e", "unsafe": "#e67700", "none": "#5f6b7a", "domain": "#1971c2"}
FIX_LABELS = {
    "safe": "fixable with --fix",
    "unsafe": "fixable with --unsafe-fixes",
    "none": "not fixable",
}

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "form-action 'none'; base-uri 'none'"
)


def text(value: object) -> str:
    """HTML-escaped text; invisible and direction-changing characters shown as ``<U+202E>``."""
    escaped = html.escape(str(value), quote=True)
    return _INVISIBLE.sub(
        lambda m: f'<span class="ctl">&lt;U+{ord(m.group()):04X}&gt;</span>', escaped
    )


def plain(value: object) -> str:
    """Like ``text`` but without markup: for attribute values and SVG text."""
    visible = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(value))
    return html.escape(visible, quote=True)


def _with_code(value: str) -> str:
    """``text`` with Markdown code spans (as in rule summaries) set in ``<code>``."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text(value))


def _plural(count: int, noun: str) -> str:
    return f"{_number(count)} {noun}{'' if count == 1 else 's'}"


def _number(value: int) -> str:
    """Thousands separated, for reading at a glance (plain text: escape it like any other)."""
    return f"{value:,}"


def _percent(share: float) -> str:
    """A share as a percentage; a tiny non-zero share is ``<0.1%``, never a misleading ``0.0%``."""
    if share == 0:
        return "0%"
    if share < 0.001:
        return "<0.1%"
    return f"{share * 100:.1f}%"


# -- charts ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    value: int
    kind: str
    """A key of ``COLOURS``."""
    title: str


@dataclass(frozen=True, slots=True)
class BarRow:
    key: str
    label: str
    segments: tuple[Segment, ...]
    note: str


_CHAR = 7.3  # width of a 12px monospace character, near enough
_ROW = 24
_BAR_AREA = 380


def bar_chart(rows: Sequence[BarRow], *, name: str, description: str) -> str:
    """A horizontal (stacked) bar chart as inline SVG; one ``g.bar-row`` per row."""
    if not rows:
        return ""
    label_chars = min(max(len(row.label) for row in rows), 40)
    label_width = round(label_chars * _CHAR) + 12
    note_width = round(max(len(row.note) for row in rows) * _CHAR) + 16
    width = label_width + _BAR_AREA + note_width
    height = len(rows) * _ROW + 6
    largest = max(sum(s.value for s in row.segments) for row in rows) or 1
    parts = [
        f'<svg class="chart" data-chart="{plain(name)}" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f"<title>{plain(description)}</title>",
    ]
    for index, row in enumerate(rows):
        y = index * _ROW + 3
        label = row.label if len(row.label) <= 40 else row.label[:39] + "…"
        parts.append(f'<g class="bar-row" data-key="{plain(row.key)}">')
        parts.append(
            f'<text class="label" x="{label_width - 8}" y="{y + 15}" text-anchor="end">'
            f"{plain(label)}</text>"
        )
        x = float(label_width)
        for segment in row.segments:
            if segment.value <= 0:
                continue
            bar = max(segment.value / largest * _BAR_AREA, 2.0)
            parts.append(
                f'<rect class="bar {segment.kind}" x="{x:.1f}" y="{y + 3}" width="{bar:.1f}" '
                f'height="{_ROW - 8}" rx="2" fill="{COLOURS[segment.kind]}">'
                f"<title>{plain(segment.title)}</title></rect>"
            )
            x += bar
        parts.append(f'<text class="note" x="{x + 6:.1f}" y="{y + 15}">{plain(row.note)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _rule_segments(rule: RuleStats) -> tuple[Segment, ...]:
    none = rule.problems - rule.fixable_safe - rule.fixable_unsafe
    return (
        Segment(
            rule.fixable_safe, "safe", f"{rule.code}: {rule.fixable_safe} {FIX_LABELS['safe']}"
        ),
        Segment(
            rule.fixable_unsafe,
            "unsafe",
            f"{rule.code}: {rule.fixable_unsafe} {FIX_LABELS['unsafe']}",
        ),
        Segment(none, "none", f"{rule.code}: {none} {FIX_LABELS['none']}"),
    )


def rule_chart(rules: Sequence[RuleStats], articles_known: bool = True) -> str:
    rows = [
        BarRow(
            rule.code,
            f"{rule.code} {rule.name}",
            _rule_segments(rule),
            f"{_number(rule.problems)} · {_percent(rule.share)} of articles"
            if articles_known
            else f"{_number(rule.problems)} in {_number(rule.articles)} articles",
        )
        for rule in rules
        if rule.problems
    ]
    return bar_chart(rows, name="rules", description="Problems per rule, by fixability")


def domain_chart(domains: Sequence[DomainStats], articles_known: bool = True) -> str:
    rows = [
        BarRow(
            domain.domain,
            domain.domain,
            (Segment(domain.problems, "domain", f"{domain.domain}: {domain.problems} problems"),),
            f"{_number(domain.problems)} in {_number(domain.articles)} articles"
            if articles_known
            else f"{_number(domain.problems)} in {_number(domain.articles_with_problems)} "
            "articles with problems",
        )
        for domain in domains[:TOP_DOMAINS_CHART]
        if domain.problems
    ]
    return bar_chart(rows, name="domains", description="Problems per source domain")


def fixability_chart(totals: Totals) -> str:
    """One stacked bar: how much of the damage ``--fix`` (and ``--unsafe-fixes``) can mend."""
    segments = tuple(
        Segment(value, kind, f"{value} {FIX_LABELS[kind]}")
        for value, kind in (
            (totals.fixable_safe, "safe"),
            (totals.fixable_unsafe, "unsafe"),
            (totals.not_fixable, "none"),
        )
    )
    row = BarRow("all", "all problems", segments, _number(totals.problems))
    return bar_chart([row], name="fixability", description="Problems by fixability")


# -- page ------------------------------------------------------------------------------------

STYLE = """
:root { color-scheme: light dark; --fg: #1f2933; --muted: #5f6b7a; --bg: #f6f7f9;
  --card: #ffffff; --line: #e3e7ec; --mark: #ffe066; --accent: #1971c2; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ed; --muted: #9aa5b1; --bg: #15191e; --card: #1e242b; --line: #313942;
    --mark: #8f6d00; --accent: #74c0fc; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 20px 48px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; color: var(--muted); }
h2 { margin: 36px 0 8px; font-size: 20px; }
h3 { margin: 20px 0 6px; font-size: 16px; }
section > p.lead { margin: 0 0 12px; color: var(--muted); }
code, .mono, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px;
  margin: 20px 0 8px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
.card .value { font-size: 26px; font-weight: 650; }
.card .label { color: var(--muted); font-size: 13px; }
.card .sub { font-size: 13px; color: var(--muted); }
.panel { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px;
  overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; fill: var(--fg); }
svg.chart text.note { fill: var(--muted); }
.legend { display: flex; gap: 16px; flex-wrap: wrap; font-size: 13px; color: var(--muted); margin: 6px 0 0; }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px;
  vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; background: var(--card); font-size: 14px; margin-top: 12px;
  border: 1px solid var(--line); border-radius: 8px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.meter { display: inline-block; width: 80px; height: 8px; background: var(--line); border-radius: 4px;
  margin-left: 8px; vertical-align: 1px; overflow: hidden; }
.meter > span { display: block; height: 100%; background: var(--accent); }
.tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; border: 1px solid var(--line); }
.tag.safe { color: #2b8a3e; } .tag.unsafe { color: #e67700; } .tag.sometimes { color: #e67700; }
.tag.never { color: var(--muted); }
.example { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
  margin: 8px 0; }
.example .where { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.example pre { margin: 6px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: var(--mark); color: inherit; border-radius: 2px; padding: 0 1px; }
mark.empty { padding: 0 2px; }
.ctl { color: #c92a2a; font-size: 11px; }
.path { overflow-wrap: anywhere; }
table.files td.path { width: 42%; }
.muted { color: var(--muted); }
details summary { cursor: pointer; color: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
"""


def _card(label: str, value: str, sub: str = "", key: str = "") -> str:
    sub_html = f'<div class="sub">{text(sub)}</div>' if sub else ""
    return (
        f'<div class="card" data-card="{plain(key)}"><div class="label">{text(label)}</div>'
        f'<div class="value">{text(value)}</div>{sub_html}</div>'
    )


def _cards(report: Report) -> str:
    totals = report.totals
    known = report.articles_known
    share = totals.articles_with_problems / totals.articles if totals.articles else 0.0
    after = report.after_fix
    if after is None:
        still = _card("Still bad after --fix", "unknown", "not computed", "after-fix")
    else:
        still = _card(
            "Still bad after --fix",
            _number(after.safe.problems),
            f"problems in {_plural(after.safe.articles, 'article')}; "
            f"{_number(after.unsafe.problems)} with --unsafe-fixes",
            "after-fix",
        )
    if not known:
        weighted = "per article: unknown"
    elif totals.articles:
        weighted = f"{totals.weighted / totals.articles:.2f} per article"
    else:
        weighted = "no article"
    return (
        '<div class="cards">'
        + _card(
            "Articles checked" if report.source == "check" else "Articles",
            _number(totals.articles) if known else "unknown",
            f"in {_number(totals.files)} files",
            "articles",
        )
        + _card(
            "Articles with problems",
            _number(totals.articles_with_problems),
            f"{_percent(share)} of articles" if known else "share unknown",
            "articles-with-problems",
        )
        + _card("Weighted score", _number(totals.weighted), weighted, "weighted")
        + _card(
            "Problems",
            _number(totals.problems),
            f"{totals.rules_checked} rules checked",
            "problems",
        )
        + _card(
            "Fixable with --fix",
            _number(totals.fixable_safe),
            f"{_number(totals.fixable_unsafe)} more with --unsafe-fixes",
            "fixable",
        )
        + still
        + _card(
            "Not fixable",
            _number(totals.not_fixable),
            "need a person or the scraper",
            "not-fixable",
        )
        + _card(
            "Read errors",
            _number(totals.read_errors),
            "files or records not checked" if totals.read_errors else "every file was read",
            "read-errors",
        )
        + "</div>"
    )


def _legend(kinds: Sequence[str]) -> str:
    items = "".join(
        f'<span><i style="background:{COLOURS[kind]}"></i>{text(FIX_LABELS[kind])}</span>'
        for kind in kinds
    )
    return f'<div class="legend">{items}</div>'


NOT_FIXABLE_TAG = '<span class="tag never">no</span>'


def _rules_section(report: Report) -> str:
    found = [rule for rule in report.rules if rule.problems]
    clean = [rule for rule in report.rules if not rule.problems]
    parts = ['<section id="rules"><h2>Problems per rule</h2>']
    if not found:
        parts.append('<p class="lead">No rule found a problem.</p>')
    else:
        parts.append(
            '<p class="lead">Bars: problems per rule, coloured by what <code>newslint --fix</code> '
            "can do about them. Share: articles with at least one such problem.</p>"
        )
        parts.append(
            f'<div class="panel">{rule_chart(found, report.articles_known)}'
            f"{_legend(['safe', 'unsafe', 'none'])}</div>"
        )
        parts.append(
            '<table class="rules"><thead><tr><th>Rule</th><th>Name</th><th class="num">Problems</th>'
            '<th class="num">Articles</th><th class="num">Share of articles</th>'
            '<th class="num">Fixable</th><th class="num">Weight</th>'
            '<th class="num">After --fix</th></tr></thead><tbody>'
        )
        for rule in found:
            width = min(rule.share * 100, 100)
            fixable = []
            if rule.fixable_safe:
                fixable.append(f'<span class="tag safe">{_number(rule.fixable_safe)} safe</span>')
            if rule.fixable_unsafe:
                fixable.append(
                    f'<span class="tag unsafe">{_number(rule.fixable_unsafe)} unsafe</span>'
                )
            parts.append(
                f'<tr data-code="{plain(rule.code)}"><td><a href="#example-{plain(rule.code)}">'
                f"<code>{text(rule.code)}</code></a></td>"
                f'<td>{text(rule.name)}<div class="muted">{_with_code(rule.summary)}</div></td>'
                f'<td class="num">{_number(rule.problems)}</td>'
                f'<td class="num">{_number(rule.articles)}</td>'
                + (
                    f'<td class="num">{text(_percent(rule.share))}<span class="meter">'
                    f'<span style="width:{width:.2f}%"></span></span></td>'
                    if report.articles_known
                    else '<td class="num">?</td>'
                )
                + f'<td class="num">{" ".join(fixable) or NOT_FIXABLE_TAG}</td>'
                f'<td class="num">{rule.weight}</td>'
                f'<td class="num">{_after(rule.after_fix, rule.after_unsafe_fixes)}</td></tr>'
            )
        parts.append("</tbody></table>")
    if clean:
        codes = ", ".join(f"<code>{text(rule.code)}</code> {text(rule.name)}" for rule in clean)
        parts.append(
            f"<details><summary>{len(clean)} rules found nothing</summary><p>{codes}</p></details>"
        )
    parts.append("</section>")
    return "".join(parts)


def _after(safe: int | None, unsafe: int | None) -> str:
    """A rule's problems left after --fix (and --unsafe-fixes), or a dash if not known."""
    if safe is None or unsafe is None:
        return '<span class="muted">–</span>'
    more = f' <span class="muted">({_number(unsafe)} unsafe)</span>' if unsafe != safe else ""
    return f"{_number(safe)}{more}"


def _top_rules(domain: DomainStats | GroupStats) -> str:
    top = sorted(domain.rules.items(), key=lambda item: (-item[1], item[0]))[:3]
    return ", ".join(f"<code>{text(code)}</code>&nbsp;{_number(count)}" for code, count in top)


def _domains_section(report: Report) -> str:
    parts = ['<section id="domains"><h2>Problems per source domain</h2>']
    if not report.domains:
        parts.append('<p class="lead">No articles were read.</p></section>')
        return "".join(parts)
    parts.append(
        '<p class="lead">The domain is the host of each article\'s <code>url</code> '
        "(without <code>www.</code>); articles without a usable URL are under "
        "<code>(no url)</code>.</p>"
    )
    chart = domain_chart(report.domains, report.articles_known)
    if chart:
        parts.append(f'<div class="panel">{chart}</div>')
    parts.append(
        '<table class="domains"><thead><tr><th>Domain</th><th class="num">Articles</th>'
        '<th class="num">With problems</th><th class="num">Problems</th>'
        '<th class="num">Per article</th><th>Most frequent</th></tr></thead><tbody>'
    )
    known = report.articles_known
    for domain in report.domains[:TOP_DOMAINS_TABLE]:
        share = domain.articles_with_problems / domain.articles if domain.articles else 0.0
        per_article = domain.problems / domain.articles if domain.articles else 0.0
        with_problems = _number(domain.articles_with_problems)
        parts.append(
            f'<tr data-domain="{plain(domain.domain)}"><td class="path">{text(domain.domain)}</td>'
            f'<td class="num">{_number(domain.articles) if known else "?"}</td>'
            f'<td class="num">{with_problems}'
            f"{f' ({text(_percent(share))})' if known else ''}</td>"
            f'<td class="num">{_number(domain.problems)}</td>'
            f'<td class="num">{f"{per_article:.2f}" if known else "?"}</td>'
            f"<td>{_top_rules(domain)}</td></tr>"
        )
    parts.append("</tbody></table>")
    if len(report.domains) > TOP_DOMAINS_TABLE:
        rest = len(report.domains) - TOP_DOMAINS_TABLE
        parts.append(
            f'<p class="muted">and {rest} more domains (all of them are in --format json).</p>'
        )
    parts.append("</section>")
    return "".join(parts)


def _unknown_section(report: Report) -> str:
    if not report.unknown:
        return ""
    items = "".join(f"<li>{text(sentence)}</li>" for sentence in report.unknown)
    return (
        '<section id="unknown"><h2>What this report cannot tell</h2><p class="lead">It was '
        "built from diagnostics files, which do not hold everything.</p>"
        f"<ul>{items}</ul></section>"
    )


def _after_fix_section(report: Report) -> str:
    after = report.after_fix
    if after is None or not report.totals.problems:
        return ""
    totals = report.totals
    rows = [
        ("now", totals.problems, totals.articles_with_problems),
        ("after newslint --fix", after.safe.problems, after.safe.articles),
        ("after newslint --fix --unsafe-fixes", after.unsafe.problems, after.unsafe.articles),
    ]
    body = "".join(
        f'<tr data-stage="{plain(stage)}"><td>{text(stage)}</td>'
        f'<td class="num">{_number(problems)}</td><td class="num">{_number(articles)}</td></tr>'
        for stage, problems, articles in rows
    )
    return (
        '<section id="after-fix"><h2>Still bad after --fix</h2><p class="lead">Each file (or '
        "record) with a fixable problem was fixed in memory, as <code>--fix</code> would fix "
        "it, and checked again; nothing was written.</p>"
        '<table class="after-fix"><thead><tr><th></th><th class="num">Problems</th>'
        f'<th class="num">Articles with problems</th></tr></thead><tbody>{body}</tbody></table>'
        "</section>"
    )


def _ranking_section(report: Report) -> str:
    if not report.articles_known:
        return ""
    parts = [
        '<section id="ranking"><h2>Domains ranked by problems per article</h2>'
        f'<p class="lead">Domains with at least {_plural(report.min_articles, "article")} '
        "(<code>--min-articles</code>), so that a domain with one bad article does not top "
        "the list. Weighted: each problem counted at its rule's weight.</p>"
    ]
    if not report.ranked_domains:
        parts.append('<p class="muted">No domain has that many articles.</p></section>')
        return "".join(parts)
    parts.append(
        '<table class="ranking"><thead><tr><th>Domain</th><th class="num">Articles</th>'
        '<th class="num">Problems</th><th class="num">Per article</th>'
        '<th class="num">Weighted per article</th><th>Most frequent</th></tr></thead><tbody>'
    )
    for domain in report.ranked_domains[:TOP_DOMAINS_TABLE]:
        parts.append(
            f'<tr data-domain="{plain(domain.domain)}"><td class="path">{text(domain.domain)}</td>'
            f'<td class="num">{_number(domain.articles)}</td>'
            f'<td class="num">{_number(domain.problems)}</td>'
            f'<td class="num">{domain.problems / domain.articles:.2f}</td>'
            f'<td class="num">{domain.weighted / domain.articles:.2f}</td>'
            f"<td>{_top_rules(domain)}</td></tr>"
        )
    parts.append("</tbody></table>")
    weights = ", ".join(f"NL{digit}xx {weight}" for digit, weight in CATEGORY_WEIGHTS.items())
    parts.append(
        f'<p class="muted">Weights: {text(weights)}; a rule of severity error '
        f"{ERROR_WEIGHT}.</p></section>"
    )
    return "".join(parts)


def _groups_section(report: Report) -> str:
    if report.group_by is None:
        return ""
    known = report.articles_known
    order = (
        "Most problems per article first."
        if known
        else ("Most problems first (article counts are not known).")
    )
    parts = [
        f'<section id="groups"><h2>Problems per group: <code>{text(report.group_by)}</code>'
        f'</h2><p class="lead">{order}</p>'
    ]
    if not report.groups:
        parts.append('<p class="muted">No articles were read.</p></section>')
        return "".join(parts)
    parts.append(
        '<table class="groups"><thead><tr><th>Group</th><th class="num">Articles</th>'
        '<th class="num">With problems</th><th class="num">Problems</th>'
        '<th class="num">Per article</th><th class="num">Weighted</th><th>Most frequent</th>'
        "</tr></thead><tbody>"
    )
    for group in report.groups[:TOP_GROUPS_TABLE]:
        per_article = group.per_article
        rate = f"{per_article:.2f}" if known and per_article is not None else "?"
        parts.append(
            f'<tr data-group="{plain(group.name)}"><td class="path">{text(group.name)}</td>'
            f'<td class="num">{_number(group.articles) if known else "?"}</td>'
            f'<td class="num">{_number(group.articles_with_problems)}</td>'
            f'<td class="num">{_number(group.problems)}</td>'
            f'<td class="num">{rate}</td>'
            f'<td class="num">{_number(group.weighted)}</td>'
            f"<td>{_top_rules(group)}</td></tr>"
        )
    parts.append("</tbody></table>")
    if len(report.groups) > TOP_GROUPS_TABLE:
        rest = len(report.groups) - TOP_GROUPS_TABLE
        parts.append(
            f'<p class="muted">and {rest} more groups (all of them are in --format json).</p>'
        )
    parts.append("</section>")
    return "".join(parts)


def _files_section(report: Report) -> str:
    parts = ['<section id="files"><h2>Worst files</h2>']
    if not report.worst_files:
        if report.totals.files_with_problems:  # --top 0
            return ""
        parts.append('<p class="lead">No file has a problem.</p></section>')
        return "".join(parts)
    parts.append(
        '<p class="lead">The files with the most problems (ties: most problems per article).</p>'
        '<table class="files"><thead><tr><th>File</th><th class="num">Articles</th>'
        '<th class="num">Problems</th><th class="num">Per article</th><th>Rules</th></tr></thead><tbody>'
    )
    for stats in report.worst_files:
        rules = ", ".join(
            f"<code>{text(code)}</code>&nbsp;{_number(count)}"
            for code, count in sorted(stats.rules.items(), key=lambda item: (-item[1], item[0]))
        )
        known = stats.articles is not None
        parts.append(
            f'<tr><td class="path mono">{text(stats.path)}</td>'
            f'<td class="num">{_number(stats.articles) if stats.articles is not None else "?"}</td>'
            f'<td class="num">{_number(stats.problems)}</td>'
            f'<td class="num">{f"{stats.per_article:.2f}" if known else "?"}</td>'
            f"<td>{rules}</td></tr>"
        )
    parts.append("</tbody></table></section>")
    return "".join(parts)


def _excerpt(example: Example) -> str:
    """The field's decoded text around the problem if the report has it (what a reader of the
    article sees), else the file's line (as written: JSON escapes and all)."""
    if example.text is not None:
        excerpt, (start, end) = example.text, example.text_highlight
        cut_before, cut_after = example.text_cut
        kind = "text"
    else:
        excerpt, (start, end) = example.excerpt, example.highlight
        cut_before, cut_after = example.cut_before, example.cut_after
        kind = "line"
    before, span, after = excerpt[:start], excerpt[start:end], excerpt[end:]
    mark = f"<mark>{text(span)}</mark>" if span else '<mark class="empty"></mark>'
    lead = "…" if cut_before else ""
    tail = "…" if cut_after else ""
    return f'<pre data-excerpt="{kind}">' + f"{lead}{text(before)}{mark}{text(after)}{tail}</pre>"


def _example(example: Example) -> str:
    where = text(example.path)
    if example.line is not None:
        where += f":{example.line}:{example.column}"
    context = []
    if example.record is not None:
        context.append(f"record {example.record}")
    if example.record_id is not None:
        context.append(f"id {text(example.record_id)}")
    if example.field:
        context.append(f"field {text(example.field)}")
    extra = f" ({', '.join(context)})" if context else ""
    url = f'<div class="where mono url">{text(example.url)}</div>' if example.url else ""
    excerpt = _excerpt(example) if example.excerpt or example.text is not None else ""
    return (
        f'<div class="example"><div class="where mono">{where}{extra}</div>{url}'
        f"<div>{text(example.message)}</div>{excerpt}</div>"
    )


def _examples_section(report: Report) -> str:
    found = [rule for rule in report.rules if rule.examples]
    if not found:
        return ""
    parts = [
        '<section id="examples"><h2>Examples</h2><p class="lead">Up to three per rule, from '
        "different files where possible, with the record's id and url, and the field's text "
        "(decoded, not as escaped in the file) with the offending text highlighted.</p>"
    ]
    for rule in found:
        parts.append(
            f'<div class="rule-examples" id="example-{plain(rule.code)}" data-code="{plain(rule.code)}">'
            f"<h3><code>{text(rule.code)}</code> {text(rule.name)} "
            f'<span class="tag {plain(rule.fixable)}">fix: {text(rule.fixable)}</span></h3>'
        )
        parts.extend(_example(example) for example in rule.examples)
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def _errors_section(report: Report) -> str:
    if not report.errors:
        return ""
    rows = "".join(
        f"<li class='mono'>{text(error)}</li>" for error in report.errors[:MAX_ERRORS_SHOWN]
    )
    more = len(report.errors) - MAX_ERRORS_SHOWN
    tail = f'<p class="muted">and {more} more.</p>' if more > 0 else ""
    return (
        f'<section id="errors"><h2>Read errors</h2><p class="lead">Input that could not be checked '
        f"(its articles are not counted above).</p><ul>{rows}</ul>{tail}</section>"
    )


def render_html(report: Report, generated: datetime | None = None) -> str:
    """The whole page, self-contained."""
    when = (generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    paths = " ".join(report.paths)
    totals = report.totals
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>newslint report: {plain(paths)}</title>",
            f"<style>{STYLE}</style></head><body><main>",
            f"<header><h1>Corpus quality report</h1><p>newslint {text(report.version)} · "
            f'<span class="mono">{text(paths)}</span> · {text(when)}</p></header>',
            _cards(report),
            _unknown_section(report),
            f'<div class="panel">{fixability_chart(totals)}{_legend(["safe", "unsafe", "none"])}</div>'
            if totals.problems
            else "",
            _after_fix_section(report),
            _rules_section(report),
            _domains_section(report),
            _ranking_section(report),
            _groups_section(report),
            _files_section(report),
            _examples_section(report),
            _errors_section(report),
            "<footer>Made by <code>newslint report</code>. Numbers as JSON: "
            "<code>newslint report --format json</code>.</footer>",
            "</main></body></html>\n",
        ]
    )
