#!/usr/bin/env python3
"""How low WAPE can go on the Seattle 911 test split (train to 2016-01-19, the last 14 days): the expected WAPE if each
half hour's true mean were known and calls were Poisson around it (forecasting the mean, or the median), and what the
slot-of-day mean of all 235 days — which uses the test days themselves — scores.
usage: docs/tools/poisson-floor.py ../shared/data/calls/seattle_fire_911_30min.csv"""
import csv, datetime as dt, math, sys
from collections import defaultdict

rows = [(dt.datetime.strptime(r['timestamp'][:16], '%Y-%m-%dT%H:%M'), float(r['calls'])) for r in csv.DictReader(open(sys.argv[1]))]
test = [(t, c) for t, c in rows if t >= dt.datetime(2016, 1, 20)]
slots = defaultdict(list)
for t, c in rows:
    slots[(t.hour, t.minute)].append(c)
mean = {k: sum(v) / len(v) for k, v in slots.items()}
scale = sum(c for _, c in test) / sum(mean[(t.hour, t.minute)] for t, _ in test)
lam = [mean[(t.hour, t.minute)] * scale for t, _ in test]

def p(l, k): return math.exp(-l + k * math.log(l) - math.lgamma(k + 1))
def eabs(l, x): return sum(p(l, k) * abs(k - x) for k in range(int(l * 5 + 30)))
def median(l):
    total = 0
    for k in range(1000):
        total += p(l, k)
        if total >= 0.5:
            return k

total = sum(c for _, c in test)
print(f"Poisson floor, mean known: {sum(eabs(l, l) for l in lam) / total:.4f}")
print(f"Poisson floor, median forecast: {sum(eabs(l, median(l)) for l in lam) / total:.4f}")
print(f"slot-of-day mean of all days (uses the test days): {sum(abs(c - l) for (_, c), l in zip(test, lam)) / total:.4f}")
