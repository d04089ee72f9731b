#!/usr/bin/env python3
"""validate_yaml_schema.py SCHEMA FILE... — validates YAML files against a
JSON Schema (docs/playbook.schema.json, docs/scenario.schema.json), reading
YAML the way the C++ loader does (YAML 1.2 core: only true/false are
booleans, only [-+]?[0-9]+ integers, dates and everything else stay strings;
mapping keys are strings, as in JSON). *.schema.yaml files are checked
against $defs/schema_file, calendars/*.yaml against $defs/calendar_file,
*.tenant.yaml (sample tenants) against $defs/sample_file, the rest against
the root. Prints one line per problem; exit 1 if any.
Exit 3 when jsonschema or PyYAML is missing."""
import json
import os
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:  # the C++ test turns this into a WARN
    print(f"missing python module: {e}")
    sys.exit(3)


class Loader(yaml.SafeLoader):
    pass


DROP = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp"}
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in DROP]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                             re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"),
                             list("-+0123456789"))


def json_keys(doc):
    """The document as JSON sees it: every mapping key a string."""
    if isinstance(doc, dict):
        return {str(k): json_keys(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [json_keys(v) for v in doc]
    return doc


def schema_for(root, path):
    name = os.path.basename(path)
    part = None
    if name.endswith((".tenant.yaml", ".tenant.yml")):
        part = "sample_file"
    elif name.endswith((".schema.yaml", ".schema.yml")):
        part = "schema_file"
    elif os.path.basename(os.path.dirname(path)) == "calendars":
        part = "calendar_file"
    if part is None:
        return root
    return {"$schema": root["$schema"], "$defs": root["$defs"], "$ref": f"#/$defs/{part}"}


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        root = json.load(f)
    cls = jsonschema.validators.validator_for(root)
    cls.check_schema(root)
    bad = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json_keys(yaml.load(f, Loader=Loader))
        for err in cls(schema_for(root, path)).iter_errors(doc):
            where = "/".join(str(p) for p in err.absolute_path)
            print(f"{path}: {where}: {err.message}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
