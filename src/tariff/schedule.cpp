// Look-ups in a trade schedule: the most specific line wins.
#include "tariff/schedule.h"

#include <algorithm>

#include "tariff/hs_code.h"

namespace caravan::tariff {

const ImportRegime* Schedule::regime(std::string_view country) const {
  for (const auto& r : regimes)
    if (r.country == country) return &r;
  return nullptr;
}

std::string Schedule::union_of(std::string_view country) const {
  const auto* r = regime(country);
  return r ? r->union_code : std::string();
}

namespace {
// Higher is more specific: who (exact country 2, union 1), then HS prefix length.
template <class Line, class Who>
const Line* most_specific(const std::vector<Line>& lines, Who who_score, std::string_view hs) {
  const Line* best = nullptr;
  int best_score = -1;
  for (const auto& l : lines) {
    const int w = who_score(l);
    if (w < 0 || !hs_matches(l.hs_prefix, hs)) continue;
    const int len = l.hs_prefix == "*" ? 0 : static_cast<int>(l.hs_prefix.size());
    const int score = w * 100 + len;
    if (score > best_score) {
      best_score = score;
      best = &l;
    }
  }
  return best;
}
}  // namespace

const DutyLine* Schedule::line(std::string_view importer, std::string_view origin,
                               std::string_view hs, LineKind kind) const {
  const std::string iu = union_of(importer), ou = union_of(origin);
  auto importer_score = [&](const DutyLine& l) {
    if (l.kind != kind) return -1;
    if (l.importer == importer) return 1;
    if (!iu.empty() && l.importer == iu) return 0;
    return -1;
  };
  // Origin first: the country's own preference, then its union's, then MFN.
  for (int pass = 0; pass < 3; ++pass) {
    const DutyLine* best = most_specific<DutyLine>(
        lines,
        [&](const DutyLine& l) {
          const bool origin_ok = pass == 0   ? l.origin == origin
                                 : pass == 1 ? (!ou.empty() && l.origin == ou)
                                             : l.origin == "*";
          return origin_ok ? importer_score(l) : -1;
        },
        hs);
    if (best) return best;
  }
  return nullptr;
}

const ExportLine* Schedule::export_line(std::string_view exporter, std::string_view hs) const {
  const std::string u = union_of(exporter);
  return most_specific<ExportLine>(
      exports,
      [&](const ExportLine& l) {
        if (l.exporter == exporter) return 1;
        if (!u.empty() && l.exporter == u) return 0;
        return -1;
      },
      hs);
}

const TransitCharge* Schedule::transit_charge(std::string_view country, std::string_view origin,
                                              const std::vector<std::string>& modes) const {
  const std::string cu = union_of(country), ou = union_of(origin);
  auto used = [&](const std::string& m) {
    return std::find(modes.begin(), modes.end(), m) != modes.end();
  };
  const TransitCharge* best = nullptr;
  int best_score = -1;
  for (const auto& t : transit) {
    int who = t.country == country ? 2 : (!cu.empty() && t.country == cu ? 1 : -1);
    if (who < 0) continue;
    int from =
        t.origin == origin ? 3 : (!ou.empty() && t.origin == ou ? 2 : (t.origin == "*" ? 1 : -1));
    if (from < 0) continue;
    const int how = t.via.empty() ? 0 : (std::any_of(t.via.begin(), t.via.end(), used) ? 1 : -1);
    if (how < 0) continue;
    const int score = from * 100 + who * 10 + how;
    if (score > best_score) {
      best_score = score;
      best = &t;
    }
  }
  return best;
}

const FxRate* Schedule::fx_rate(std::string_view currency) const {
  for (const auto& f : fx)
    if (f.currency == currency) return &f;
  return nullptr;
}

const Parameter* Schedule::parameter(std::string_view key) const {
  for (const auto& p : parameters)
    if (p.name == key) return &p;
  return nullptr;
}

const SourceInfo* Schedule::source(std::string_view id) const {
  for (const auto& s : sources)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace caravan::tariff
