#!/usr/bin/env python3
"""Generate N synthetic news articles as Attaché JSON Lines (used when ../shared is absent).

Usage: gen_articles.py N > articles.jsonl

Deterministic (fixed seed). Each article has a few sentences built from templates that `attache
code` turns into events with actors, recipients, places, dates, counts and attribution.
"""
import json
import random
import sys
from datetime import date, timedelta

ACTORS = [("Iranian", "Iran"), ("Iraqi", "Iraq"), ("Russian", "Russia"), ("Ukrainian", "Ukraine"),
          ("French", "France"), ("Chinese", "China"), ("Kenyan", "Kenya"), ("Israeli", "Israel"),
          ("Egyptian", "Egypt"), ("Turkish", "Turkey"), ("Indian", "India"), ("Pakistani", "Pakistan"),
          ("German", "Germany"), ("Brazilian", "Brazil"), ("Nigerian", "Nigeria"), ("Syrian", "Syria")]
PLACES = ["Basra", "Nairobi", "Geneva", "Beijing", "Cairo", "Ankara", "Kyiv", "Lagos", "Paris",
          "Damascus", "Karachi", "Berlin"]
WHEN = ["on Monday", "on Tuesday", "yesterday", "last week", "on March 2", "this month", "today",
        "next week", "on Friday"]
SOURCES = ["officials said", "the ministry said", "according to Reuters", "a spokesman said",
           "witnesses said"]
TEMPLATES = [
    "{A} forces attacked {b} positions near {P} {W}, killing at least {n} soldiers, {S}.",
    "{A} officials will meet {b} diplomats in {P} {W} to discuss trade, {S}.",
    "Police arrested {n} protesters in {P} {W}. {B}'s president condemned the violence.",
    "{A_} did not sign the agreement with {B} in {P}.",
    "{A_} sent humanitarian aid to {B} {W}, {S}.",
    "{A_} accused {B} of violating the ceasefire {W}.",
    "The {a} foreign minister praised {B} for its help {W}.",
    "{A_} threatened sanctions against {B} over the dispute, {S}.",
    "{A_} and {B} signed a trade agreement in {P} {W}.",
    "Shares rose {n} percent in {P} {W} as investors returned.",
]


def sentence(rng):
    (a, a_), (b, b_) = rng.sample(ACTORS, 2)
    t = rng.choice(TEMPLATES)
    return t.format(A=a, a=a, A_=a_, b=b, B=b_, P=rng.choice(PLACES), W=rng.choice(WHEN),
                    S=rng.choice(SOURCES), n=rng.randint(2, 90))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    rng = random.Random(8)
    start = date(2024, 3, 1)
    for i in range(n):
        text = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        day = start + timedelta(days=rng.randint(0, 30))
        rec = {"id": f"gen-{i}", "date": day.isoformat(), "source": "generated", "text": text}
        sys.stdout.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
