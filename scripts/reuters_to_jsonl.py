#!/usr/bin/env python3
"""Convert the Reuters-21578 SGML files to Attaché JSON Lines documents.

Usage: python3 scripts/reuters_to_jsonl.py DIR_WITH_reut2-*.sgm > reuters.jsonl

One line per story that has a body: {"id": "reuters-<NEWID>", "date": "YYYY-MM-DD",
"title", "source": "Reuters", "text": "<DATELINE> <BODY>"}. Standard library only.
"""
import glob
import html
import json
import os
import re
import sys
from datetime import datetime

MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def field(block, tag):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), block, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "."
    out = sys.stdout
    n = 0
    for path in sorted(glob.glob(os.path.join(src, "reut2-*.sgm"))):
        data = open(path, encoding="latin-1").read()
        for block in re.findall(r"<REUTERS(.*?)</REUTERS>", data, re.S):
            newid = re.search(r'NEWID="(\d+)"', block)
            body = field(block, "BODY")
            if not newid or not body:
                continue
            body = body.replace("\x03", "").rstrip()
            if body.endswith("Reuter"):
                body = body[: -len("Reuter")].rstrip()
            date = None
            d = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", field(block, "DATE"))
            if d and d.group(2) in MONTHS:
                try:
                    date = datetime(int(d.group(3)), MONTHS[d.group(2)], int(d.group(1))).strftime("%Y-%m-%d")
                except ValueError:
                    date = None
            dateline = " ".join(field(block, "DATELINE").split())
            text = (dateline + " " + body) if dateline else body
            rec = {"id": "reuters-" + newid.group(1), "title": " ".join(field(block, "TITLE").split()), "source": "Reuters", "text": text}
            if date:
                rec["date"] = date
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
