#!/usr/bin/env python3
"""Share of pages where `dyad extract --meta` found a title, author and
published date (and site, modified date, language), over a folder of pages.

usage: bench/extraction/meta_coverage.py [DIR] [--dyad PATH] [--show N]
DIR defaults to ../shared/eval/extraction/dev/html; --show N prints the
metadata of N pages (every len/N-th, for spot checks against the pages).
"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    args = sys.argv[1:]
    dyad = os.path.join(ROOT, "build", "dyad")
    show = 0
    if "--dyad" in args:
        i = args.index("--dyad")
        dyad = args[i + 1]
        del args[i:i + 2]
    if "--show" in args:
        i = args.index("--show")
        show = int(args[i + 1])
        del args[i:i + 2]
    folder = args[0] if args else os.path.join(ROOT, "..", "shared", "eval", "extraction", "dev", "html")
    out = subprocess.run([dyad, "extract", "--meta", folder], check=True, capture_output=True,
                         text=True).stdout
    recs = json.loads(out)
    n = len(recs)
    for field in ("title", "author", "published", "site", "modified", "url"):
        found = sum(1 for r in recs.values() if r.get(field))
        print("%-10s %3d / %d  %5.1f%%" % (field, found, n, 100.0 * found / n))
    langs = {}
    for r in recs.values():
        langs[r["language"]] = langs.get(r["language"], 0) + 1
    print("language  ", ", ".join("%s %d" % kv for kv in sorted(langs.items(), key=lambda kv: -kv[1])))
    if show:
        ids = sorted(recs)
        for k in ids[:: max(1, n // show)][:show]:
            r = recs[k]
            print("\n%s\n  title: %s\n  author: %s\n  published: %s  modified: %s\n  site: %s  lang: %s\n  url: %s"
                  % (k[:12], r["title"], r["author"], r["published"], r["modified"], r["site"],
                     r["language"], r["url"]))


if __name__ == "__main__":
    main()
