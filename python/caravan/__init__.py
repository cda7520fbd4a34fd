"""Caravan from Python: plan and stress-test Eurasian multimodal freight corridors.

    import caravan
    net = caravan.Network()                       # the embedded Eurasian network
    r = net.route(from_="Stepnogorsk", to="Yokohama", commodity="rare-earth-oxide",
                  tonnes=1000, avoid=["CN"])
    caravan.to_dataframe(r)                       # one row per route (pandas)
    caravan.to_geojson(r, net)                    # a FeatureCollection (for geopandas)

Every feature of the command line and the HTTP API is here, with the same request fields and the
same answer (plain dicts and lists, as the JSON): route, compare, pareto, reliability, scenario,
landed_cost, assign, simulate, why_not, markets, deal, classify, sea_route, flows; `run(name,
request)` reaches any of them by name. Errors raise CaravanError, carrying the error table's code
(`invalid_request`, `not_found` ...), exit code, HTTP status, message and field. Caravan releases
the GIL while it computes, so threads run queries in parallel.
"""
import json as _json

from . import _caravan

__all__ = ["Network", "CaravanError", "to_dataframe", "to_geojson", "features", "sweep"]


class CaravanError(Exception):
    """An error from Caravan's error table (docs/errors.md)."""

    def __init__(self, code, message, field=None, exit_code=None, http_status=None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.field = field
        self.exit_code = exit_code
        self.http_status = http_status


def _raise_if_error(text):
    return _raise_if_error_value(_json.loads(text))


def _raise_if_error_value(value):
    if type(value) is dict and len(value) == 1 and isinstance(value.get("error"), dict):
        e = value["error"]
        raise CaravanError(e.get("code"), e.get("message"), e.get("field"), e.get("exit_code"),
                           e.get("http_status"))
    return value


def _request(request, fields):
    """A request dict from a dict and keyword fields; `from_` stands for `from`."""
    out = dict(request or {})
    for k, v in fields.items():
        if v is None:
            continue
        out["from" if k == "from_" else k] = v
    return out


def features():
    """Every feature's name and the request fields its options set."""
    return {name: fields for name, fields in _caravan.features()}


class Network:
    """A loaded network folder (the embedded one by default), shared by every call on it."""

    def __init__(self, directory=""):
        handle, error = _caravan.load_network(directory or "")
        if handle is None:
            _raise_if_error(error)
        self._handle = handle
        self.directory = directory

    def run(self, feature, request=None, **fields):
        """Runs a feature by name ("route", "landed-cost" ...) with a request dict."""
        if fields or request is None:
            request = _request(request, fields)
        result = _raise_if_error_value(_caravan.run_values(self._handle, feature, request))
        if isinstance(result, dict):
            result.setdefault("_feature", feature)
        return result

    def render(self, result, fmt="text"):
        """The command line's rendering of a result: "text", "csv" or "geojson"."""
        feature = result.get("_feature", "route")
        clean = {k: v for k, v in result.items() if k != "_feature"}
        value = _raise_if_error(_caravan.render(self._handle, feature, _json.dumps(clean), fmt))
        return value

    def route(self, request=None, **fields):
        return self.run("route", request, **fields)

    def compare(self, request=None, **fields):
        return self.run("compare", request, **fields)

    def pareto(self, request=None, **fields):
        return self.run("route", _request(request, fields) | {"pareto": True})

    def reliability(self, request=None, **fields):
        return self.run("reliability", request, **fields)

    def why_not(self, request=None, **fields):
        return self.run("why-not", request, **fields)

    def scenario(self, request=None, **fields):
        return self.run("scenario", request, **fields)

    def landed_cost(self, request=None, **fields):
        return self.run("landed-cost", request, **fields)

    def markets(self, request=None, **fields):
        return self.run("markets", request, **fields)

    def deal(self, request=None, **fields):
        return self.run("deal", request, **fields)

    def assign(self, request=None, **fields):
        return self.run("assign", request, **fields)

    def simulate(self, request=None, **fields):
        return self.run("simulate", request, **fields)

    def classify(self, request=None, **fields):
        return self.run("classify", request, **fields)

    def sea_route(self, request=None, **fields):
        return self.run("sea-route", request, **fields)

    def flows(self, request=None, **fields):
        return self.run("flows", request, **fields)

    def locate(self, q, limit=None):
        return self.run("locate", {"q": q, "limit": limit} if limit else {"q": q})


def _routes_of(result):
    """(label, route) pairs of a route, compare or landed-cost answer."""
    if "routes" in result:
        return [(str(i + 1), r) for i, r in enumerate(result["routes"])]
    if "variants" in result:
        return [(v.get("name", v.get("id", "")), v["route"]) for v in result["variants"] if v.get("route")]
    return []


def to_dataframe(result):
    """A pandas DataFrame: one row per route (route, compare, landed-cost), per market, per
    candidate (classify), per flow point (flows), or the rows of a sweep."""
    import pandas as pd

    if isinstance(result, list):
        return pd.DataFrame(result)
    if "rows" in result and isinstance(result["rows"], list):
        return pd.DataFrame(result["rows"])
    if "candidates" in result:
        return pd.DataFrame([{"hs6": c["hs6"], "code": c["code"], "confidence": c["confidence"],
                              "heading": c["heading"]["code"], "chapter": c["chapter"]["code"],
                              "description": c["description"]} for c in result["candidates"]])
    if "series" in result:
        return pd.DataFrame([{"corridor": s["corridor"], "unit": s["unit"], **p}
                             for s in result["series"] for p in s["points"]])
    rows = []
    for label, r in _routes_of(result):
        row = {"route": label, "summary": r.get("summary"), "cost_usd": r.get("cost_usd"),
               "days": r.get("hours", 0) / 24 if r.get("hours") is not None else None,
               "co2_t": r.get("co2_kg", 0) / 1000 if r.get("co2_kg") is not None else None,
               "risk": r.get("risk"), "km": r.get("km"),
               "countries": ">".join(r.get("countries", []))}
        if "landed_cost_usd" in r:
            row["landed_cost_usd"] = r["landed_cost_usd"]
        if "reliability" in r:
            row["p50_days"] = r["reliability"].get("p50_hours", 0) / 24
            row["p90_days"] = r["reliability"].get("p90_hours", 0) / 24
        rows.append(row)
    return pd.DataFrame(rows)


def to_geojson(result, network):
    """A GeoJSON FeatureCollection (dict) of a result's routes, as `--geojson` gives it."""
    return network.render(result, "geojson")


def sweep(network, config, store="caravan-results.sqlite", threads=None, fresh=False):
    """Runs a sweep (docs/sweeps.md): `config` is the configuration (a dict, or the name of a JSON
    file); results go to the SQLite `store` as they come, and a rerun of the same configuration
    does only the cells still missing. Returns the answer: "sweep" (counts) and "rows" (one per
    cell and route; caravan.to_dataframe turns them into a DataFrame)."""
    if isinstance(config, str):
        with open(config, encoding="utf-8") as f:
            config = _json.load(f)
    request = {"sweep": config, "store": store}
    if threads:
        request["threads"] = threads
    if fresh:
        request["fresh"] = True
    return network.run("sweep", request)
