// The Python binding (`import caravan`): a loaded network and any feature of the feature table,
// with dicts in and out (converted directly to and from JSON values), the GIL released while
// Caravan computes. Errors come back as the error table's JSON; caravan/__init__.py raises them.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

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
json to_json(const py::handle& o) {
  if (o.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(o)) return o.cast<bool>();
  if (py::isinstance<py::int_>(o)) {  // as JSON text would parse it: unsigned when not negative
    const auto v = o.cast<long long>();
    if (v >= 0) return static_cast<unsigned long long>(v);
    return v;
  }
  if (py::isinstance<py::float_>(o)) return o.cast<double>();
  if (py::isinstance<py::str>(o)) return o.cast<std::string>();
  if (py::isinstance<py::dict>(o)) {
    json j = json::object();
    for (const auto& [k, v] : o.cast<py::dict>()) j[py::str(k).cast<std::string>()] = to_json(v);
    return j;
  }
  if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o)) {
    json j = json::array();
    for (const auto& v : o) j.push_back(to_json(v));
    return j;
  }
  throw py::type_error("a request holds dicts, lists, str, numbers, bool and None, not " +
                       py::str(py::type::of(o)).cast<std::string>());
}

py::object to_python(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return py::none();
    case json::value_t::boolean:
      return py::bool_(j.get<bool>());
    case json::value_t::number_integer:
      return py::int_(j.get<long long>());
    case json::value_t::number_unsigned:
      return py::int_(j.get<unsigned long long>());
    case json::value_t::number_float:
      return py::float_(j.get<double>());
    case json::value_t::string:
      return py::str(j.get_ref<const std::string&>());
    case json::value_t::array: {
      py::list l(j.size());
      for (std::size_t i = 0; i < j.size(); ++i) l[i] = to_python(j[i]);
      return l;
    }
    case json::value_t::object: {
      py::dict d;
      for (const auto& [k, v] : j.items()) d[py::str(k)] = to_python(v);
      return d;
    }
    default:
      return py::none();
  }
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
