#!/usr/bin/env python3
"""junit_summary.py FILE — parses a JUnit XML report with xml.etree (a real
XML parser: malformed or badly escaped XML is an error) and prints its
structure as JSON for tests/test_scenario_junit.cpp: the root's tag and
attributes, and per <testsuite> its attributes and <testcase>s (attributes,
and each <failure>'s message attribute and text). Exit 2 when the file does
not parse."""
import json
import sys
import xml.etree.ElementTree as ET


def case(tc):
    return {"attrs": dict(tc.attrib),
            "failures": [{"message": f.get("message"), "text": f.text or ""}
                         for f in tc.findall("failure")],
            "children": [c.tag for c in tc]}


def main(argv):
    try:
        root = ET.parse(argv[1]).getroot()
    except ET.ParseError as e:
        print(f"{argv[1]}: not well-formed XML: {e}")
        return 2
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    print(json.dumps({"root": root.tag, "attrs": dict(root.attrib),
                      "children": [c.tag for c in root],
                      "suites": [{"attrs": dict(s.attrib),
                                  "children": [c.tag for c in s],
                                  "cases": [case(tc) for tc in s.findall("testcase")]}
                                 for s in suites]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
