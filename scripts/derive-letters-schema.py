#!/usr/bin/env python3
"""Derive schemas/tei_letters.rng, teikit's TEI letters schema, from tei_all.rng.

The letters schema is a subset of TEI P5: the elements letter editions need
keep TEI's own definitions, content models and attribute datatypes; every
other element is removed and each reference to it replaced by <notAllowed/>.
Replacing an alternative with notAllowed can only remove documents from the
language a schema accepts, so every document valid against the result is
valid against tei_all.rng too (narrowed, never widened). Definitions no
longer reachable from <start> are dropped, and so are the embedded
Schematron rules, which RELAX NG validation ignores.

Usage: scripts/derive-letters-schema.py ../shared/schemas-ref/tei_all.rng schemas/tei_letters.rng
Then:  trang schemas/tei_letters.rng schemas/tei_letters.rnc
"""
import sys
import xml.etree.ElementTree as ET

RNG = "http://relaxng.org/ns/structure/1.0"
A = "http://relaxng.org/ns/compatibility/annotations/1.0"
R = "{%s}" % RNG

# The elements teikit writes, the header and correspDesc, the registers in
# standOff, and the phrase-level markup editors add to letters.
KEEP = """
TEI teiCorpus teiHeader text body front back div head
fileDesc titleStmt title author editor respStmt resp name principal funder sponsor meeting
editionStmt edition extent
publicationStmt publisher distributor authority pubPlace availability licence idno address addrLine
seriesStmt notesStmt sourceDesc bibl biblStruct listBibl msDesc msIdentifier institution repository collection
settlement region country bloc district geogName msName altIdentifier physDesc objectDesc supportDesc support
extent dimensions height width handDesc handNote history origin provenance
encodingDesc projectDesc editorialDecl samplingDecl classDecl taxonomy category catDesc
listPrefixDef prefixDef appInfo application tagsDecl namespace tagUsage
profileDesc correspDesc correspAction correspContext langUsage language textClass keywords term abstract
creation particDesc settingDesc
revisionDesc change listChange
facsimile surface graphic zone
standOff listPerson person persName forename surname roleName addName nameLink genName
occupation affiliation birth death residence sex floruit event
listPlace place placeName location geo desc
listOrg org orgName listEvent listRelation relation
opener closer dateline salute signed postscript trailer byline docDate argument epigraph
p ab lg l list item label table row cell quote q said cit
note noteGrp pb lb cb fw milestone
choice sic corr abbr expan orig reg am ex
add del unclear gap supplied subst handShift damage space restore surplus
hi emph foreign mentioned soCalled term gloss seg w pc rs date time num measure
ref ptr figure figDesc formula
""".split()


def main(src, dst):
    for prefix, uri in [("", RNG), ("a", A), ("sch", "http://purl.oclc.org/dsdl/schematron"),
                        ("xlink", "http://www.w3.org/1999/xlink")]:
        ET.register_namespace(prefix, uri)
    tree = ET.parse(src)
    grammar = tree.getroot()
    defines = {d.get("name"): d for d in grammar.findall(R + "define")}
    elements = {n for n, d in defines.items() if len(d) and d[0].tag == R + "element"}
    missing = [k for k in KEEP if k not in elements]
    if missing:
        sys.exit("not in the source schema: " + " ".join(missing))
    dropped = elements - set(KEEP)

    # Replace references to dropped elements with notAllowed.
    for parent in grammar.iter():
        for i, child in enumerate(list(parent)):
            if child.tag == R + "ref" and child.get("name") in dropped:
                parent.remove(child)
                parent.insert(i, ET.Element(R + "notAllowed"))

    # Drop foreign annotations (Schematron rules, documentation).
    for parent in grammar.iter():
        for child in list(parent):
            if not child.tag.startswith(R):
                parent.remove(child)

    # Keep only definitions reachable from start.
    reachable, todo = set(), ["__start__"]
    start = grammar.find(R + "start")
    while todo:
        name = todo.pop()
        node = start if name == "__start__" else defines.get(name)
        for ref in node.iter(R + "ref"):
            if ref.get("name") not in reachable:
                reachable.add(ref.get("name"))
                todo.append(ref.get("name"))
    for name, d in defines.items():
        if name not in reachable:
            grammar.remove(d)

    ET.indent(tree, space="  ")
    comment = ET.Comment(
        " teikit's TEI letters schema: a subset of TEI P5 4.12.0 (tei_all.rng), derived by "
        "scripts/derive-letters-schema.py. Kept elements use TEI's own definitions; references to "
        "all others are notAllowed. TEI material: dual licensed CC BY 3.0 / BSD-2-Clause, "
        "TEI Consortium. ")
    grammar.insert(0, comment)
    tree.write(dst, encoding="UTF-8", xml_declaration=True)
    print(f"{len(set(KEEP))} elements kept, {len(dropped)} dropped, {len(reachable)} definitions written")


if __name__ == "__main__":
    main(*sys.argv[1:3])
