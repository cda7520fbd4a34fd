// The Python binding (`import caravan`): a loaded network and any feature of the feature table,
// with dicts in and out (converted directly to and from JSON values), the GIL released while
// Caravan computes. Errors come back as the error table's JSON; caravan/__init__.py raises them.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/error_table.h"
#include "api/feature.h"

namespace py = pybind11;
using nlohmann::json;

namespace {

using caravan::api::Context;
using caravan::api::Feature;

// A network loaded once, shared by every call on it (Network is read-only after loading).
struct Handle {
  std::shared_ptr<const caravan::network::Network> net;
  std::string dir;
};

std::string error_text(const caravan::Error& e) {
  json body = caravan::api::error_json(e);
  const auto& info = caravan::api::error_info(e.code);
  body["error"]["exit_code"] = info.exit_code;
  body["error"]["http_status"] = info.http_status;
  return body.dump();
}

Context context_of(const Handle& h) {
  Context ctx;
  ctx.net = h.net.get();
  ctx.network_dir = h.dir;
  ctx.local = true;  // a Python caller is on this machine, like the CLI
  return ctx;
}

// Runs a feature; the answer's JSON text, or {"error": ...}.
std::string run(const Handle& h, const std::string& feature, const std::string& request) {
  py::gil_scoped_release release;
  const Feature* f = caravan::api::find_feature(feature);
  if (f == nullptr)
    return error_text(caravan::make_error(caravan::ErrorCode::NotFound,
                                          "no feature '" + feature + "'", "feature"));
  json rq = json::parse(request, nullptr, false);
  if (rq.is_discarded())
    return error_text(caravan::make_error(caravan::ErrorCode::InvalidRequest,
                                          "the request is not JSON", "request"));
  try {
    auto a = caravan::api::run(*f, context_of(h), rq);
    if (!a) return error_text(a.error());
    return a->json.dump();
  } catch (const std::exception& e) {  // the last resort, as in main() and the HTTP handlers
    return error_text(caravan::make_error(caravan::ErrorCode::Internal, e.what()));
  }
}

// Python values and JSON, converted directly (no JSON text between them): dicts, lists, tuples,
// str, bool, int, float and None. Anything else is a TypeError naming its type.
json to_json(const py::handle& h) {
  PyObject* o = h.ptr();
  if (o == Py_None) return nullptr;
  if (PyBool_Check(o)) return o == Py_True;
  if (PyLong_Check(o)) {  // as JSON text would parse it: unsigned when not negative
    const auto v = py::reinterpret_borrow<py::int_>(h).cast<long long>();
    if (v >= 0) return static_cast<unsigned long long>(v);
    return v;
  }
  if (PyFloat_Check(o)) return PyFloat_AS_DOUBLE(o);
  if (PyUnicode_Check(o)) {
    Py_ssize_t n = 0;
    const char* c = PyUnicode_AsUTF8AndSize(o, &n);
    if (c == nullptr) throw py::error_already_set();
    return std::string(c, static_cast<std::size_t>(n));
  }
  if (PyDict_Check(o)) {
    json j = json::object();
    PyObject *k = nullptr, *v = nullptr;
    Py_ssize_t pos = 0;
    while (PyDict_Next(o, &pos, &k, &v)) {
      std::string key;
      if (PyUnicode_Check(k)) {
        Py_ssize_t n = 0;
        const char* c = PyUnicode_AsUTF8AndSize(k, &n);
        if (c == nullptr) throw py::error_already_set();
        key.assign(c, static_cast<std::size_t>(n));
      } else {
        key = py::str(k).cast<std::string>();
      }
      j[std::move(key)] = to_json(v);
    }
    return j;
  }
  if (PyList_Check(o) || PyTuple_Check(o)) {
    json j = json::array();
    for (const auto& v : h) j.push_back(to_json(v));
    return j;
  }
  throw py::type_error("a request holds dicts, lists, str, numbers, bool and None, not " +
                       py::str(py::type::of(h)).cast<std::string>());
}

// Straight onto the C API (each new object's reference handed on): answers are large (a route's
// legs and shapes), and pybind11's accessors cost a lookup and a reference count per item.
PyObject* to_python_raw(const json& j) {
  switch (j.type()) {
    case json::value_t::boolean:
      return PyBool_FromLong(j.get<bool>() ? 1 : 0);
    case json::value_t::number_integer:
      return PyLong_FromLongLong(j.get<long long>());
    case json::value_t::number_unsigned:
      return PyLong_FromUnsignedLongLong(j.get<unsigned long long>());
    case json::value_t::number_float:
      return PyFloat_FromDouble(j.get<double>());
    case json::value_t::string: {
      const auto& v = j.get_ref<const std::string&>();
      return PyUnicode_FromStringAndSize(v.data(), static_cast<Py_ssize_t>(v.size()));
    }
    case json::value_t::array: {
      PyObject* l = PyList_New(static_cast<Py_ssize_t>(j.size()));
      if (l == nullptr) return nullptr;
      Py_ssize_t i = 0;
      for (const auto& v : j) {
        PyObject* item = to_python_raw(v);
        if (item == nullptr) return Py_DECREF(l), nullptr;
        PyList_SET_ITEM(l, i++, item);  // steals the reference
      }
      return l;
    }
    case json::value_t::object: {
      PyObject* d = PyDict_New();
      if (d == nullptr) return nullptr;
      for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        PyObject* key = PyUnicode_FromStringAndSize(k.data(), static_cast<Py_ssize_t>(k.size()));
        PyObject* value = key ? to_python_raw(it.value()) : nullptr;
        const int rc = value ? PyDict_SetItem(d, key, value) : -1;
        Py_XDECREF(key);
        Py_XDECREF(value);
        if (rc != 0) return Py_DECREF(d), nullptr;
      }
      return d;
    }
    default:
      Py_RETURN_NONE;
  }
}

py::object to_python(const json& j) {
  PyObject* o = to_python_raw(j);
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

// Runs a feature on a request dict; the answer as Python values, or {"error": ...}. The GIL is
// held only while converting.
py::object run_values(const Handle& h, const std::string& feature, const py::handle& request) {
  const Feature* f = caravan::api::find_feature(feature);
  if (f == nullptr)
    return to_python(json::parse(error_text(caravan::make_error(
        caravan::ErrorCode::NotFound, "no feature '" + feature + "'", "feature"))));
  const json rq = to_json(request);
  json out;
  {
    py::gil_scoped_release release;
    try {
      auto a = caravan::api::run(*f, context_of(h), rq);
      out = a ? std::move(a->json) : json::parse(error_text(a.error()));
    } catch (const std::exception& e) {  // the last resort, as in main() and the HTTP handlers
      out = json::parse(error_text(caravan::make_error(caravan::ErrorCode::Internal, e.what())));
    }
  }
  return to_python(out);
}

// For the binding's benchmark (python/tests/bench_binding.py): the same feature call made `n`
// times in C++ on a request converted once, no Python in between; seconds a call. The difference
// from the same call made from Python is what the binding costs.
double codec_seconds(const Handle& h, const std::string& feature, const py::handle& request,
                     int n) {
  const Feature* f = caravan::api::find_feature(feature);
  if (f == nullptr) throw py::value_error("no feature '" + feature + "'");
  const json rq = to_json(request);
  py::gil_scoped_release release;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    auto a = caravan::api::run(*f, context_of(h), rq);
    if (!a) throw std::runtime_error(a.error().message);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
         std::max(1, n);
}

// A feature's rendering of an answer: "text", "csv" or "geojson" (JSON text).
std::string render(const Handle& h, const std::string& feature, const std::string& response,
                   const std::string& format) {
  py::gil_scoped_release release;
  const Feature* f = caravan::api::find_feature(feature);
  if (f == nullptr)
    return error_text(caravan::make_error(caravan::ErrorCode::NotFound,
                                          "no feature '" + feature + "'", "feature"));
  const json r = json::parse(response, nullptr, false);
  const Context ctx = context_of(h);
  try {
    if (format == "text") return json(caravan::api::render_text(*f, ctx, r)).dump();
    if (format == "csv" && f->csv) return json(f->csv(ctx, r)).dump();
    if (format == "geojson" && f->geojson) {
      auto g = f->geojson(ctx, r);
      if (!g) return error_text(g.error());
      return g->dump();
    }
  } catch (const std::exception& e) {
    return error_text(caravan::make_error(caravan::ErrorCode::Internal, e.what()));
  }
  return error_text(caravan::make_error(caravan::ErrorCode::InvalidRequest,
                                        feature + " has no " + format + " rendering", "format"));
}

}  // namespace

PYBIND11_MODULE(_caravan, m) {
  m.doc() = "Caravan's engine: a network and the feature table (see the caravan package)";
  py::class_<Handle>(m, "Handle");
  m.def(
      "load_network",
      [](const std::string& dir) -> std::pair<std::optional<Handle>, std::string> {
        const std::string d = dir.empty() ? caravan::api::default_network_dir() : dir;
        std::optional<caravan::Result<caravan::network::Network>> loaded;
        {
          py::gil_scoped_release release;
          loaded.emplace(caravan::api::open_network(d));
        }
        if (!*loaded) return {std::nullopt, error_text(loaded->error())};
        Handle h{std::make_shared<const caravan::network::Network>(std::move(loaded->value())), d};
        return {std::move(h), ""};
      },
      py::arg("dir") = "", "Loads a network folder (the embedded one when empty).");
  m.def("run", &run, py::arg("handle"), py::arg("feature"), py::arg("request"),
        "Runs a feature with a JSON request; returns the JSON answer or {\"error\": ...}.");
  m.def("run_values", &run_values, py::arg("handle"), py::arg("feature"), py::arg("request"),
        "Runs a feature with a request dict; returns the answer as dicts and lists, or "
        "{\"error\": ...}.");
  m.def("codec_seconds", &codec_seconds, py::arg("handle"), py::arg("feature"), py::arg("request"),
        py::arg("n"),
        "Benchmarks only: seconds a call of the feature in C++ (no Python between calls).");
  m.def("render", &render, py::arg("handle"), py::arg("feature"), py::arg("response"),
        py::arg("format"), "The feature's text, csv or geojson rendering of an answer.");
  m.def("features", [] {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const auto& f : caravan::api::features()) {
      std::vector<std::string> fields;
      for (const auto& o : f.options)
        if (!o.field.empty()) fields.emplace_back(o.field);
      out.emplace_back(std::string(f.name), std::move(fields));
    }
    return out;
  });
}
