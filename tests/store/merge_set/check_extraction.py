#!/usr/bin/env python3
"""Share of gold rows whose (source country, target country, CAMEO root) dyad extracts.

Usage:
  build/dyad code --jsonl tests/store/merge_set/articles.jsonl > /tmp/out.jsonl
  python3 tests/store/merge_set/check_extraction.py /tmp/out.jsonl [-v]

A row counts when any event of its article has that source country, target
country and root (the article's own date is not checked). Rows whose note says
"joint action" also count with source and target swapped.
"""
import json
import os
import sys


def country(actor, entities):
    if not actor:
        return None
    i = actor.get("entity")
    if i is not None and i < len(entities) and entities[i].get("country"):
        return entities[i]["country"]
    return (actor.get("code") or "")[:3] or None


def main():
    out_path = sys.argv[1]
    verbose = "-v" in sys.argv
    gold_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gold.tsv")
    events = {}
    for line in open(out_path, encoding="utf-8"):
        doc = json.loads(line)
        ents = doc.get("entities", [])
        events[doc["id"]] = [(country(e.get("source"), ents),
                              country(e.get("target"), ents), e["root"],
                              e.get("date"), e.get("text", "")[:90])
                             for e in doc.get("events", [])]
    rows = [l.rstrip("\n").split("\t") for l in open(gold_path, encoding="utf-8")][1:]
    hits = 0
    for art, cluster, src, tgt, root, _date, note in rows:
        evs = events.get(art, [])
        ok = any(e[:3] == (src, tgt, root) for e in evs)
        if not ok and "joint action" in note:
            ok = any(e[:3] == (tgt, src, root) for e in evs)
        hits += ok
        if verbose and not ok:
            print(f"MISS {art} {cluster} {src}->{tgt} {root}")
            for e in evs:
                print(f"     {e[0]}->{e[1]} {e[2]} {e[3]}  {e[4]}")
    print(f"{hits}/{len(rows)} gold rows extracted ({hits / len(rows):.1%})")


if __name__ == "__main__":
    main()
