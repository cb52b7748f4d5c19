#!/usr/bin/env python3
"""Derive teikit's surname table from the 1990 US census name lists.

Usage:
    pip download names==0.3.0 --no-deps --no-binary :all: -d /tmp/names
    apt-get download wamerican=2020.12.07-2 && dpkg-deb -x wamerican_*.deb /tmp/wa
    python3 scripts/derive-surnames.py /tmp/names/names-0.3.0.tar.gz \
        /tmp/wa/usr/share/dict/american-english > data/gazetteer/surnames.txt

Reads `names/dist.all.last` from the `names` source archive (the US Census
Bureau's 1990 surname list, public domain) and keeps the surnames that are
not ordinary English words: a surname whose lower-case form (or its plural
or possessive) is a lower-case entry of the SCOWL word list
`american-english` ("Young", "White", "Miles", "Watts") is dropped, and so
is a capitalised entry made from another with an adjective ending
("Parisian", "Christian", "Spanish"), so that
what remains is, written with a capital inside a sentence, almost always a
person. Names shorter than three letters are dropped too. Writes one name a
line, capitalised as in English ("Murray", "Mcdonald"), sorted, with a
header line. Only the standard library is used.
"""

import sys
import tarfile

MEMBER = "names-0.3.0/names/dist.all.last"


def english_words(path: str) -> set[str]:
    """Lower-case entries of the word list, with `'s` endings removed."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w[0].islower():
                out.add(w.removesuffix("'s"))
    return out


def derived_adjectives(path: str) -> set[str]:
    """Capitalised entries of the word list made from another one with an
    adjective ending: "Parisian" (Paris), "Christian" (Christ), "Italian"
    (Italy), "American" (America), "Spanish", "Chinese", "Byronic"."""
    with open(path, encoding="utf-8") as f:
        caps = {w.strip() for w in f if w[:1].isupper()}
    out = set()
    for w in caps:
        for suffix, ends in (("ian", ("", "y", "a", "e")), ("an", ("a",)),
                             ("ese", ("", "a")), ("ish", ("", "e")), ("ic", ("",))):
            stem = w.removesuffix(suffix)
            if stem != w and any(stem + e in caps for e in ends):
                out.add(w.lower())
    return out


def surnames(archive: str) -> list[str]:
    with tarfile.open(archive) as tar:
        data = tar.extractfile(MEMBER)
        if data is None:
            sys.exit(f"{MEMBER} missing from {archive}")
        lines = data.read().decode("ascii").splitlines()
    return [line.split()[0] for line in lines if line.strip()]


def main() -> None:
    words = english_words(sys.argv[2]) | derived_adjectives(sys.argv[2])
    kept = set()
    for name in surnames(sys.argv[1]):
        low = name.lower()
        if len(low) < 3 or not low.isalpha():
            continue
        if low in words or low.removesuffix("s") in words or low.removesuffix("es") in words:
            continue
        kept.add(name.capitalize())
    print("# surname (US census 1990, minus English words); see SOURCES.md")
    for name in sorted(kept):
        print(name)


if __name__ == "__main__":
    main()
