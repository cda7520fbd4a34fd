// Text rendering of results.
#include "api/table.h"

#include <algorithm>
#include <sstream>

#include "core/text.h"

namespace caravan::api {
using nlohmann::json;

namespace {

std::string pad(std::string s, std::size_t w, bool right = false) {
  // Width in characters, counting UTF-8 continuation bytes as nothing.
  std::size_t len = 0;
  for (unsigned char c : s) len += (c & 0xC0) != 0x80;
  if (len >= w) return s;
  return right ? std::string(w - len, ' ') + s : s + std::string(w - len, ' ');
}

std::string join_list(const json& a, const std::string& sep, const char* key = nullptr) {
  std::vector<std::string> out;
  for (const auto& e : a) out.push_back(key ? e[key].get<std::string>() : e.get<std::string>());
  return out.empty() ? "none" : text::join(out, sep);
}

// A name that fits `width` characters: without its bracketed part ("Stepnogorsk (SARECO
// rare-earth plant)" -> "Stepnogorsk"), then cut with a "~" if still too long.
std::string short_name(const std::string& name, std::size_t width) {
  std::string n = name;
  if (n.size() > width)
    if (const auto open = n.find(" ("); open != std::string::npos && open > 0) n.resize(open);
  if (n.size() > width) n = n.substr(0, width - 1) + "~";
  return n;
}

std::string header(const json& q) {
  std::ostringstream s;
  s << q["from_name"].get<std::string>() << " (" << q["from"].get<std::string>() << ") -> "
    << q["to_name"].get<std::string>() << " (" << q["to"].get<std::string>()
    << "): " << text::thousands(q["tonnes"].get<double>()) << " t "
    << q["commodity"].get<std::string>();
  if (q["teu"].get<double>() > 0) s << " (" << text::thousands(q["teu"].get<double>()) << " TEU)";
  s << ", value USD " << text::thousands(q["value_usd"].get<double>()) << ", objective "
    << q["objective"].get<std::string>();
  if (q.contains("depart") && q["depart"].is_string())
    s << ", departing " << q["depart"].get<std::string>();
  else if (q["month"].get<int>())
    s << ", departing in month " << q["month"].get<int>();
  return s.str() + "\n";
}

std::string borders_text(const json& r) {
  std::vector<std::string> out;
  for (const auto& b : r["border_crossings"]) {
    const std::string pair =
        b["from_country"].get<std::string>() + ">" + b["to_country"].get<std::string>();
    if (b.value("border_row", true))
      out.push_back(pair + " at " + b["from"].get<std::string>() + "/" +
                    b["to"].get<std::string>() + " (" +
                    text::format_number(b["hours"].get<double>(), 0) + " h)");
    else  // no land border: by ferry or sea, customs at the ports
      out.push_back(pair + " by " + b.value("mode", std::string("sea")) + " " +
                    b["from"].get<std::string>() + "-" + b["to"].get<std::string>());
  }
  return out.empty() ? "none" : text::join(out, ", ");
}

std::string gauges_text(const json& r) {
  std::vector<std::string> out;
  for (const auto& g : r["gauge_breaks"])
    out.push_back(g["at_name"].get<std::string>() + " (" +
                  std::to_string(g["from_gauge_mm"].get<int>()) + ">" +
                  std::to_string(g["to_gauge_mm"].get<int>()) + ")");
  return out.empty() ? "none" : text::join(out, ", ");
}

std::string ferries_text(const json& r) {
  std::vector<std::string> out;
  for (const auto& f : r["ferries"])
    out.push_back(f["from"].get<std::string>() + "-" + f["to"].get<std::string>());
  return out.empty() ? "none" : text::join(out, ", ");
}

std::string totals(const json& r) {
  return "USD " + text::thousands(r["cost_usd"].get<double>()) + " | " +
         text::format_number(r["days"].get<double>(), 1) + " days | " +
         text::format_number(r["co2_kg"].get<double>() / 1000.0, 1) + " t CO2 | risk " +
         text::format_number(100.0 * r["risk"].get<double>(), 1) + "%";
}

// The regimes a route meets, one line each: what they add, or that their figure is unknown.
std::string exposure_text(const json& r) {
  if (!r.contains("policy_exposure") || r["policy_exposure"].empty()) return "";
  std::ostringstream s;
  s << "  policy exposure:\n";
  for (const auto& e : r["policy_exposure"]) {
    s << "    " << e["issuer"].get<std::string>() << " " << e["kind"].get<std::string>() << " "
      << e["regime"].get<std::string>() << " (" << e["effect"].get<std::string>();
    if (e.contains("at")) s << " at " << e["at"].get<std::string>();
    s << "): ";
    if (!e["known"].get<bool>()) {
      s << "figures unknown, not counted";
    } else {
      std::vector<std::string> parts;
      if (e["usd"].get<double>() > 0)
        parts.push_back("USD " + text::money_range(e["usd"].get<double>(),
                                                   e.value("usd_high", e["usd"].get<double>())));
      if (e["hours"].get<double>() > 0)
        parts.push_back(text::format_number(e["hours"].get<double>(), 0) + " h");
      if (e["risk"].get<double>() > 0)
        parts.push_back("risk " + text::format_number(100 * e["risk"].get<double>(), 1) + "%");
      s << (parts.empty() ? std::string("listed") : text::join(parts, ", "));
    }
    s << "\n";
  }
  return s.str();
}

std::string route_block(const json& r, std::size_t index) {
  std::ostringstream s;
  s << "Route " << index + 1 << ": " << r["summary"].get<std::string>() << "\n";
  s << "  " << totals(r) << " | " << text::thousands(r["km"].get<double>()) << " km\n";
  if (r.contains("differs_from_best")) {
    std::vector<std::string> d;
    for (const auto& x : r["differs_from_best"]) d.push_back(x.get<std::string>());
    s << "  differs from route 1: " << text::join(d, "; ") << "\n";
  }
  const auto& bc = r["breakdown"]["cost_usd"];
  const auto& bh = r["breakdown"]["hours"];
  s << "  cost: line haul " << text::thousands(bc["line_haul"].get<double>()) << ", handling "
    << text::thousands(bc["handling"].get<double>()) << ", border "
    << text::thousands(bc["border"].get<double>()) << ", inventory "
    << text::thousands(bc["inventory"].get<double>()) << "\n";
  s << "  time: moving " << text::format_number(bh["moving"].get<double>(), 0) << " h, waiting "
    << text::format_number(bh["waiting"].get<double>(), 0) << " h, handling "
    << text::format_number(bh["handling"].get<double>(), 0) << " h, border "
    << text::format_number(bh["border"].get<double>(), 0) << " h\n";
  if (r.contains("reliability")) {
    const auto& q = r["reliability"];
    auto d = [&](const char* k) { return text::format_number(q[k].get<double>() / 24.0, 1); };
    const int month = q["month"].get<int>();
    s << "  reliability (" << text::thousands(q["samples"].get<double>()) << " samples, "
      << (month ? "month " + std::to_string(month) : std::string("any month")) << "): mean "
      << d("mean_hours") << " d, P50 " << d("p50_hours") << ", P90 " << d("p90_hours") << ", P95 "
      << d("p95_hours") << " d; disrupted "
      << text::format_number(100 * q["disruption_probability"].get<double>(), 1) << "%, rerouted "
      << text::format_number(100 * q["reroute_probability"].get<double>(), 1) << "%";
    if (q.contains("deadline_days"))
      s << "; on time (" << text::format_number(q["deadline_days"].get<double>(), 0) << " d) "
        << text::format_number(100 * q["on_time_probability"].get<double>(), 1) << "%";
    s << "; expected delay cost USD " << text::thousands(q["expected_delay_cost_usd"].get<double>())
      << "\n";
  }
  s << "  countries: " << join_list(r["countries"], " > ") << "\n";
  s << "  border crossings: " << borders_text(r) << "\n";
  s << "  gauge breaks: " << gauges_text(r) << "\n";
  s << "  transshipments: " << r["transshipments"].get<int>() << "; ferries: " << ferries_text(r)
    << "; chokepoints: " << join_list(r["chokepoints"], ", ") << "\n";
  s << exposure_text(r);
  if (r.contains("exact") && !r["exact"].get<bool>())
    s << "  note: the time-dependent search ran past its work limit; this is the best route it "
         "found keeping one label per node, not proven optimal\n";
  const bool dated = r.contains("depart");
  if (dated) {
    s << "  dates: departs " << r["depart"].get<std::string>() << ", arrives "
      << r["arrive"].get<std::string>();
    if (bh.value("held", 0.0) > 0)
      s << "; held " << text::format_number(bh["held"].get<double>() / 24.0, 1)
        << " days on the way (a link closed, a season or a regime: waiting was cheaper than going "
           "round)";
    s << "\n";
  }
  s << "  " << pad("#", 3) << pad("from", 22) << pad("to", 22) << pad("mode", 9)
    << pad("km", 8, true) << pad("hours", 8, true) << pad("USD", 12, true) << pad("t CO2", 8, true)
    << (dated ? "  reached" : "") << "\n";
  std::size_t i = 0;
  for (const auto& leg : r["legs"]) {
    std::string mode = leg["mode"].get<std::string>();
    if (leg.contains("gauge_mm")) mode += std::to_string(leg["gauge_mm"].get<int>());
    s << "  " << pad(std::to_string(++i), 3)
      << pad(short_name(leg["from_name"].get<std::string>(), 21), 22)
      << pad(short_name(leg["to_name"].get<std::string>(), 21), 22) << pad(mode, 9)
      << pad((leg.value("estimated", false) ? "~" : "") + text::thousands(leg["km"].get<double>()),
             8, true)
      << pad(text::format_number(leg["hours"].get<double>(), 0), 8, true)
      << pad(text::thousands(leg["cost_usd"].get<double>()), 12, true)
      << pad(text::format_number(leg["co2_kg"].get<double>() / 1000, 1), 8, true);
    if (dated) {
      s << "  " << leg["reached"].get<std::string>();
      if (leg.contains("departs"))
        s << ", held to " << leg["departs"].get<std::string>() << " ("
          << text::format_number(leg["hold_hours"].get<double>() / 24.0, 1) << " d)";
    }
    s << "\n";
  }
  bool land = false, sea = false;
  for (const auto& l : r["legs"])
    if (l.value("estimated", false)) (l.value("mode", "") == "sea" ? sea : land) = true;
  if (land)
    s << "     ~ an estimated access leg: the place is not in the network; joined to it by a "
         "straight line x circuity at the country's median rates (source d_access)\n";
  if (sea)
    s << "     ~ an estimated sea access leg: the port is beyond the network's land reach; "
         "sailed over the maritime layer at a vessel class's cost and speed (source d_access)\n";
  for (const auto& st : r["stops"])
    if (st["cost_usd"].get<double>() > 0 || st["hours"].get<double>() > 0)
      s << "     at " << st["at_name"].get<std::string>() << ": "
        << st["from_layer"].get<std::string>() << " > " << st["to_layer"].get<std::string>()
        << ", USD " << text::thousands(st["cost_usd"].get<double>()) << ", "
        << text::format_number(st["hours"].get<double>(), 0) << " h\n";
  return s.str();
}

}  // namespace

std::string route_table(const json& response) {
  std::ostringstream s;
  s << header(response["query"]) << "\n";
  const auto& routes = response["routes"];
  if (routes.empty())
    s << "No route: " << response.value("no_route_reason", std::string("")) << "\n";
  for (std::size_t i = 0; i < routes.size(); ++i) s << route_block(routes[i], i) << "\n";
  if (response.contains("pareto") && response["pareto"]["truncated"].get<bool>())
    s << "Note: the Pareto search hit its label limit; the set may be incomplete.\n";
  return s.str();
}

std::string compare_table(const json& response) {
  std::ostringstream s;
  s << header(response["query"]) << "\n";
  const auto& all = response["variants"];
  // The table's columns: the variants with a route (all of them when none has one); the others
  // are listed under it with the reason.
  json vs = json::array();
  for (const auto& v : all)
    if (v.contains("route")) vs.push_back(v);
  if (vs.empty()) vs = all;
  const std::size_t w0 = 18, w = 30;
  auto row = [&](const std::string& label, auto cell) {
    s << pad(label, w0);
    for (const auto& v : vs) s << pad(v.contains("route") ? cell(v["route"]) : std::string("-"), w);
    s << "\n";
  };
  s << pad("", w0);
  // Columns are headed by the variant's id (short, never cut); the key below gives the names.
  for (const auto& v : vs) s << pad(short_name(v["id"].get<std::string>(), w - 2), w);
  s << "\n";
  row("cost USD", [](const json& r) { return text::thousands(r["cost_usd"].get<double>()); });
  // With --landed-cost the variants are ranked by it; ">=" marks a lower bound (unknown parts).
  const bool landed = std::any_of(vs.begin(), vs.end(), [](const json& v) {
    return v.contains("route") && v["route"].contains("landed_cost");
  });
  if (landed)
    row("landed USD", [](const json& r) {
      const auto& lc = r["landed_cost"];
      const double low = lc["landed_cost_usd"].get<double>();
      const double high = lc.value("landed_cost_usd_high", low);
      return (lc["complete"].get<bool>() ? "" : ">=") + text::money_range(low, high);
    });
  row("days", [](const json& r) { return text::format_number(r["days"].get<double>(), 1); });
  row("t CO2",
      [](const json& r) { return text::format_number(r["co2_kg"].get<double>() / 1000, 1); });
  row("risk",
      [](const json& r) { return text::format_number(100 * r["risk"].get<double>(), 1) + "%"; });
  row("km", [](const json& r) { return text::thousands(r["km"].get<double>()); });
  row("countries", [](const json& r) { return join_list(r["countries"], ">"); });
  row("border crossings",
      [](const json& r) { return std::to_string(r["border_crossings"].size()); });
  row("gauge breaks", [](const json& r) { return std::to_string(r["gauge_breaks"].size()); });
  row("transshipments",
      [](const json& r) { return std::to_string(r["transshipments"].get<int>()); });
  row("ferries", [](const json& r) { return std::to_string(r["ferries"].size()); });
  row("chokepoints", [](const json& r) { return join_list(r["chokepoints"], ","); });
  // The regimes each corridor meets: how many, the issuers, and how many have unknown figures.
  row("regimes", [](const json& r) {
    if (!r.contains("policy_exposure") || r["policy_exposure"].empty()) return std::string("none");
    std::vector<std::string> issuers;
    int unknown = 0;
    for (const auto& e : r["policy_exposure"]) {
      const auto i = e["issuer"].get<std::string>();
      if (std::find(issuers.begin(), issuers.end(), i) == issuers.end()) issuers.push_back(i);
      unknown += e["known"].get<bool>() ? 0 : 1;
    }
    return std::to_string(r["policy_exposure"].size()) + " " + text::join(issuers, ",") +
           (unknown ? " (" + std::to_string(unknown) + " unknown)" : std::string());
  });
  s << "\n";
  s << "Columns: ";
  {
    std::vector<std::string> key;
    for (const auto& v : vs)
      key.push_back(v["id"].get<std::string>() + " = " + v["name"].get<std::string>());
    s << text::join(key, "; ") << "\n";
  }
  {
    std::vector<std::string> none;
    for (const auto& v : all)
      if (!v.contains("route")) none.push_back(v["id"].get<std::string>());
    if (!none.empty() && none.size() < all.size())
      s << "No route (reasons below): " << text::join(none, ", ") << "\n";
  }
  // Variants whose routes came out identical are shown once, with every name.
  for (const auto& v : all)
    if (v.contains("same_route_as")) {
      std::vector<std::string> names;
      for (const auto& o : v["same_route_as"]) names.push_back(o["name"].get<std::string>());
      s << "Same route: " << v["name"].get<std::string>() << " = " << text::join(names, " = ")
        << " (shown once)\n";
    }
  for (const auto& v : all) {
    std::string title = v["name"].get<std::string>();
    if (v.contains("same_route_as"))
      for (const auto& o : v["same_route_as"]) title += " = " + o["name"].get<std::string>();
    s << "== " << title << " ==\n";
    if (v.contains("route"))
      s << route_block(v["route"], 0);
    else
      s << "No route: " << v["no_route_reason"].get<std::string>() << "\n";
    s << "\n";
  }
  return s.str();
}

std::string why_not_text(const json& r) {
  std::ostringstream s;
  s << header(r["query"]) << "\nWhy not via " << r["via_name"].get<std::string>() << "? "
    << r["reason"].get<std::string>() << "\n";
  if (r.contains("chosen")) s << "\nChosen:\n" << route_block(r["chosen"], 0);
  if (r.contains("via_route"))
    s << "\nBest via " << r["via_name"].get<std::string>() << ":\n"
      << route_block(r["via_route"], 0);
  if (r.contains("dominated_by")) s << "\nDominated by:\n" << route_block(r["dominated_by"], 0);
  return s.str();
}

std::string locate_table(const json& r) {
  std::ostringstream s;
  if (r["matches"].empty())
    s << "no location of the network matches '" << r["q"].get<std::string>() << "'\n";
  for (const auto& m : r["matches"]) {
    s << pad(m["id"].get<std::string>(), 20)
      << pad(short_name(m["name"].get<std::string>(), 25), 26)
      << pad(m["country"].get<std::string>(), 4) << pad(m["kind"].get<std::string>(), 17)
      << text::format_number(m["lat"].get<double>(), 3) << ", "
      << text::format_number(m["lon"].get<double>(), 3);
    if (!m["exact"].get<bool>()) s << "   (matched '" << m["matched"].get<std::string>() << "')";
    s << "\n";
  }
  return s.str();
}

std::string info_text(const json& i) {
  std::ostringstream s;
  s << i["name"].get<std::string>() << " (version " << i["version"].get<std::string>() << ")\n";
  s << "  locations: " << i["locations"] << "  links: " << i["links"] << " ("
    << text::thousands(i["link_km"].get<double>()) << " km)  transfers: " << i["transfers"]
    << "  borders: " << i["borders"] << "\n";
  s << "  countries: " << i["countries"] << "  chokepoints: " << i["chokepoints"]
    << "  sources: " << i["sources"] << "  transit rules: " << i["rules"] << "\n";
  s << "  links by mode: " << i["links_by_mode"].dump() << "\n";
  s << "  location kinds: " << i["location_kinds"].dump() << "\n";
  s << "  expanded graph: " << i["graph_nodes"] << " nodes, " << i["graph_arcs"] << " arcs\n";
  // Id columns as wide as their longest id, so that no id runs into its name.
  auto id_width = [](const json& rows) {
    std::size_t w = 0;
    for (const auto& c : rows) w = std::max(w, c["id"].get<std::string>().size());
    return w + 2;
  };
  s << "  corridors:\n";
  const std::size_t cw = id_width(i["corridors"]);
  for (const auto& c : i["corridors"])
    s << "    " << pad(c["id"].get<std::string>(), cw) << c["name"].get<std::string>() << "\n";
  s << "  commodities:\n";
  const std::size_t mw = id_width(i["commodities"]);
  for (const auto& c : i["commodities"])
    s << "    " << pad(c["id"].get<std::string>(), mw)
      << pad("HS " + c["hs"].get<std::string>(), 14) << pad(c["handling"].get<std::string>(), 12)
      << "USD " << text::thousands(c["value_usd_per_t"].get<double>()) << "/t\n";
  return s.str();
}

}  // namespace caravan::api
