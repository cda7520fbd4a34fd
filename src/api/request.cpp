// Request parsing shared by the CLI and the HTTP server.
#include "api/request.h"

#include "core/date.h"
#include "core/text.h"
#include "network/locate.h"
#include "tariff/hs_code.h"
#include "trade/landed_route.h"

namespace caravan::api {
Error field_error(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::InvalidRequest, "field '" + field + "': " + message, field);
}

Result<bool> take_bool(nlohmann::json& request, const std::string& key, bool fallback) {
  if (!request.contains(key)) return fallback;
  if (!request[key].is_boolean()) return field_error(key, "expected true or false");
  const bool v = request[key].get<bool>();
  request.erase(key);
  return v;
}

namespace {
const char* type_name(const nlohmann::json& v) { return v.type_name(); }
}  // namespace

bool Fields::has(const std::string& k) const {
  return j_.is_object() && j_.contains(k) && !j_[k].is_null();
}

Result<std::string> Fields::str(const std::string& k) {
  read_.insert(k);
  if (!has(k)) return field_error(k, "is required");
  if (!j_[k].is_string())
    return field_error(k, std::string("expected a string, found ") + type_name(j_[k]));
  return j_[k].get<std::string>();
}

Result<std::optional<std::string>> Fields::opt_str(const std::string& k) {
  read_.insert(k);
  if (!has(k)) return std::optional<std::string>{};
  if (!j_[k].is_string())
    return field_error(k, std::string("expected a string, found ") + type_name(j_[k]));
  return std::optional<std::string>{j_[k].get<std::string>()};
}

Result<std::optional<double>> Fields::opt_num(const std::string& k, double min, double max) {
  read_.insert(k);
  if (!has(k)) return std::optional<double>{};
  const auto& v = j_[k];
  double d = 0;
  if (v.is_number())
    d = v.get<double>();
  else if (v.is_string()) {
    auto p = text::parse_double(v.get<std::string>());
    if (!p) return field_error(k, "expected a number, found '" + v.get<std::string>() + "'");
    d = *p;
  } else {
    return field_error(k, std::string("expected a number, found ") + type_name(v));
  }
  if (!(d >= min && d <= max))
    return field_error(k, "value " + text::compact(d) + " is out of range [" + text::compact(min) +
                              ", " + text::compact(max) + "]");
  return std::optional<double>{d};
}

Result<std::optional<int>> Fields::opt_int(const std::string& k, int min, int max) {
  auto d = opt_num(k, min, max);
  if (!d) return d.error();
  if (!*d) return std::optional<int>{};
  if (**d != static_cast<double>(static_cast<int>(**d)))
    return field_error(k, "expected a whole number");
  return std::optional<int>{static_cast<int>(**d)};
}

Result<bool> Fields::flag(const std::string& k) {
  read_.insert(k);
  if (!has(k)) return false;
  if (!j_[k].is_boolean())
    return field_error(k, std::string("expected true or false, found ") + type_name(j_[k]));
  return j_[k].get<bool>();
}

Result<std::vector<std::string>> Fields::list(const std::string& k) {
  read_.insert(k);
  std::vector<std::string> out;
  if (!has(k)) return out;
  const auto& v = j_[k];
  if (v.is_string()) {
    for (auto& s : text::split(v.get<std::string>(), ','))
      if (!s.empty()) out.push_back(s);
    return out;
  }
  if (!v.is_array())
    return field_error(k, std::string("expected a list of strings, found ") + type_name(v));
  for (const auto& e : v) {
    if (!e.is_string())
      return field_error(
          k, std::string("expected a list of strings, found an element of type ") + type_name(e));
    out.push_back(e.get<std::string>());
  }
  return out;
}

const nlohmann::json* Fields::value(const std::string& k) {
  read_.insert(k);
  return has(k) ? &j_[k] : nullptr;
}

Status Fields::no_unknown() const {
  if (!j_.is_object())
    return make_error(ErrorCode::InvalidRequest, "the request must be a JSON object");
  for (auto it = j_.begin(); it != j_.end(); ++it)
    if (!read_.count(it.key())) {
      std::vector<std::string> known(read_.begin(), read_.end());
      return field_error(it.key(), "unknown field (known: " + text::join(known, ", ") + ")");
    }
  return Ok{};
}

Result<std::vector<CountryId>> parse_countries(const network::Network& net,
                                               const std::vector<std::string>& codes,
                                               const std::string& field) {
  std::vector<CountryId> out;
  for (const auto& c : codes) {
    std::string up;
    for (char ch : c) up += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    auto id = net.find_country(up);
    if (!id) {
      std::vector<std::string> all;
      for (const auto& k : net.tables().countries) all.push_back(k.iso2);
      return field_error(
          field, "unknown country '" + c +
                     "' (expected an ISO code in the network: " + text::join(all, " ") + ")");
    }
    out.push_back(*id);
  }
  return out;
}

Result<route::PlanRequest> parse_plan_request(const network::Network& net, Fields& f,
                                              const Limits& limits) {
  route::PlanRequest r;
  CARAVAN_TRY(from, f.str("from"));
  CARAVAN_TRY(to, f.str("to"));
  auto from_id = network::resolve_location(net, from, "from");
  if (!from_id) return from_id.error();
  auto to_id = network::resolve_location(net, to, "to");
  if (!to_id) return to_id.error();
  r.query.from = *from_id;
  r.query.to = *to_id;

  CARAVAN_TRY(commodity, f.opt_str("commodity"));
  CARAVAN_TRY(tonnes, f.opt_num("tonnes", 1e-9, 1e9));
  CARAVAN_TRY(teu, f.opt_num("teu", 1e-9, 1e7));
  CARAVAN_TRY(value, f.opt_num("value_usd", 0, 1e13));
  // An HS code instead of a commodity (or chosen from a description): the catalogue commodity
  // of that code, else general cargo at the declared value.
  CARAVAN_TRY(hs_text, f.opt_str("hs"));
  std::string hs;
  if (hs_text) {
    CARAVAN_TRY(norm, tariff::normalize_hs(*hs_text, "hs"));
    hs = norm;
    if (!commodity) {
      commodity = trade::commodity_for_hs(net, hs);
      if (!commodity && !value)
        return field_error("value_usd", "HS " + *hs_text +
                                            " matches no catalogue commodity: give the goods' "
                                            "value (--value-usd)");
    }
  }
  auto shipment =
      cost::make_shipment(net, commodity.value_or("general-container"), tonnes, teu, value);
  if (!shipment) return shipment.error();
  r.shipment = *shipment;
  if (!hs.empty()) r.shipment.hs = hs;
  r.query.hs = r.shipment.hs;

  CARAVAN_TRY(objective, f.opt_str("objective"));
  if (objective) {
    auto o = route::parse_objective(*objective);
    if (!o)
      return field_error("objective", "unknown objective '" + *objective +
                                          "' (expected cost, time, co2, risk, generalized)");
    r.query.objective = *o;
  }
  CARAVAN_TRY(month, f.opt_int("month", 1, 12));
  r.params.month = month.value_or(0);
  CARAVAN_TRY(depart, f.opt_str("depart"));
  if (depart) {
    const auto d = parse_date(*depart);
    if (!d) return field_error("depart", "expected a date YYYY-MM-DD, found '" + *depart + "'");
    const Date as_of = net.tables().as_of;
    if (d->day > as_of.day + 2 * 366 || d->day < as_of.day - 10 * 366)
      return field_error("depart", "the network describes " + format_date(as_of) +
                                       " (network.json as_of); no regime, tariff or closure "
                                       "figure is dated near " +
                                       *depart +
                                       " (give a date within 10 years before and 2 "
                                       "years after)");
    if (month && *month != month_of(*d))
      return field_error("month", "month " + std::to_string(*month) + " disagrees with depart " +
                                      *depart + " (give one of them)");
    r.query.depart = *d;
    r.params.month = month_of(*d);
  } else if (month) {
    r.query.depart = route::departure_in_month(net, *month);  // the shorthand: the 1st
  }
  for (const char* party : {"seller", "buyer", "carrier"}) {
    CARAVAN_TRY(code, f.opt_str(party));
    if (!code) continue;
    std::string up;
    for (char ch : *code) up += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (!is_iso3166_alpha2(up))
      return field_error(party, "'" + *code + "' is not an ISO 3166-1 alpha-2 country code");
    (std::string(party) == "seller"  ? r.query.parties.seller
     : std::string(party) == "buyer" ? r.query.parties.buyer
                                     : r.query.parties.carrier) = up;
  }
  CARAVAN_TRY(ignore_policies, f.flag("ignore_policies"));
  r.query.constraints.ignore_policies = ignore_policies;
  CARAVAN_TRY(waive, f.list("waive"));
  for (const auto& id : waive) {
    const auto& all = net.tables().policies;
    if (std::none_of(all.begin(), all.end(), [&](const network::Policy& p) { return p.id == id; }))
      return field_error("waive", "no regime '" + id + "' in the network's policies.csv");
    r.query.constraints.waived_policies.push_back(id);
  }
  CARAVAN_TRY(rate, f.opt_num("carrying_rate", 0, 1));
  r.params.carrying_rate_per_year = rate.value_or(net.tables().carrying_rate_per_year);
  CARAVAN_TRY(vot, f.opt_num("value_of_time_usd_per_hour", 0, 1e9));
  r.query.value_of_time_usd_per_hour =
      vot.value_or(cost::default_value_of_time_usd_per_hour(r.shipment));

  auto& c = r.query.constraints;
  CARAVAN_TRY(avoid, f.list("avoid"));
  for (const auto& a : avoid) {
    if (text::trim(a).empty())
      return field_error("avoid", "an empty name: give countries, places, modes or chokepoints");
    std::string up;
    for (char ch : a) up += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::string low = text::fold(a);
    if (auto country = net.find_country(up); country && a.size() == 2)
      c.avoid_countries.push_back(*country);
    else if (auto mode = network::parse_mode(low))
      c.avoid_modes.push_back(*mode);
    else if (auto ch = net.find_chokepoint(low))
      c.avoid_chokepoints.push_back(*ch);
    else {
      bool found = false;
      for (std::uint32_t i = 0; i < net.tables().chokepoints.size() && !found; ++i)
        if (text::fold(net.tables().chokepoints[i].name) == low) {
          c.avoid_chokepoints.push_back(ChokepointId{i});
          found = true;
        }
      if (!found) {
        auto loc = network::resolve_location(net, a, "avoid");
        if (!loc) {
          return make_error(
              loc.error().code,
              "field 'avoid': '" + a +
                  "' is not a country code, mode, chokepoint or location: " + loc.error().message,
              "avoid");
        }
        c.avoid_locations.push_back(*loc);
      }
    }
  }
  CARAVAN_TRY(via, f.list("via"));
  for (const auto& v : via) {
    auto loc = network::resolve_location(net, v, "via");
    if (!loc) return loc.error();
    c.via.push_back(*loc);
  }
  CARAVAN_TRY(max_ts, f.opt_int("max_transshipments", 0, 50));
  c.max_transshipments = max_ts;
  CARAVAN_TRY(rules, f.list("forbid_transit"));
  for (const auto& rule : rules) {
    const auto colon = rule.find(':');
    if (colon == std::string::npos)
      return field_error("forbid_transit",
                         "expected HS_PREFIX:COUNTRY such as 2846:CN, found '" + rule + "'");
    const std::string prefix = rule.substr(0, colon);
    auto digits = network::parse_hs_prefix(prefix);
    if (!digits)
      return field_error(
          "forbid_transit",
          "expected an HS prefix of digits (or *) before ':', found '" + prefix + "'");
    auto country = parse_countries(net, {rule.substr(colon + 1)}, "forbid_transit");
    if (!country) return country.error();
    c.transit_rules.push_back(route::TransitRule{*digits, country->front(), "request"});
  }
  CARAVAN_TRY(ignore_rules, f.flag("ignore_network_rules"));
  c.ignore_network_rules = ignore_rules;
  CARAVAN_TRY(alternatives, f.opt_int("alternatives", 1, limits.max_alternatives));
  r.alternatives = alternatives.value_or(1);
  CARAVAN_TRY(pareto, f.flag("pareto"));
  r.pareto = pareto;
  if (r.pareto && r.alternatives > 1)
    return make_error(ErrorCode::Unsatisfiable,
                      "ask for alternatives or for the Pareto set, not both", "pareto");
  r.max_labels = limits.max_labels;
  return r;
}

}  // namespace caravan::api
