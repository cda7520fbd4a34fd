// The network folder writer.
#include "io/network_writer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text.h"
#include "io/csv.h"

namespace caravan::io {

namespace nw = caravan::network;

namespace {

std::string refs(const nw::Tables& t, const nw::Provenance& p) {
  std::vector<std::string> out;
  for (const auto& r : p.sources) out.push_back(r.field + ":" + t.sources[r.source.value].id);
  return text::join(out, "|");
}

std::string num(double v) { return text::compact(v); }
std::string opt(const std::optional<double>& v) { return v ? num(*v) : std::string(); }

Status write_file(const std::string& dir, const std::string& name, const std::string& text) {
  const auto path = (std::filesystem::path(dir) / name).string();
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) return make_error(ErrorCode::Io, path + ": cannot write");
  return Ok{};
}

std::string row(const std::vector<std::string>& cells) {
  std::vector<std::string> esc;
  for (const auto& c : cells) esc.push_back(csv_escape(c));
  return text::join(esc, ",") + "\n";
}

}  // namespace

Status write_network(const nw::Tables& t, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error(ErrorCode::Io, dir + ": cannot create the folder: " + ec.message());
  std::string s = "id,title,publisher,url,date,reliability,note\n";
  for (const auto& x : t.sources)
    s += row({x.id, x.title, x.publisher, x.url, x.date, x.reliability, x.note});
  if (auto r = write_file(dir, "sources.csv", s); !r) return r;
  s = "iso2,name,disruption_probability,sources\n";
  for (const auto& c : t.countries)
    s += row({c.iso2, c.name, num(c.disruption_probability), refs(t, c.prov)});
  if (auto r = write_file(dir, "countries.csv", s); !r) return r;
  s = "id,name,disruption_probability,sources\n";
  for (const auto& c : t.chokepoints)
    s += row({c.id, c.name, num(c.disruption_probability), refs(t, c.prov)});
  if (auto r = write_file(dir, "chokepoints.csv", s); !r) return r;
  s = "id,name,g_co2e_per_tkm,sources\n";
  for (const auto& e : t.emission_classes)
    s += row({e.id, e.name, num(e.g_co2e_per_tkm), refs(t, e.prov)});
  if (auto r = write_file(dir, "emission_classes.csv", s); !r) return r;
  s = "id,name,aliases,country,lat,lon,kind,disruption_probability,sources\n";
  for (const auto& l : t.locations)
    s += row({l.id, l.name, text::join(l.aliases, "|"), t.countries[l.country.value].iso2,
              text::format_number(l.pos.lat, 7), text::format_number(l.pos.lon, 7),
              std::string(nw::name(l.kind)), num(l.disruption_probability), refs(t, l.prov)});
  if (auto r = write_file(dir, "locations.csv", s); !r) return r;
  s = "id,name,hs,handling,value_usd_per_t,tonnes_per_teu,sources\n";
  for (const auto& c : t.commodities) {
    // A figure left at its default in the source file has no source: written empty again.
    const bool sourced = std::any_of(c.prov.sources.begin(), c.prov.sources.end(), [](auto& r) {
      return r.field == "tonnes_per_teu" || r.field == "*";
    });
    s += row({c.id, c.name, c.hs, std::string(nw::name(c.handling)), num(c.value_usd_per_t),
              sourced ? num(c.tonnes_per_teu) : "", refs(t, c.prov)});
  }
  if (auto r = write_file(dir, "commodities.csv", s); !r) return r;
  s = "id,from,to,mode,gauge_mm,km,speed_kmh,hours,handling,tariff_usd_per_tkm,tariff_usd_per_teu,"
      "fixed_usd,capacity_tpy,capacity_teu_py,emission_class,countries,chokepoints,closed_months,"
      "oneway,sources\n";
  for (const auto& k : t.links) {
    std::vector<std::string> handling, countries, chokepoints;
    for (int h = 0; h < nw::kHandlingCount; ++h)
      if (k.carries(static_cast<nw::Handling>(h)))
        handling.emplace_back(nw::name(static_cast<nw::Handling>(h)));
    for (auto c : k.countries) countries.push_back(t.countries[c.value].iso2);
    for (auto c : k.chokepoints) chokepoints.push_back(t.chokepoints[c.value].id);
    s += row({k.id,
              t.locations[k.from.value].id,
              t.locations[k.to.value].id,
              std::string(nw::name(k.mode)),
              k.gauge_mm ? std::to_string(k.gauge_mm) : "",
              text::format_number(k.km.value, 3),
              "",
              text::format_number(k.hours.value, 4),
              text::join(handling, "|"),
              opt(k.usd_per_tkm),
              opt(k.usd_per_teu),
              k.fixed_usd ? num(k.fixed_usd) : "",
              opt(k.capacity_tpy),
              opt(k.capacity_teu_py),
              t.emission_classes[k.emission_class].id,
              text::join(countries, "|"),
              text::join(chokepoints, "|"),
              "",
              k.oneway ? "yes" : "",
              refs(t, k.prov)});
  }
  if (auto r = write_file(dir, "links.csv", s); !r) return r;
  if (auto r = write_file(dir, "transfers.csv",
                          "location,from_layer,to_layer,handling,usd_per_t,usd_per_teu,fixed_usd,"
                          "hours_min,hours_mode,hours_max,sources\n");
      !r)
    return r;
  if (auto r = write_file(dir, "borders.csv",
                          "from,to,fee_usd,fee_usd_per_teu,fee_usd_per_t,hours_min,hours_mode,"
                          "hours_max,sources\n");
      !r)
    return r;
  nlohmann::json j = {{"name", t.name},
                      {"version", t.version},
                      {"description", t.description},
                      {"carrying_rate_per_year", t.carrying_rate_per_year}};
  for (const auto& r : t.parameters_prov.sources)
    j["carrying_rate_source"] = t.sources[r.source.value].id;
  return write_file(dir, "network.json", j.dump(2) + "\n");
}

}  // namespace caravan::io
