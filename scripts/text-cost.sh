#!/usr/bin/env bash
# Load-independent cost of the text checks per 280-character post, for
# comparing changes on a shared machine where wall-clock medians swing by
# 1.5x from run to run. Not a test; needs valgrind and python3
# (apt-get install valgrind python3).
#
# Counts instructions (and simulated cache misses) inside Analyzer::analyze
# with callgrind, for posts cut the way `safepost bench` cuts them: from the
# labeled dev set (real clinician posts) and from the bench's built-in dense
# sample. A warm-up post that touches every recognizer runs first, so
# one-off regex compiles cancel out. The N posts are then analysed twice:
# the first round also pays for the lazy DFAs' state building (each regex
# builds the states a new text reaches, once per process), the second is
# what a long-running extension pays per post:
#   steady   = (cost(warm-up + 2N posts) - cost(warm-up + N posts)) / N
#   1st pass = (cost(warm-up + N posts) - cost(warm-up)) / N
# "est. cycles" = instructions + 10 x L1 misses + 100 x last-level misses.
# Usage: scripts/text-cost.sh [path/to/safepost]   (default: target/release/safepost)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/safepost}
DEV=${SAFEPOST_DEV_POSTS:-../shared/eval/dev-posts.jsonl}
N=${SAFEPOST_COST_POSTS:-1000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$DEV" "$N" "$tmp" <<'PY'
import json, sys
dev, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sample = ("pt Maria G, 84F from Bakersfield, came in this morning s/p fall, MRN 00482913. "
          "Most adults need 7-9 hours of sleep. Metformin 500 mg is a common starting dose. "
          "@jen sounds like reflux, take omeprazole 20mg before bed. Call (555) 201-7788 or email jdoe@mail.com. ")
warm = {"id": "warm", "kind": "reply", "reply_to": "my chest hurts, should I take ibuprofen?", "text":
        sample + "Seen March 3, 2024 (3 March; last March; the 14th of May; Tuesday the 3rd), SSN 123-45-6789, "
        "DOB 1/2/1950, 10.0.0.1, https://x.com/a, room 4B, 12 Main St, Springfield, IL 62704. A teacher at "
        "St. Mary's Hospital with her husband and twins, rare measles. Dr. Smith said Mrs. Jones, ninety-two, "
        "five five five one two one two; you should stop it. Plate ABC-1234, VIN 1HGCM82633A004352."}
def windows(corpus, length, count):
    posts, pos = [], 0
    for _ in range(count):
        posts.append("".join(corpus[(pos + i) % len(corpus)] for i in range(length)))
        pos += length + 37
    return posts
texts = [json.loads(l)["text"] for l in open(dev, encoding="utf-8") if l.strip()]
for name, corpus in (("dev", "".join(t + " " for t in texts)), ("sample", sample)):
    with open(f"{out}/{name}.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps(warm) + "\n")
        for i, p in enumerate(windows(corpus, 280, n)):
            f.write(json.dumps({"id": str(i), "text": p}) + "\n")
    with open(f"{out}/{name}.jsonl", encoding="utf-8") as f:
        lines = f.readlines()
    with open(f"{out}/{name}2.jsonl", "w", encoding="utf-8") as f:
        f.writelines(lines + lines[1:])
with open(f"{out}/warm.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps(warm) + "\n")
PY
count() {
  valgrind --tool=callgrind --cache-sim=yes --toggle-collect='*Analyzer*analyze*' --callgrind-out-file="$tmp/cg.$2" \
    "$BIN" scan --jsonl --format jsonl "$1" >/dev/null 2>&1 || true
  callgrind_annotate "$tmp/cg.$2" 2>/dev/null | grep "PROGRAM TOTALS" | tr -d ',' |
    awk '{print $1, $7 + $9 + $11, $13 + $15 + $17}'
}
w=$(count "$tmp/warm.jsonl" warm)
for name in dev sample; do
  c=$(count "$tmp/$name.jsonl" "$name")
  c2=$(count "$tmp/${name}2.jsonl" "${name}2")
  python3 -c "
w=[int(x) for x in '$w'.split()]; c=[int(x) for x in '$c'.split()]; c2=[int(x) for x in '$c2'.split()]; n=$N
ir,l1,ll=[(b-a)/n for a,b in zip(c,c2)]
first=(c[0]-w[0])/n
print(f'$name: {ir:,.0f} instructions, {l1:,.0f} L1 misses, {ll:,.0f} LL misses, est. {ir+10*l1+100*ll:,.0f} cycles per 280-char post (steady); first pass over new text {first:,.0f} instructions')"
done
