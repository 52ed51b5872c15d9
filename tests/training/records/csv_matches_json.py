#!/usr/bin/python3
"""Reads the class export as CSV with Python's csv module and as JSON with its json module, and
checks that every CSV row is the JSON record it stands for: each column the field its JSON
pointer names (numbers compared as numbers), the joins the lists they join.
Usage: csv_matches_json.py EXPORT.csv EXPORT.json COLUMNS.json   (COLUMNS: [[name, pointer], ...])
Exit 0 when they agree; 1 with the first difference on stderr."""
import csv
import json
import sys


def at(record, pointer):
    node = record
    for part in pointer.split("/")[1:]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def same(text, value):
    if value is None:
        return text == ""
    if isinstance(value, bool):
        return text == ("true" if value else "false")
    if isinstance(value, (int, float)):
        return float(text) == float(value)
    return text == value


def join(items, key, separator):
    return separator.join(x[key] if isinstance(x.get(key), str) else "?" for x in items)


def derived(record, name):
    score = record["score"]
    if name == "path":
        return join(score["measurements"], "test", " > ")
    if name == "optimal_path":
        return join(score["optimal"]["steps"], "test", " > ")
    return join(score["wrong_parts"], "part", "; ")


def main(csv_file, json_file, columns_file):
    with open(csv_file, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, strict=True))
    with open(json_file, encoding="utf-8") as f:
        records = json.load(f)["attempts"]
    with open(columns_file, encoding="utf-8") as f:
        columns = json.load(f)
    if len(rows) != len(records):
        sys.exit("%d CSV rows but %d JSON records" % (len(rows), len(records)))
    for i, (row, record) in enumerate(zip(rows, records)):
        if list(row.keys()) != [name for name, _ in columns]:
            sys.exit("row %d: columns %s" % (i, list(row.keys())))
        for name, pointer in columns:
            want = at(record, pointer) if pointer else derived(record, name)
            if not same(row[name], want):
                sys.exit("row %d column %s: CSV %r, JSON %r" % (i, name, row[name], want))
    print("%d rows agree" % len(rows))


if __name__ == "__main__":
    main(*sys.argv[1:])
