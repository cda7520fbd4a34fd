// The flows feature: corridor volumes by year with their sources, a trend forecast per series,
// as JSON, a table, CSV and an SVG chart (one panel per corridor and unit).
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "api/chart.h"
#include "api/customs_codec.h"
#include "api/request.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/flows_reader.h"
#include "trade/flows.h"

namespace caravan::api {
using nlohmann::json;

namespace {

double round_sig(double v) {
  if (v == 0) return 0;
  const double k = std::pow(10.0, 3 - std::ceil(std::log10(std::fabs(v))));
  return std::round(v * k) / k;
}

// A volume for people: thousands separated from 1,000, else three significant digits.
std::string volume(double v) {
  return std::fabs(v) >= 1000 ? text::thousands(v)
                              : text::format_number(round_sig(v), std::fabs(v) >= 100  ? 0
                                                                  : std::fabs(v) >= 10 ? 1
                                                                                       : 2);
}

// One panel per series: actual values (line and dots), plans (hollow circles), targets
// (diamonds), the forecast (dashed) and its 80% band (shaded).
std::string flows_svg(const json& r) {
  const double w = 720, panel = 190, left = 70, right = 20, top = 30;
  std::vector<const json*> shown;
  for (const auto& s : r["series"])
    if (s["points"].size() >= 2 || !s["forecast"].is_null()) shown.push_back(&s);
  std::ostringstream o;
  const double total = 40 + panel * static_cast<double>(shown.size()) + 40;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << total
    << "\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" "
       "fill=\"white\"/>\n<text x=\""
    << left
    << "\" y=\"20\" font-size=\"14\">Corridor volumes by year, with a trend forecast "
       "(dashed) and its 80% band</text>\n";
  for (std::size_t k = 0; k < shown.size(); ++k) {
    const auto& s = *shown[k];
    const double y0 = 40 + panel * static_cast<double>(k), ph = panel - 50;
    int x_lo = 3000, x_hi = 0;
    double v_hi = 0;
    for (const auto& p : s["points"]) {
      x_lo = std::min(x_lo, p["year"].get<int>());
      x_hi = std::max(x_hi, p["year"].get<int>());
      v_hi = std::max(v_hi, p["value"].get<double>());
    }
    if (!s["forecast"].is_null())
      for (const auto& p : s["forecast"]["points"]) {
        x_hi = std::max(x_hi, p["year"].get<int>());
        v_hi = std::max(v_hi, p["high"].get<double>());
      }
    if (x_hi == x_lo) ++x_hi;
    v_hi = chart::nice_top(v_hi);
    auto X = [&](double y) { return left + (y - x_lo) / (x_hi - x_lo) * (w - left - right); };
    auto Y = [&](double v) { return y0 + top + (1 - v / v_hi) * ph; };
    o << "<text x=\"" << left << "\" y=\"" << y0 + 18 << "\" font-size=\"12\" font-weight=\"bold\">"
      << chart::escape(s["corridor"].get<std::string>()) << " ("
      << chart::escape(s["unit"].get<std::string>()) << ")</text>\n";
    for (int i = 0; i <= 4; ++i) {
      const double v = v_hi * i / 4;
      o << "<line x1=\"" << left << "\" x2=\"" << w - right << "\" y1=\"" << Y(v) << "\" y2=\""
        << Y(v) << "\" stroke=\"#eee\"/><text x=\"" << left - 6 << "\" y=\"" << Y(v) + 4
        << "\" text-anchor=\"end\">" << volume(v) << "</text>\n";
    }
    const int step = std::max(1, (x_hi - x_lo) / 10);
    for (int yr = x_lo; yr <= x_hi; yr += step)
      o << "<text x=\"" << X(yr) << "\" y=\"" << y0 + top + ph + 16 << "\" text-anchor=\"middle\">"
        << yr << "</text>\n";
    if (!s["forecast"].is_null()) {
      const auto& f = s["forecast"];
      std::ostringstream band, line;
      for (const auto& p : f["points"]) {
        band << X(p["year"].get<int>()) << "," << Y(p["high"].get<double>()) << " ";
        line << X(p["year"].get<int>()) << "," << Y(p["mid"].get<double>()) << " ";
      }
      for (auto it = f["points"].rbegin(); it != f["points"].rend(); ++it)
        band << X((*it)["year"].get<int>()) << "," << Y((*it)["low"].get<double>()) << " ";
      o << "<polygon fill=\"#0072B2\" fill-opacity=\"0.15\" stroke=\"none\" points=\"" << band.str()
        << "\"/>\n<polyline fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\" "
           "stroke-dasharray=\"6 4\" points=\""
        << line.str() << "\"/>\n";
    }
    std::ostringstream actual;
    int last = -1;
    for (const auto& p : s["points"])
      if (p["kind"] == "actual" && p["year"].get<int>() != last) {
        last = p["year"].get<int>();
        actual << X(last) << "," << Y(p["value"].get<double>()) << " ";
      }
    o << "<polyline fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\" points=\"" << actual.str()
      << "\"/>\n";
    for (const auto& p : s["points"]) {
      const double x = X(p["year"].get<int>()), y = Y(p["value"].get<double>());
      const std::string kind = p["kind"];
      const std::string tip = "<title>" + std::to_string(p["year"].get<int>()) + " " + kind + ": " +
                              volume(p["value"].get<double>()) + "</title>";
      if (kind == "actual")
        o << "<circle cx=\"" << x << "\" cy=\"" << y << "\" r=\"3.5\" fill=\"#0072B2\">" << tip
          << "</circle>\n";
      else if (kind == "plan")
        o << "<circle cx=\"" << x << "\" cy=\"" << y
          << "\" r=\"4.5\" fill=\"white\" stroke=\"#D55E00\" stroke-width=\"2\">" << tip
          << "</circle>\n";
      else
        o << "<path d=\"M" << x << "," << y - 6 << " l6,6 l-6,6 l-6,-6 z\" fill=\"#009E73\">" << tip
          << "</path>\n";
    }
    if (s["forecast"].is_null())
      o << "<text x=\"" << w - right << "\" y=\"" << y0 + 18
        << "\" text-anchor=\"end\" fill=\"#666\">"
        << chart::escape(s["no_forecast"].get<std::string>()) << "</text>\n";
    else
      o << "<text x=\"" << w - right << "\" y=\"" << y0 + 18
        << "\" text-anchor=\"end\" fill=\"#444\">"
        << "trend " << std::showpos
        << std::lround(s["forecast"]["growth_per_year"].get<double>() * 100) << std::noshowpos
        << "% a year, fitted " << s["forecast"]["fitted_from"] << "-" << s["forecast"]["fitted_to"]
        << "</text>\n";
  }
  const double ly = total - 20;
  o << "<circle cx=\"" << left << "\" cy=\"" << ly << "\" r=\"3.5\" fill=\"#0072B2\"/><text x=\""
    << left + 8 << "\" y=\"" << ly + 4 << "\">actual</text>\n<circle cx=\"" << left + 80
    << "\" cy=\"" << ly
    << "\" r=\"4.5\" fill=\"white\" stroke=\"#D55E00\" stroke-width=\"2\"/><text x=\"" << left + 88
    << "\" y=\"" << ly + 4 << "\">plan</text>\n<path d=\"M" << left + 150 << "," << ly - 6
    << " l6,6 l-6,6 l-6,-6 z\" fill=\"#009E73\"/><text x=\"" << left + 160 << "\" y=\"" << ly + 4
    << "\">target</text>\n<line x1=\"" << left + 220 << "\" x2=\"" << left + 250 << "\" y1=\"" << ly
    << "\" y2=\"" << ly
    << "\" stroke=\"#0072B2\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"" << left + 256
    << "\" y=\"" << ly + 4 << "\">trend forecast, 80% band shaded</text>\n</svg>\n";
  return o.str();
}

Result<Answer> run_flows(const Context& ctx, const json& request) {
  Fields f(request);
  CARAVAN_TRY(corridors, f.list("corridor"));
  CARAVAN_TRY(horizon, f.opt_int("horizon", 1, 15));
  CARAVAN_TRY(fit, f.opt_int("fit_years", 3, 30));
  if (auto s = f.no_unknown(); !s) return s.error();
  CARAVAN_TRY(data, io::read_flows(ctx.network_dir, *ctx.net));
  if (data.empty())
    return make_error(ErrorCode::NotFound, "the network folder has no flows.csv", "corridor");
  trade::FlowsRequest rq{corridors, horizon.value_or(5), fit.value_or(8)};
  CARAVAN_TRY(res, trade::run_flows(data, rq));
  json series = json::array();
  for (const auto& e : res.series) {
    json points = json::array();
    for (const auto& p : e.series.points)
      points.push_back({{"year", p.year},
                        {"value", p.value},
                        {"kind", p.kind},
                        {"sources", p.sources},
                        {"note", p.note}});
    json fc = nullptr;
    if (e.forecast) {
      json fp = json::array();
      for (const auto& p : e.forecast->points)
        fp.push_back({{"year", p.year},
                      {"mid", round_sig(p.mid)},
                      {"low", round_sig(p.low)},
                      {"high", round_sig(p.high)}});
      fc = {{"method",
             "log-linear least-squares trend on the last actual years, 80% prediction interval"},
            {"fitted_from", e.forecast->fitted_from},
            {"fitted_to", e.forecast->fitted_to},
            {"fitted", e.forecast->fitted},
            {"growth_per_year", std::round(e.forecast->growth_per_year * 1e4) / 1e4},
            {"points", fp}};
    }
    json j = {{"corridor", e.series.corridor},
              {"unit", e.series.unit},
              {"points", points},
              {"forecast", fc}};
    if (!e.forecast) j["no_forecast"] = e.no_forecast;
    series.push_back(std::move(j));
  }
  Answer a{json{{"series", series}, {"horizon", rq.horizon_years}}, {}};
  const json copy = a.json;
  a.files["--svg"] = [copy] { return flows_svg(copy); };
  return a;
}

std::string flows_text(const Context&, const json& r) {
  std::ostringstream s;
  for (const auto& e : r["series"]) {
    s << e["corridor"].get<std::string>() << " (" << e["unit"].get<std::string>() << "): ";
    bool first = true;
    for (const auto& p : e["points"]) {
      s << (first ? "" : ", ") << p["year"] << " " << volume(p["value"].get<double>());
      if (p["kind"] != "actual") s << " " << p["kind"].get<std::string>();
      first = false;
    }
    s << "\n";
    if (e["forecast"].is_null()) {
      s << "  no forecast: " << e["no_forecast"].get<std::string>() << "\n";
      continue;
    }
    const auto& f = e["forecast"];
    s << "  trend " << std::showpos << std::lround(f["growth_per_year"].get<double>() * 100)
      << std::noshowpos << "% a year (fitted " << f["fitted_from"] << "-" << f["fitted_to"] << ", "
      << f["fitted"] << " years); forecast (80% band):";
    for (const auto& p : f["points"])
      s << " " << p["year"] << " " << text::thousands(p["mid"].get<double>()) << " ["
        << text::thousands(p["low"].get<double>()) << "-"
        << text::thousands(p["high"].get<double>()) << "]";
    s << "\n";
  }
  s << "Sources: every figure's source ids are in --json (the network's sources.csv)\n";
  return s.str();
}

std::string flows_csv(const Context&, const json& r) {
  std::ostringstream s;
  s << "corridor,unit,year,kind,value,low,high,sources\n";
  for (const auto& e : r["series"]) {
    const std::string head = io::csv_escape(e["corridor"].get<std::string>()) + "," +
                             io::csv_escape(e["unit"].get<std::string>()) + ",";
    for (const auto& p : e["points"])
      s << head << p["year"] << "," << p["kind"].get<std::string>() << ","
        << text::format_number(p["value"].get<double>(), 3) << ",,,"
        << io::csv_escape(text::join(p["sources"].get<std::vector<std::string>>(), "|")) << "\n";
    if (!e["forecast"].is_null())
      for (const auto& p : e["forecast"]["points"])
        s << head << p["year"] << ",forecast," << text::format_number(p["mid"].get<double>(), 3)
          << "," << text::format_number(p["low"].get<double>(), 3) << ","
          << text::format_number(p["high"].get<double>(), 3) << ",\n";
  }
  return s.str();
}

}  // namespace

Feature flows_feature() {
  using K = Option::Kind;
  return {
      "flows",
      "corridor volumes by year (TITR, Aktau/Kuryk, Dostyk/Altynkol, Caspian feeder) with sources "
      "and a trend forecast",
      "/v1/flows",
      false,
      {{"--corridor", "corridor", K::List, "comma list of corridor ids (default: all)"},
       {"--horizon", "horizon", K::Integer, "years to forecast (default 5)"},
       {"--fit-years", "fit_years", K::Integer,
        "last actual years the trend is fitted to (default 8)"},
       {"--svg", "", K::File, "write the chart (one panel per corridor and unit)"}},
      false,
      nullptr,
      nullptr,
      run_flows,
      flows_text,
      flows_csv,
      nullptr,
      nullptr};
}

}  // namespace caravan::api
