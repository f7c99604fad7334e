#!/usr/bin/env python3
"""Writes a synthetic news corpus as JSON lines ({id, text, date, url}) for
the load test of `dyad serve`: short wire stories whose sentences each
report one event between two countries (meetings, visits, accusations,
sanctions, attacks, aid, ...), so that `dyad ingest` codes them into real
events. Deterministic for a given seed. Usage: gen_corpus.py N_DOCS [SEED]"""
import json
import random
import sys

COUNTRIES = [
    ("Russia", "Russian"), ("Ukraine", "Ukrainian"), ("China", "Chinese"), ("Japan", "Japanese"),
    ("India", "Indian"), ("Pakistan", "Pakistani"), ("Iran", "Iranian"), ("Israel", "Israeli"),
    ("Turkey", "Turkish"), ("Egypt", "Egyptian"), ("Kenya", "Kenyan"), ("Ethiopia", "Ethiopian"),
    ("Nigeria", "Nigerian"), ("Brazil", "Brazilian"), ("Mexico", "Mexican"), ("France", "French"),
    ("Germany", "German"), ("Poland", "Polish"), ("Belarus", "Belarusian"), ("Thailand", "Thai"),
    ("Cambodia", "Cambodian"), ("Vietnam", "Vietnamese"), ("Philippines", "Philippine"),
    ("Indonesia", "Indonesian"), ("Australia", "Australian"), ("Canada", "Canadian"),
    ("Argentina", "Argentine"), ("Chile", "Chilean"), ("Saudi Arabia", "Saudi"), ("Qatar", "Qatari"),
]
TEMPLATES = [
    "{a} accused {b} of violating the ceasefire agreement.",
    "{A} President met {B} Prime Minister in {city} on {day} to discuss trade.",
    "{a} imposed new sanctions on {b} over the dispute.",
    "{A} troops attacked {B} positions near the border.",
    "{a} sent humanitarian aid to {b} after the floods.",
    "{a} signed a trade agreement with {b}.",
    "{a} condemned {b} for the missile test.",
    "{a} expelled {B} diplomats.",
    "{a} praised {b} for its help with the rescue.",
    "{a} threatened {b} with military action.",
    "The {A} foreign minister visited {b} on {day}.",
    "{a} urged {b} to release the detained journalists.",
    "{a} rejected {b}'s proposal for talks.",
    "{a} and {b} agreed to cooperate on energy.",
    "{a} recalled its ambassador from {b}.",
]
CITIES = ["Geneva", "Vienna", "Doha", "Istanbul", "Singapore", "Nairobi", "Brussels", "Beijing"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    out = sys.stdout
    for i in range(n):
        year = rng.randint(2015, 2024)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sents = []
        for _ in range(rng.randint(6, 9)):
            (a, da), (b, db) = rng.sample(COUNTRIES, 2)
            t = rng.choice(TEMPLATES)
            sents.append(t.format(a=a, b=b, A=da, B=db, city=rng.choice(CITIES), day=rng.choice(DAYS)))
        title = f"Wire report {i}: {sents[0].split(' ')[0]} and neighbours"
        body = title + "\n\n" + "\n\n".join(" ".join(sents[j:j + 2]) for j in range(0, len(sents), 2))
        out.write(json.dumps({"id": f"synth-{i}", "text": body, "date": date,
                              "url": f"https://wire{i % 40}.example/story/{i}"}) + "\n")


if __name__ == "__main__":
    main()
