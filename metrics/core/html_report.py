"""The review report: one self-contained HTML file of one or more pages' scenarios (the
question, the framing, every assumption with its unit and default, the headline numbers, the
sentences and the interactive charts), with plotly's script inlined once so it opens with no
network, the data source and fingerprint, the date and the version."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import html
from dataclasses import dataclass, field

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from metrics.core.format import Headline, Tile
from metrics.core.params import as_html
from metrics.core.scenario import valuelens_version

FRAMING_TITLES = (
    "Business objective",
    "Model output",
    "Training loss",
    "ML metric",
    "Business metric",
)


@dataclass(frozen=True)
class Assumption:
    """One input as the report states it."""

    name: str
    value: str
    unit: str
    default: str


@dataclass(frozen=True, eq=False)
class ReportSection:
    """One page's scenario, ready to be written.

    Attributes
    ----------
    title, question : str
    framing : tuple of 5 str
        Objective, model output, training loss, ML metric, business metric.
    assumptions : list of Assumption
    tiles : list of Tile
        The headline numbers (with their notes: intervals, yearly figures).
    sentences : list of str
    figures : list of plotly Figure
    source, fingerprint : str
        The data, in words, and the fingerprint of its contents.
    headline : Headline or None
        The figure the home page quotes for this page at these inputs.
    """

    title: str
    question: str
    framing: tuple[str, str, str, str, str]
    assumptions: list[Assumption]
    tiles: list[Tile]
    sentences: list[str]
    figures: list[go.Figure] = field(default_factory=list)
    source: str = ""
    fingerprint: str = ""
    headline: Headline | None = None


STYLE = """
body { font-family: "Source Sans Pro", Arial, sans-serif; margin: 2rem auto; max-width: 1100px;
       color: #262730; line-height: 1.45; }
h1 { font-size: 2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #eceff1; }
.strip { display: flex; gap: .5rem; margin: 1rem 0; }
.step { flex: 1; background: #f3f5f7; padding: .5rem .7rem; border-radius: .4rem; }
.step b { display: block; font-size: .7rem; letter-spacing: .05em; text-transform: uppercase;
          color: #5b6770; }
.tiles { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; margin: 1rem 0; }
.tile .label { color: #5b6770; font-size: .9rem; } .tile .value { font-size: 1.8rem; }
.tile .note { color: #5b6770; font-size: .8rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
td, th { border-bottom: 1px solid #eceff1; padding: .3rem .8rem; text-align: left; }
.say { background: #eef5fc; padding: .7rem 1rem; border-radius: .4rem; margin: .5rem 0; }
.meta { color: #5b6770; font-size: .85rem; }
"""


def render_report(sections: list[ReportSection], *, title: str = "ValueLens review") -> str:
    """The whole report as one HTML document; a contents list when there are several pages.

    Parameters
    ----------
    sections : list of ReportSection
    title : str

    Returns
    -------
    str
    """
    made = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p class='meta'>Made {made} with ValueLens {html.escape(valuelens_version())}.</p>",
    ]
    if len(sections) > 1:
        items = "".join(
            f"<li><a href='#section-{i}'>{html.escape(s.title)}</a></li>"
            for i, s in enumerate(sections)
        )
        parts.append(f"<h3>Contents</h3><ol>{items}</ol>")
    charts = iter(range(10**6))
    parts += [_section(i, s, charts) for i, s in enumerate(sections)]
    parts += [
        f"<script id='plotly-gz' type='application/octet-stream'>{_packed_plotly()}</script>",
        f"<script>{LOADER}</script></body></html>",
    ]
    return "".join(parts)


LOADER = """
(async () => {
  const packed = document.getElementById('plotly-gz').textContent;
  const bytes = Uint8Array.from(atob(packed), c => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  (0, eval)(await new Response(stream).text());
  for (const div of document.querySelectorAll('div.chart')) {
    const spec = JSON.parse(document.getElementById(div.id + '-data').textContent);
    Plotly.newPlot(div, spec.data, spec.layout, {displaylogo: false, responsive: true});
  }
})();
"""
"""Unpacks plotly's script (gzip, inlined: the report needs no network) and draws each chart
from its JSON."""


@functools.cache
def _packed_plotly() -> str:
    """plotly.js gzipped and base64-encoded: a third of its 4.8 MB."""
    return base64.b64encode(gzip.compress(get_plotlyjs().encode(), 9, mtime=0)).decode()


def _chart(n: int, figure: go.Figure) -> str:
    spec = figure.to_json().replace("</", "<\\/")
    return (
        f"<div class='chart' id='chart-{n}'></div>"
        f"<script type='application/json' id='chart-{n}-data'>{spec}</script>"
    )


def _section(i: int, section: ReportSection, numbers) -> str:
    e = html.escape
    strip = "".join(
        f"<div class='step'><b>{e(t)}</b>{e(text)}</div>"
        for t, text in zip(FRAMING_TITLES, section.framing, strict=True)
    )
    rows = "".join(
        f"<tr><td>{e(a.name)}</td><td>{e(a.value)}</td><td>{e(a.unit)}</td>"
        f"<td>{e(a.default)}</td></tr>"
        for a in section.assumptions
    )
    tiles = "".join(
        f"<div class='tile'><div class='label'>{e(t.label)}</div>"
        f"<div class='value'>{e(t.value)}</div>"
        + (f"<div class='note'>{e(t.delta)}</div>" if t.delta else "")
        + (f"<div class='note'>{e(t.note)}</div>" if t.note else "")
        + "</div>"
        for t in section.tiles
    )
    said = "".join(f"<p class='say'>{as_html(s)}</p>" for s in section.sentences)
    charts = "".join(_chart(next(numbers), f) for f in section.figures)
    return (
        f"<section id='section-{i}'><h2>{e(section.title)}</h2>"
        f"<p><b>{e(section.question)}</b></p><div class='strip'>{strip}</div>"
        "<h3>Assumptions</h3><table><tr><th>Input</th><th>Value</th><th>Unit</th>"
        f"<th>Default</th></tr>{rows}</table><div class='tiles'>{tiles}</div>{said}{charts}"
        f"<p class='meta'>Data: {e(section.source)} ({e(section.fingerprint)}).</p></section>"
    )
