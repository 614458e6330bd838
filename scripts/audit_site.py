#!/usr/bin/env python3
"""Counts what a reviewer would find wrong on a built RecLens site (issue 13's list), page by page.

    python3 scripts/audit_site.py SITE

Standard library only. For every user page and every model section with an explanation table:
  - disagreements: events the plain-language reason names that are not columns of the table beside it;
  - score mismatches: a score the reason quotes ("of its score X", "the model's score in the table is
    X") that is not in the table's score column;
  - unlabelled cells: coloured cells without their value (strong negatives, steps 5-8, counted apart);
  - cells below AA: cells whose colour class pairs background and text below 4.5:1, computed from
    the site's own style.css (light, dark and print rules of the zero class included).
For every inline SVG on any page: cut labels (text ending in "…") without the full text in a <title>
(their own, or their group's as on ego-graph nodes).
Exit status 1 when any count is non-zero.
"""
import glob
import html
import os
import re
import sys


def luminance(hex_colour):
    v = int(hex_colour[1:], 16)
    channels = [(v >> 16) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def main(site):
    css = open(os.path.join(site, "style.css"), encoding="utf-8").read()
    rules = re.findall(r"\.xt \.([pnz][0-9]?)\{background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})\}", css)
    weak = {name for name, bg, fg in rules if contrast(bg, fg) < 4.5}
    counts = dict(pages=0, tables=0, reasons=0, disagreements=0, quoted_scores=0, score_mismatches=0,
                  cells=0, unlabelled_cells=0, unlabelled_strong_negatives=0, cells_below_aa=0,
                  svg_texts=0, cut_labels_without_title=0)
    examples = []
    for path in sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True)):
        page = open(path, encoding="utf-8").read()
        counts["pages"] += 1
        for svg in re.findall(r"<svg.*?</svg>", page, re.S):
            for match in re.finditer(r"<text[^>]*>(.*?)</text>", svg, re.S):
                text = match.group(1)
                counts["svg_texts"] += 1
                shown = re.sub(r"<title>.*?</title>", "", text, flags=re.S)
                # The full text is the label's own <title>, or its group's (ego-graph nodes).
                group = svg.rfind("<g ", 0, match.start())
                group_title = re.search(r"<title>(.*?)</title>", svg[group:match.start()], re.S) if group >= 0 else None
                prefix = html.unescape(shown.rstrip()[:-1])
                titled = "<title>" in text or (group_title and html.unescape(group_title.group(1)).startswith(prefix))
                if shown.rstrip().endswith("…") and not titled:
                    counts["cut_labels_without_title"] += 1
                    examples.append(f"{path}: cut label {shown!r}")
        if "/users/" not in path:
            continue
        for section in page.split('<section id="model-')[1:]:
            table = re.search(r'<table class="compact list xt".*?</table>', section, re.S)
            if not table:
                continue
            table = table.group(0)
            counts["tables"] += 1
            columns = []
            for header in re.findall(r'<th scope="col" class="ev">(.*?)</th>', table, re.S):
                title = re.sub(r"<span class=\"pos\">.*?</span>", "", header)
                columns.append(html.unescape(re.sub(r"<[^>]+>", "", title)))
            scores = []
            for row in re.findall(r"<tr><td>.*?</tr>", table, re.S):
                cells = re.findall(r'<td(?: class="([^"]*)")?>(.*?)</td>', row)
                scores.append(cells[2][1])
                for cls, value in cells[3:]:
                    if not cls:
                        continue
                    counts["cells"] += 1
                    if not value.strip():
                        counts["unlabelled_cells"] += 1
                        if cls[0] == "n" and int(cls[1:] or 0) >= 5:
                            counts["unlabelled_strong_negatives"] += 1
                    if cls in weak:
                        counts["cells_below_aa"] += 1
            reason = re.search(r'<p class="reason">(.*?)</p>', section, re.S)
            if not reason:
                continue
            reason = html.unescape(reason.group(1))
            counts["reasons"] += 1
            for name in re.findall(r"“(.*?)”", reason)[1:]:
                if "older events" not in name and name not in columns:
                    counts["disagreements"] += 1
                    examples.append(f"{path}: “{name}” named, not a column")
            for marker in ("the trained model's score in the table is ", "of its score "):
                at = reason.find(marker)
                if at >= 0:
                    number = re.match(r"-?[0-9.]*[0-9]", reason[at + len(marker):]).group(0)
                    counts["quoted_scores"] += 1
                    if number not in scores:
                        counts["score_mismatches"] += 1
                        examples.append(f"{path}: quotes {number}, table has {scores[:3]}…")
                    break
    for key, value in counts.items():
        print(f"{key:30} {value}")
    for line in examples[:20]:
        print(line)
    bad = ("disagreements", "score_mismatches", "unlabelled_strong_negatives", "cells_below_aa", "cut_labels_without_title")
    return 1 if any(counts[k] for k in bad) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "site"))
