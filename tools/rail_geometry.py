#!/usr/bin/python3
"""Draws the rail links of a network folder along Natural Earth 10m railroads.

Usage: /usr/bin/python3 tools/rail_geometry.py RAILROADS [--network data/eurasia]
                        [--out data/eurasia/geometry-rail.geojson]

RAILROADS is either the Natural Earth layer as GeoJSON (ne_10m_railroads.geojson, LineString or
MultiLineString features) or a folder of Mapbox vector tiles Z/X/Y.pbf (raw or gzip) with a
`railroad` layer, such as the naturalearthtiles release of the same layer (read at the highest
zoom present, or --zoom).

Method: the rail lines become a graph (each vertex a node; a line end joined to the nearest node
of another line within JOIN_KM; edges weighted by great-circle km). Each rail link's two end
locations snap to their nearest rail node (within SNAP_KM), and the shortest path between them is
the link's shape, accepted only when the drawn line (end, snap, path, snap, end) is between
RATIO_LO and RATIO_HI times the link's `km` in links.csv; otherwise the link stays straight and is
listed. An accepted line is simplified (Douglas-Peucker, SIMPLIFY_KM) and rounded to 4 decimals;
it starts at the link's `from` location and ends at its `to` location.

Python 3 standard library only. The raw layer is never copied: only the derived lines are written.
"""

import argparse
import csv
import gzip
import heapq
import json
import math
import os
import sys

# Line ends this close to another line's node are the same junction. The layer's lines meet
# within ~1 km; pieces of a line cut at tile edges and generalised tile by tile, within ~2 km.
JOIN_KM = 2.0
SNAP_KM = 25.0  # a link end farther than this from any rail line stays unsnapped
# Bounds on drawn length / links.csv km. The layer is generalised (curves cut: shorter than the
# track) and its junctions are approximate (a detour through a nearby junction: longer), while the
# km in links.csv are published line lengths. Below 0.85 the path took a shortcut the railway does
# not have (or the layer lacks the line and cut across via another); above 1.3 it went round
# because a piece of the line is missing. src/io/rail_geometry_test.cpp checks the same bounds.
RATIO_LO = 0.85
RATIO_HI = 1.3
SIMPLIFY_KM = 1.5  # Douglas-Peucker tolerance; the map shows the lines at continental scale
MARGIN_DEG = 3.0  # rail lines farther than this outside the links' bounding box are ignored

SOURCE = {
    "layer": "Natural Earth 10m railroads (ne_10m_railroads)",
    "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/railroads/",
    "licence": "public domain",
}


def haversine_km(a, b):
    """Great-circle km between two (lon, lat) points on a 6371 km sphere."""
    lon1, lat1 = map(math.radians, a)
    lon2, lat2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def polyline_km(pts):
    return sum(haversine_km(pts[i], pts[i + 1]) for i in range(len(pts) - 1))


# --- reading the layer --------------------------------------------------------------------------


def lines_from_geojson(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for feat in doc.get("features", []):
        g = feat.get("geometry") or {}
        if g.get("type") == "LineString":
            yield [tuple(p[:2]) for p in g["coordinates"]]
        elif g.get("type") == "MultiLineString":
            for part in g["coordinates"]:
                yield [tuple(p[:2]) for p in part]


def _varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def _fields(b):
    """(field number, value) of a protobuf message; value is an int or bytes."""
    i = 0
    while i < len(b):
        key, i = _varint(b, i)
        wire = key & 7
        if wire == 0:
            v, i = _varint(b, i)
        elif wire == 2:
            n, i = _varint(b, i)
            v = b[i:i + n]
            i += n
        elif wire == 1:
            v, i = b[i:i + 8], i + 8
        elif wire == 5:
            v, i = b[i:i + 4], i + 4
        else:
            raise ValueError("unsupported protobuf wire type %d" % wire)
        yield key >> 3, v


def _tile_lines(data, layer_name):
    """Lines (in tile units) of one layer of a Mapbox vector tile, and the tile's extent."""
    for f, layer in _fields(data):
        if f != 3:
            continue
        name, extent, feats = None, 4096, []
        for lf, v in _fields(layer):
            if lf == 1:
                name = v.decode()
            elif lf == 2:
                feats.append(v)
            elif lf == 5:
                extent = v
        if name != layer_name:
            continue
        for feat in feats:
            cmds = []
            for ff, v in _fields(feat):
                if ff == 4:
                    i = 0
                    while i < len(v):
                        c, i = _varint(v, i)
                        cmds.append(c)
            x = y = i = 0
            lines = []
            while i < len(cmds):
                cid, count = cmds[i] & 7, cmds[i] >> 3
                i += 1
                if cid not in (1, 2):
                    continue
                for _ in range(count):
                    dx, dy = cmds[i], cmds[i + 1]
                    i += 2
                    x += (dx >> 1) ^ -(dx & 1)
                    y += (dy >> 1) ^ -(dy & 1)
                    if cid == 1:
                        lines.append([(x, y)])
                    else:
                        lines[-1].append((x, y))
            for line in lines:
                yield extent, line


def _clip(line, lo, hi):
    """Parts of a polyline inside the square [lo, hi]^2 (Liang-Barsky per segment): tiles carry
    a buffer beyond their edge, and cutting exactly at the edge makes neighbours' pieces meet."""
    parts, cur = [], None
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        t0, t1, dx, dy = 0.0, 1.0, x1 - x0, y1 - y0
        ok = True
        for p, q in ((-dx, x0 - lo), (dx, hi - x0), (-dy, y0 - lo), (dy, hi - y0)):
            if p == 0:
                if q < 0:
                    ok = False
                    break
            else:
                t = q / p
                if p < 0:
                    t0 = max(t0, t)
                else:
                    t1 = min(t1, t)
        if not ok or t0 > t1:
            cur = None
            continue
        a = (x0 + t0 * dx, y0 + t0 * dy)
        b = (x0 + t1 * dx, y0 + t1 * dy)
        if cur is None or t0 > 0:
            cur = [a]
            parts.append(cur)
        cur.append(b)
        if t1 < 1:
            cur = None
    return [p for p in parts if len(p) >= 2]


def lines_from_tiles(folder, zoom, bbox):
    zooms = [int(z) for z in os.listdir(folder) if z.isdigit()]
    if not zooms:
        sys.exit("%s: no Z/X/Y.pbf tiles" % folder)
    z = zoom if zoom is not None else max(zooms)
    n = 2 ** z

    def lon(x):
        return x / n * 360.0 - 180.0

    def lat(y):
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))

    def tx(lo):
        return int((lo + 180.0) / 360.0 * n)

    def ty(la):
        r = math.radians(la)
        return int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)

    w, s, e, nn = bbox
    for xs in sorted(os.listdir(os.path.join(folder, str(z)))):
        x = int(xs)
        if not tx(w) <= x <= tx(e):
            continue
        for ys in sorted(os.listdir(os.path.join(folder, str(z), xs))):
            y = int(ys.split(".")[0])
            if not ty(nn) <= y <= ty(s):
                continue
            with open(os.path.join(folder, str(z), xs, ys), "rb") as f:
                data = f.read()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            for extent, line in _tile_lines(data, "railroad"):
                for part in _clip(line, 0, extent):
                    yield [(lon(x + px / extent), lat(y + py / extent)) for px, py in part]


# --- the graph ----------------------------------------------------------------------------------


class Grid:
    """Points bucketed by CELL degrees, for nearest-point queries."""

    CELL = 0.1

    def __init__(self):
        self.cells = {}

    def key(self, p):
        return (int(math.floor(p[0] / self.CELL)), int(math.floor(p[1] / self.CELL)))

    def add(self, p, v):
        self.cells.setdefault(self.key(p), []).append((p, v))

    def near(self, p, km):
        """(distance, point, value) within km of p, nearest first."""
        reach_lat = km / 110.0
        reach_lon = km / (111.32 * max(0.05, math.cos(math.radians(p[1]))))
        cx0 = int(math.floor((p[0] - reach_lon) / self.CELL))
        cx1 = int(math.floor((p[0] + reach_lon) / self.CELL))
        cy0 = int(math.floor((p[1] - reach_lat) / self.CELL))
        cy1 = int(math.floor((p[1] + reach_lat) / self.CELL))
        out = []
        for cx in range(cx0, cx1 + 1):
            for cy in range(cy0, cy1 + 1):
                for q, v in self.cells.get((cx, cy), ()):
                    d = haversine_km(p, q)
                    if d <= km:
                        out.append((d, q, v))
        out.sort(key=lambda t: t[0])
        return out


class RailGraph:
    def __init__(self, lines):
        self.pos = []  # node -> (lon, lat)
        self.adj = []  # node -> [(node, km)]
        self.index = {}
        self.grid = Grid()
        ends = []  # (node, line number)
        self.line_of = []  # node -> line number it was first seen on
        for li, line in enumerate(lines):
            prev = None
            for p in line:
                v = self.node(p, li)
                if prev is not None and prev != v:
                    self.edge(prev, v)
                prev = v
            ends.append((self.node(line[0], li), li))
            ends.append((self.node(line[-1], li), li))
        self.joins = 0
        for v, li in ends:  # join each line end to the nearest node of another line
            for d, _, w in self.grid.near(self.pos[v], JOIN_KM):
                if w != v and self.line_of[w] != li:
                    if all(x != w for x, _ in self.adj[v]):
                        self.edge(v, w)
                        self.joins += 1
                    break

    def node(self, p, line):
        key = (round(p[0], 6), round(p[1], 6))
        v = self.index.get(key)
        if v is None:
            v = len(self.pos)
            self.index[key] = v
            self.pos.append(key)
            self.adj.append([])
            self.line_of.append(line)
            self.grid.add(key, v)
        return v

    def edge(self, a, b):
        km = haversine_km(self.pos[a], self.pos[b])
        self.adj[a].append((b, km))
        self.adj[b].append((a, km))

    def shortest(self, a, b):
        """Node path a..b by A* on great-circle km, or None."""
        goal = self.pos[b]
        dist = {a: 0.0}
        prev = {}
        heap = [(haversine_km(self.pos[a], goal), a)]
        done = set()
        while heap:
            _, v = heapq.heappop(heap)
            if v in done:
                continue
            if v == b:
                path = [b]
                while path[-1] != a:
                    path.append(prev[path[-1]])
                return path[::-1]
            done.add(v)
            for w, km in self.adj[v]:
                nd = dist[v] + km
                if nd < dist.get(w, math.inf):
                    dist[w] = nd
                    prev[w] = v
                    heapq.heappush(heap, (nd + haversine_km(self.pos[w], goal), w))
        return None


# --- simplification -----------------------------------------------------------------------------


def _offset_km(p, a, b):
    """Distance in km from p to segment ab, in a local equirectangular plane at a."""
    k = math.cos(math.radians(a[1]))

    def xy(q):
        return ((q[0] - a[0]) * 111.32 * k, (q[1] - a[1]) * 110.574)

    (px, py), (bx, by) = xy(p), xy(b)
    ll = bx * bx + by * by
    t = 0.0 if ll == 0 else max(0.0, min(1.0, (px * bx + py * by) / ll))
    return math.hypot(px - t * bx, py - t * by)


def simplify(pts, tol_km):
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = tol_km, -1
        for k in range(i + 1, j):
            d = _offset_km(pts[k], pts[i], pts[j])
            if d > best:
                best, at = d, k
        if at >= 0:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, kept in zip(pts, keep) if kept]


# --- the links ----------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("railroads", help="ne_10m_railroads.geojson, or a Z/X/Y.pbf tile folder")
    ap.add_argument("--network", default="data/eurasia")
    ap.add_argument("--out", default=None, help="default: NETWORK/geometry-rail.geojson")
    ap.add_argument("--zoom", type=int, default=None, help="tile zoom to read (default: highest)")
    ap.add_argument("--via", default=os.path.join(os.path.dirname(__file__), "rail_via.csv"),
                    help="towns a link's track passes (link,via as lat,lon|lat,lon ...)")
    ap.add_argument("--source", default="",
                    help="how the layer was obtained (version, copy, URL), for the description")
    args = ap.parse_args()
    out = args.out or os.path.join(args.network, "geometry-rail.geojson")

    with open(os.path.join(args.network, "locations.csv"), encoding="utf-8") as f:
        locs = {r["id"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(
            (l for l in f if not l.startswith("#")))}
    with open(os.path.join(args.network, "links.csv"), encoding="utf-8") as f:
        links = [r for r in csv.DictReader((l for l in f if not l.startswith("#")))
                 if r["mode"] == "rail"]
    ends = [locs[r[k]] for r in links for k in ("from", "to")]
    bbox = (min(p[0] for p in ends) - MARGIN_DEG, min(p[1] for p in ends) - MARGIN_DEG,
            max(p[0] for p in ends) + MARGIN_DEG, max(p[1] for p in ends) + MARGIN_DEG)

    def inside(line):
        return any(bbox[0] <= p[0] <= bbox[2] and bbox[1] <= p[1] <= bbox[3] for p in line)

    if os.path.isdir(args.railroads):
        raw = lines_from_tiles(args.railroads, args.zoom, bbox)
    else:
        raw = lines_from_geojson(args.railroads)
    lines = [l for l in raw if len(l) >= 2 and inside(l)]
    graph = RailGraph(lines)
    print("rail layer: %d lines, %d nodes, %d junctions joined within %.1f km" %
          (len(lines), len(graph.pos), graph.joins, JOIN_KM))

    via = {}
    if args.via and os.path.exists(args.via):
        with open(args.via, encoding="utf-8") as f:
            for r in csv.DictReader(l for l in f if not l.startswith("#")):
                pts = [tuple(float(x) for x in w.split(",")) for w in r["via"].split("|")]
                via[r["link"]] = [(lon, lat) for lat, lon in pts]

    def snap(p):
        near = graph.grid.near(p, SNAP_KM)
        return (near[0][2], near[0][0]) if near else (None, None)

    features, straight = [], []
    ratios = []
    for r in links:
        a, b = locs[r["from"]], locs[r["to"]]
        km = float(r["km"])
        (na, da), (nb, db) = snap(a), snap(b)
        if na is None or nb is None:
            far = [r[k] for k, n in (("from", na), ("to", nb)) if n is None]
            straight.append((r["id"], "no rail line within %.0f km of %s" %
                             (SNAP_KM, " and ".join(far))))
            continue
        stops = [na] + [snap(w)[0] for w in via.get(r["id"], [])] + [nb]
        path = [na]
        for x, y in zip(stops, stops[1:]):
            leg = graph.shortest(x, y) if (x is not None and y is not None and x != y) else [x]
            if leg is None or leg[0] is None:
                path = None
                break
            path += leg[1:]
        if path is None:
            straight.append((r["id"], "the layer's lines do not connect its ends "
                             "(snapped %.1f and %.1f km away)" % (da, db)))
            continue
        pts = [a] + [graph.pos[v] for v in path] + [b]
        coords = []
        for p in simplify(pts, SIMPLIFY_KM):
            q = [round(p[0], 4), round(p[1], 4)]
            if not coords or coords[-1] != q:
                coords.append(q)
        coords[0] = [round(a[0], 4), round(a[1], 4)]
        coords[-1] = [round(b[0], 4), round(b[1], 4)]
        if len(coords) < 2:
            coords.append(coords[0])
        # The line as written is what is checked (here and by the test).
        drawn = polyline_km([tuple(c) for c in coords])
        ratio = drawn / km
        if not RATIO_LO <= ratio <= RATIO_HI:
            straight.append((r["id"], "drawn %.0f km against %.0f km in links.csv (x%.2f; "
                             "snapped %.1f and %.1f km away)" % (drawn, km, ratio, da, db)))
            continue
        ratios.append(ratio)
        features.append({"type": "Feature",
                         "properties": {"id": r["id"], "source": "ne_10m_railroads"},
                         "geometry": {"type": "LineString", "coordinates": coords}})

    description = (
        "Rail links of the embedded network drawn along %s (%s, %s)%s, accessed 2026-12-06; "
        "derived by tools/rail_geometry.py: shortest path on the layer between the rail nodes "
        "nearest the link's ends (within %.0f km), through the towns tools/rail_via.csv lists "
        "for a link, kept when %.2f-%.2f x the link's km in "
        "links.csv, Douglas-Peucker %.1f km, 4 decimals; other rail links stay straight" %
        (SOURCE["layer"], SOURCE["url"], SOURCE["licence"],
         ("; " + args.source) if args.source else "", SNAP_KM, RATIO_LO, RATIO_HI, SIMPLIFY_KM))
    doc = {"type": "FeatureCollection", "description": description, "features": features}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")

    print("drawn: %d of %d rail links (%s, %d bytes)" %
          (len(features), len(links), out, os.path.getsize(out)))
    if ratios:
        ratios.sort()
        print("drawn length / links.csv km: min %.2f, median %.2f, max %.2f" %
              (ratios[0], ratios[len(ratios) // 2], ratios[-1]))
    print("left straight: %d" % len(straight))
    for link, why in straight:
        print("  %s: %s" % (link, why))


if __name__ == "__main__":
    main()
