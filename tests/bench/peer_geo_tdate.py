#!/usr/bin/env python3
"""Peers of fw_geo and fw_tdate on the same sentences: geotext (place mentions) and
dateparser's search_dates (dates in text, relative to the same publication date).
usage: peer_geo_tdate.py SENTENCES.txt   (one sentence a line)
Prints 'geotext_sps N' and 'dateparser_sps N' (sentences per second)."""
import sys
import time
from datetime import datetime


def rate(fn, sentences, budget_s=2.0):
    n = 0
    t0 = time.perf_counter()
    while True:
        for s in sentences:
            fn(s)
            n += 1
            if time.perf_counter() - t0 > budget_s:
                return n / (time.perf_counter() - t0)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        sentences = [line.rstrip("\n") for line in f if line.strip()]
    try:
        from geotext import GeoText
        print("geotext_sps %.1f" % rate(GeoText, sentences), flush=True)
    except ImportError:
        print("geotext_sps unavailable", flush=True)
    try:
        from dateparser.search import search_dates
        settings = {"RELATIVE_BASE": datetime(2022, 8, 31), "PREFER_DATES_FROM": "past"}
        print("dateparser_sps %.1f" % rate(lambda s: search_dates(s, languages=["en"], settings=settings), sentences),
              flush=True)
    except ImportError:
        print("dateparser_sps unavailable", flush=True)


if __name__ == "__main__":
    main()
