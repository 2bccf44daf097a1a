"""How many of the words and numbers in an export's answer cells arrive in `samla export --json`.

Usage: word_survival.py EXPORT.csv EXPORT.json HEADER_ROWS [UNFINISHED_COLUMN]
Prints "FOUND TOTAL" and then the missing words. Reads the CSV with Python's own csv module, not
with Samla's reader. With UNFINISHED_COLUMN (LimeSurvey's submission date), rows where it is
empty are unfinished responses: stored as drafts, which no export holds, so not counted. Cells that only flag an option (Y, Ja, 1, 0 under a `[option]` header) and the
words tools write for "other" (whose text sits in a column of its own) are not counted.
"""
import collections
import csv
import io
import json
import re
import sys

OTHER_WORDS = {"other", "sonstiges", "otro"}
FLAGS = {"y", "ja", "n", "nein", "1", "0"}


def words(text):
    return [w for w in re.findall(r"\w+", text.lower()) if w not in OTHER_WORDS]


def main():
    source_path, json_path, header_rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    unfinished = int(sys.argv[4]) if len(sys.argv) > 4 else None
    text = open(source_path, encoding="utf-8-sig", newline="").read()
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = rows[0]
    source = collections.Counter()
    for row in rows[header_rows:]:
        if unfinished is not None and unfinished < len(row) and not row[unfinished].strip():
            continue
        for index, cell in enumerate(row):
            cell = cell.strip()
            if not cell:
                continue
            if index < len(header) and header[index].endswith("]") and cell.lower() in FLAGS:
                continue
            source.update(words(cell))
    arrived = collections.Counter()

    def walk(value):
        if isinstance(value, str):
            arrived.update(words(value))
        elif isinstance(value, bool):
            pass
        elif isinstance(value, (int, float)):
            arrived.update(words(str(int(value)) if float(value).is_integer() else repr(value)))
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    document = json.load(open(json_path, encoding="utf-8"))
    for response in document["responses"]:
        walk(response.get("answers", {}))
        walk(response.get("metadata", {}))
    found = sum(min(count, arrived[word]) for word, count in source.items())
    missing = sorted(word for word, count in source.items() if arrived[word] < count)
    print(found, sum(source.values()))
    print(" ".join(missing))


main()
