// Text renderings of landed costs, the processing comparison and deals, from their JSON.
#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "api/trade_codec.h"
#include "core/text.h"

namespace caravan::api {
using nlohmann::json;

namespace {

// Whether a low..high pair prints as two amounts (a fee of cents does not make a range).
bool printed_apart(double low, double high) {
  return text::money_range(low, high).find("..") != std::string::npos;
}

// "26,661 to 33,921", or one amount when both ends print the same.
std::string amount(double low, double high) {
  return printed_apart(low, high) ? text::money(low) + " to " + text::money(high)
                                  : text::money(low);
}

}  // namespace

std::string landed_table(const json& response) {
  std::ostringstream o;
  auto one = [&](const std::string& label, const json& route) {
    if (!route.contains("landed_cost")) return;
    const auto& lc = route["landed_cost"];
    const double low = lc["landed_cost_usd"].get<double>();
    const double high = lc.value("landed_cost_usd_high", low);
    o << label << route.value("summary", std::string()) << "\n  landed cost USD "
      << amount(low, high) << " (" << lc["incoterm"].get<std::string>() << ": seller USD "
      << text::thousands(lc["seller_costs_usd"].get<double>()) << ", buyer USD "
      << text::thousands(lc["buyer_costs_usd"].get<double>()) << ", goods USD "
      << text::thousands(lc["goods_value_usd"].get<double>()) << ")";
    if (lc.contains("landed_cost_local"))
      o << " = " << lc["currency"].get<std::string>() << " "
        << text::thousands(lc["landed_cost_local"].get<double>()) << " at "
        << lc["fx_date"].get<std::string>() << " rates";
    o << "\n";
    for (const auto& c : lc["components"]) {
      // Zero freight parts are left out; duties and VAT are shown even when free.
      const auto name = c["name"].get<std::string>();
      if (c["known"].get<bool>() && c["usd"].get<double>() == 0.0 && !c.contains("usd_high") &&
          name != "import_duty" && name != "export_duty" && name != "import_vat")
        continue;
      o << "    " << c["name"].get<std::string>()
        << std::string(28 - std::min<std::size_t>(27, c["name"].get<std::string>().size()), ' ')
        << (!c["known"].get<bool>()
                ? std::string("unknown")
                : text::money_range(c["usd"].get<double>(),
                                    c.value("usd_high", c["usd"].get<double>())))
        << (c.value("counted", true) ? "" : " (not counted)") << "  "
        << c["payer"].get<std::string>() << "  " << c["detail"].get<std::string>() << "\n";
    }
    if (printed_apart(low, high))
      o << "  range: figures given as ranges in the schedule put the total between the two "
           "amounts\n";
    if (!lc["missing"].empty())
      o << "  incomplete: " << lc["missing"].size()
        << " component(s) unknown (see above); the total is a lower bound\n";
    for (const auto& n : lc["notes"]) o << "  note: " << n.get<std::string>() << "\n";
  };
  if (response.contains("routes"))
    for (std::size_t i = 0; i < response["routes"].size(); ++i)
      one("#" + std::to_string(i + 1) + " ", response["routes"][i]);
  if (response.contains("variants"))
    for (const auto& v : response["variants"])
      if (v.contains("route")) one(v["id"].get<std::string>() + ": ", v["route"]);
  return o.str();
}

std::string processing_text(const json& r) {
  std::ostringstream o;
  const auto& q = r["query"];
  o << "Per tonne of " << q["product"].get<std::string>() << " delivered to "
    << q["to"].get<std::string>() << " ("
    << text::format_number(r["chain"]["input_t_per_product_t"].get<double>(), 3) << " t of "
    << q["input"].get<std::string>() << " per t):\n";
  for (const auto& opt : r["options"]) {
    o << "  " << opt["id"].get<std::string>() << ": " << opt["description"].get<std::string>()
      << "\n    shipped " << text::format_number(opt["shipped_tonnes"].get<double>(), 1) << " t of "
      << opt["shipped_commodity"].get<std::string>() << "; USD "
      << amount(opt["cost_usd_per_t_product"].get<double>(),
                opt["cost_usd_per_t_product_high"].get<double>())
      << " per t of product" << (opt["complete"].get<bool>() ? "" : " (lower bound)") << "\n";
    for (const auto& m : opt["missing"]) o << "    missing: " << m.get<std::string>() << "\n";
  }
  const double be = r["break_even_processing_premium_usd_per_t"].get<double>();
  if (be >= 0)
    o << "Processing at the origin is cheaper while it costs less than USD " << text::thousands(be)
      << " per t more than at the destination.\n";
  else
    o << "Processing at the origin is cheaper only if it costs at least USD "
      << text::thousands(-be) << " per t less than at the destination.\n";
  if (const auto& range = r["break_even_processing_premium_usd_per_t_range"];
      printed_apart(range[0].get<double>(), range[1].get<double>()))
    o << "With the schedule's range figures at opposite ends, that premium lies between USD "
      << text::thousands(range[0].get<double>()) << " and "
      << text::thousands(range[1].get<double>()) << " per t.\n";
  return o.str();
}

std::string deal_table(const json& r) {
  std::ostringstream o;
  o << "corridor          landed USD/t   margin USD/t   annual margin USD   subsidy to match "
       "best\n";
  for (const auto& c : r["corridors"]) {
    std::string id = c["id"].get<std::string>();
    id.resize(18, ' ');
    if (!c.contains("landed_cost_usd_per_t")) {
      o << id << "no route: " << c["no_route_reason"].get<std::string>() << "\n";
      continue;
    }
    char line[160];
    std::snprintf(line, sizeof line, "%s%12s   %12s   %17s   %12s%s", id.c_str(),
                  text::thousands(c["landed_cost_usd_per_t"].get<double>()).c_str(),
                  text::thousands(c["margin_usd_per_t"].get<double>()).c_str(),
                  text::thousands(c["annual_margin_usd"].get<double>()).c_str(),
                  text::thousands(c["subsidy_usd_per_t_to_match_best"].get<double>()).c_str(),
                  c["complete"].get<bool>() ? "" : "  (incomplete)");
    o << line;
    if (printed_apart(c["landed_cost_usd_per_t"].get<double>(),
                      c["landed_cost_usd_per_t_high"].get<double>()))
      o << "  (range: landed up to "
        << text::thousands(c["landed_cost_usd_per_t_high"].get<double>()) << ")";
    o << "\n";
  }
  return o.str();
}

std::string markets_table(const json& r) {
  std::ostringstream s;
  const auto& q = r["query"];
  s << "Markets for " << text::thousands(q["tonnes"].get<double>()) << " t "
    << q["commodity"].get<std::string>() << " from " << q["from_name"].get<std::string>() << " ("
    << q["incoterm"].get<std::string>()
    << (q["vat_recoverable"].get<bool>() ? ", import VAT recovered by the buyer" : "")
    << "), best first:\n";
  s << "  " << std::left << std::setw(7) << "market" << std::setw(22) << "delivered to"
    << std::right << std::setw(14) << "freight+duty" << std::setw(14) << "landed" << std::setw(12)
    << "price" << std::setw(14) << "netback"
    << "  route\n";
  s << "  " << std::left << std::setw(7) << "" << std::setw(22) << "" << std::right << std::setw(14)
    << "USD/t" << std::setw(14) << "USD/t" << std::setw(12) << "USD/t" << std::setw(14) << "USD/t"
    << "\n";
  bool partial = false;
  for (const auto& m : r["markets"]) {
    s << "  " << std::left << std::setw(7) << m["market"].get<std::string>();
    if (m["route"].is_null()) {
      s << "no route: " << m["no_route_reason"].get<std::string>() << "\n";
      continue;
    }
    const bool complete = m["complete"].get<bool>();
    partial = partial || !complete;
    auto money = [&](const json& v) {
      return (complete ? "" : ">=") + text::thousands(v.get<double>());
    };
    std::string name = m["destination_name"].get<std::string>();
    if (name.size() > 21) name = name.substr(0, 20) + "~";
    s << std::setw(22) << name << std::right << std::setw(14)
      << money(m["logistics_and_duties_usd_per_t"]) << std::setw(14)
      << money(m["landed_cost_usd_per_t"]) << std::setw(12)
      << (m.contains("price_usd_per_t") ? text::thousands(m["price_usd_per_t"].get<double>()) : "-")
      << std::setw(14)
      << (m.contains("netback_usd_per_t")
              ? (complete ? "" : "<=") + text::thousands(m["netback_usd_per_t"].get<double>())
              : std::string("-"))
      << "  " << m["route"]["summary"].get<std::string>() << "\n";
  }
  if (partial)
    s << "  >= / <=: some duty or tax of that market is unknown in the tariff data (not counted)\n";
  s << "  netback = price - (landed cost - goods value) per tonne: what the sale pays at the mine "
       "gate\n";
  return s.str();
}

}  // namespace caravan::api
