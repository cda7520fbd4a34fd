"""The Python package against the engine: same answers as the JSON, errors as exceptions, the
helpers, threads. Run by `make test` (ctest `python`) with the module the build made."""
import json
import subprocess
import threading

import pytest

import caravan

FLAGSHIP = {"from": "Stepnogorsk", "to": "Yokohama", "commodity": "rare-earth-oxide", "tonnes": 1000}


@pytest.fixture(scope="module")
def net():
    return caravan.Network()


def test_route_is_the_clis_json(net, caravan_bin):
    r = net.route(FLAGSHIP | {"avoid": ["CN"]})
    cli = json.loads(subprocess.check_output(
        [caravan_bin, "route", "--from", "Stepnogorsk", "--to", "Yokohama", "--commodity",
         "rare-earth-oxide", "--tonnes", "1000", "--avoid", "CN", "--json"]))
    r.pop("_feature")
    assert r == cli
    assert "CN" not in r["routes"][0]["countries"]


def test_keyword_fields_and_from_(net):
    r = net.route(from_="Stepnogorsk", to="Yokohama", commodity="rare-earth-oxide", tonnes=10,
                  alternatives=3)
    assert 1 <= len(r["routes"]) <= 3


def test_every_main_feature_answers(net):
    assert net.compare(FLAGSHIP)["variants"]
    assert len(net.pareto(FLAGSHIP)["routes"]) >= 2
    rel = net.reliability(FLAGSHIP | {"reliability_samples": 200, "seed": 7})
    assert rel["routes"][0]["reliability"]["p90_hours"] >= rel["routes"][0]["reliability"]["p50_hours"]
    assert net.landed_cost(FLAGSHIP)["routes"][0]["landed_cost_usd"] > 0
    assert "differences" in net.scenario(FLAGSHIP | {"scenarios": ["suez-closed"], "corridors": False})
    assert net.simulate({"config": "middle-corridor"})
    assert net.assign({"max_iterations": 1})
    assert net.classify(text="milling wheat")["candidates"]
    assert net.flows(corridor=["titr"])["series"]


def test_same_seed_same_samples(net):
    a = net.reliability(FLAGSHIP | {"reliability_samples": 300, "seed": 3})
    b = net.reliability(FLAGSHIP | {"reliability_samples": 300, "seed": 3})
    assert a == b


def test_errors_are_exceptions_with_the_error_table(net):
    with pytest.raises(caravan.CaravanError) as e:
        net.route(FLAGSHIP | {"to": "Yokohamma"})
    assert e.value.code == "not_found" and e.value.exit_code == 4 and e.value.http_status == 404
    assert "Yokohama" in e.value.message
    with pytest.raises(caravan.CaravanError) as e:
        net.route(FLAGSHIP | {"tonnes": -5})
    assert e.value.code == "invalid_request" and e.value.field == "tonnes"
    with pytest.raises(caravan.CaravanError) as e:
        net.run("no-such-feature", {})
    assert e.value.code == "not_found"
    with pytest.raises(caravan.CaravanError):
        caravan.Network("/nonexistent/folder")
    # Requests go to the engine as values, not JSON text: a value JSON cannot hold is a TypeError
    # naming its type; tuples are lists, and big integers and floats keep their value.
    with pytest.raises(TypeError) as t:
        net.route(FLAGSHIP | {"avoid": {1, 2}})
    assert "set" in str(t.value)
    r = net.route(FLAGSHIP | {"avoid": ("CN",), "tonnes": 1000.0})
    assert "CN" not in r["routes"][0]["countries"]


def test_dataframe_and_geojson(net):
    r = net.route(FLAGSHIP | {"alternatives": 3})
    df = caravan.to_dataframe(r)
    assert len(df) == len(r["routes"])
    assert list(df["cost_usd"]) == [x["cost_usd"] for x in r["routes"]]
    g = caravan.to_geojson(r, net)
    assert g["type"] == "FeatureCollection" and g["features"]
    assert len(caravan.to_dataframe(net.compare(FLAGSHIP))) >= 2


def test_threads_run_in_parallel_and_agree(net):
    out = [None] * 4

    def work(i):
        out[i] = net.route(FLAGSHIP | {"objective": ["cost", "time", "co2", "risk"][i]})

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(o and o["routes"] for o in out)
    assert out[0] == net.route(FLAGSHIP | {"objective": "cost"})


def test_sweep_same_rows_for_any_threads_and_resumes(net, tmp_path):
    config = {"origins": ["Stepnogorsk", "Almaty"], "destinations": ["Yokohama", "Hamburg"],
              "commodities": ["rare-earth-oxide"], "tonnes": [1000], "months": [1, 11],
              "reliability_samples": 100, "seed": 5}
    one = caravan.sweep(net, config, store=str(tmp_path / "one.sqlite"), threads=1)
    four = caravan.sweep(net, config, store=str(tmp_path / "four.sqlite"), threads=4)
    assert one["rows"] == four["rows"]
    assert one["sweep"]["this_run"]["ran"] == 8
    again = caravan.sweep(net, config, store=str(tmp_path / "one.sqlite"))
    assert again["sweep"]["this_run"]["ran"] == 0 and again["sweep"]["this_run"]["skipped"] == 8
    df = caravan.to_dataframe(one)
    assert len(df) == len(one["rows"]) and {"p50_days", "cost_usd", "origin"} <= set(df.columns)
