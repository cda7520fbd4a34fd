// Medians of link figures.
#include "network/link_medians.h"

#include <algorithm>
#include <map>
#include <vector>

namespace caravan::network {

namespace {
double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
}  // namespace

LinkMedians link_medians(std::span<const Link> links, Mode mode, int gauge_mm, CountryId country) {
  std::vector<double> kmh, tkm, teu;
  std::map<std::uint32_t, int> classes;
  LinkMedians m;
  for (const auto& l : links) {
    if (l.mode != mode || l.estimated || l.km.value <= 0) continue;
    if (gauge_mm != 0 && l.gauge_mm != gauge_mm) continue;
    if (country.valid() &&
        std::find(l.countries.begin(), l.countries.end(), country) == l.countries.end())
      continue;
    ++m.links;
    if (l.hours.value > 0) kmh.push_back(l.km.value / l.hours.value);
    if (l.usd_per_tkm) tkm.push_back(*l.usd_per_tkm);
    if (l.usd_per_teu) teu.push_back(*l.usd_per_teu / l.km.value);
    ++classes[l.emission_class];
  }
  if (m.links == 0) return m;
  m.kmh = median(kmh);
  m.usd_per_tkm = median(tkm);
  m.usd_per_teu_km = median(teu);
  m.emission_class = std::max_element(classes.begin(), classes.end(), [](auto& a, auto& b) {
                       return a.second < b.second;
                     })->first;
  return m;
}

}  // namespace caravan::network
