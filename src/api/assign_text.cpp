// Text and CSV renderings of assignment results, from their JSON.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "api/assign_handler.h"
#include "core/text.h"
#include "io/csv.h"

namespace caravan::api {
using nlohmann::json;

namespace {

std::string num(double v, int decimals = 0) { return text::format_number(v, decimals); }

void print_run(const json& r, std::ostream& out) {
  out << "algorithm " << r["algorithm"].get<std::string>() << " (" << r["kind"].get<std::string>()
      << "): " << r["iterations"] << " iterations, relative gap " << r["relative_gap"].get<double>()
      << ", objective " << text::format_number(r["objective"].get<double>(), 6) << ", "
      << text::format_number(r["seconds"].get<double>(), 3) << " s, "
      << r["stop"].get<std::string>() << "\n";
}

void print_freight_table(const json& r, std::ostream& out) {
  print_run(r, out);
  out << "demand " << text::thousands(r["total_tonnes_py"].get<double>())
      << " t/yr, total generalised cost " << text::thousands(r["total_cost_usd_py"].get<double>())
      << " USD/yr\n\nCorridors (tonnes per year)\n";
  for (const auto& c : r["corridors"]) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-20s %14s  %5.1f%%  (%s)\n",
                  c["id"].get<std::string>().c_str(),
                  text::thousands(c["tonnes_py"].get<double>()).c_str(),
                  100 * c["share"].get<double>(), c["basis"].get<std::string>().c_str());
    out << line;
  }
  out << "\nBusiest links (tonnes per year, both directions)\n";
  std::vector<json> links(r["links"].begin(), r["links"].end());
  auto vol = [](const json& l) {
    return l["tonnes_py"].get<double>() + l["tonnes_py_reverse"].get<double>();
  };
  std::sort(links.begin(), links.end(),
            [&](const json& a, const json& b) { return vol(a) > vol(b); });
  for (std::size_t i = 0; i < links.size() && i < 15 && vol(links[i]) > 0; ++i) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-34s %-8s %14s  delay %6.1f h\n",
                  links[i]["id"].get<std::string>().c_str(),
                  links[i]["mode"].get<std::string>().c_str(),
                  text::thousands(vol(links[i])).c_str(), links[i]["delay_hours"].get<double>());
    out << line;
  }
  out << "\nBottlenecks (ranked by the value of one more tonne/yr of capacity)\n";
  int shown = 0;
  for (const auto& b : r["bottlenecks"]) {
    if (shown++ >= 10) break;
    char line[300];
    std::snprintf(line, sizeof line,
                  "  %2d %-34s %-6s v/c %5.2f  delay %7.1f h  %10s USD/yr per t/yr%s\n",
                  b["rank"].get<int>(), b["id"].get<std::string>().c_str(),
                  b["kind"].get<std::string>().c_str(), b["volume_capacity_ratio"].get<double>(),
                  b["delay_hours"].get<double>(),
                  num(b["marginal_usd_per_tonne_capacity"].get<double>(), 2).c_str(),
                  b["binding"].get<bool>() ? "  BINDING" : "");
    out << line;
  }
  if (!r["unserved"].empty()) {
    out << "\nUnserved demand (no usable route)\n";
    for (const auto& u : r["unserved"])
      out << "  " << u["origin"].get<std::string>() << " -> " << u["destination"].get<std::string>()
          << " " << u["commodity"].get<std::string>() << ": "
          << text::thousands(u["tonnes_py"].get<double>()) << " t/yr\n";
  }
  if (r.contains("scenario")) {
    const auto& sc = r["scenario"];
    out << "\nScenario " << sc["capacity"].dump() << ": total cost change "
        << text::thousands(sc["delta_total_cost_usd_py"].get<double>()) << " USD/yr (base "
        << text::thousands(sc["base_total_cost_usd_py"].get<double>()) << ")\n";
    for (std::size_t i = 0; i < sc["base_corridors"].size(); ++i) {
      const auto& b = sc["base_corridors"][i];
      const auto& a = r["corridors"][i];
      out << "  " << b["id"].get<std::string>() << ": share "
          << num(100 * b["share"].get<double>(), 1) << "% -> "
          << num(100 * a["share"].get<double>(), 1) << "%\n";
    }
  }
}

}  // namespace

std::string assign_text(const json& r) {
  std::ostringstream out;
  if (!r.contains("instance")) {
    print_freight_table(r, out);
    return out.str();
  }
  out << r["instance"].get<std::string>() << ": ";
  print_run(r, out);
  if (r.contains("published_objective"))
    out << "published objective " << text::format_number(r["published_objective"].get<double>(), 8)
        << " (x" << r["published_scale"].get<double>() << "), relative difference "
        << r["objective_relative_error"].get<double>() << "\n";
  if (r.contains("best_known_flows"))
    out << "best-known flows: max difference "
        << r["best_known_flows"]["max_abs_difference"].get<double>()
        << ", links outside 0.1% / 1: " << r["best_known_flows"]["links_outside_tolerance"] << "\n";
  for (const auto& u : r["unserved"])
    out << "unserved " << u["origin"] << " -> " << u["destination"] << ": " << u["volume"] << "\n";
  return out.str();
}

std::string assign_csv(const json& r) {
  std::ostringstream out;
  if (r.contains("instance")) {
    out << "from,to,volume,time\n";
    for (const auto& l : r["links"])
      out << l["from"] << "," << l["to"] << "," << text::compact(l["volume"].get<double>()) << ","
          << text::compact(l["time"].get<double>()) << "\n";
    return out.str();
  }
  out << "id,from,to,mode,tonnes_py,tonnes_py_reverse,capacity_tpy,capacity_teu_py,delay_hours\n";
  for (const auto& l : r["links"]) {
    out << io::csv_escape(l["id"].get<std::string>()) << "," << l["from"].get<std::string>() << ","
        << l["to"].get<std::string>() << "," << l["mode"].get<std::string>() << ","
        << text::compact(l["tonnes_py"].get<double>()) << ","
        << text::compact(l["tonnes_py_reverse"].get<double>()) << ","
        << (l.contains("capacity_tpy") ? text::compact(l["capacity_tpy"].get<double>()) : "") << ","
        << (l.contains("capacity_teu_py") ? text::compact(l["capacity_teu_py"].get<double>()) : "")
        << "," << text::compact(l["delay_hours"].get<double>()) << "\n";
  }
  return out.str();
}

}  // namespace caravan::api
