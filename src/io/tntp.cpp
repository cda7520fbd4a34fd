#include "io/tntp.h"

#include <filesystem>
#include <map>

#include "core/text.h"
#include "io/csv.h"

namespace caravan::io {
namespace {

Error data_error(const std::string& file, int line, const std::string& what) {
  return make_error(ErrorCode::InvalidData, file + ":" + std::to_string(line) + ": " + what);
}

struct Lines {
  std::string_view text;
  std::size_t pos = 0;
  int line = 0;
  bool next(std::string_view& out) {
    if (pos >= text.size()) return false;
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    out = text.substr(pos, end - pos);
    if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
    pos = end + 1;
    ++line;
    return true;
  }
};

std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Reads "<KEY> value" metadata lines up to <END OF METADATA>; leaves `lines` after it.
Result<std::map<std::string, std::string>> metadata(Lines& lines, const std::string& file) {
  std::map<std::string, std::string> meta;
  std::string_view l;
  while (lines.next(l)) {
    const auto t = text::trim(l);
    if (t.empty() || t[0] == '~') continue;
    if (t[0] != '<') return data_error(file, lines.line, "expected a <METADATA> line");
    const auto close = t.find('>');
    if (close == std::string_view::npos) return data_error(file, lines.line, "unclosed '<'");
    const std::string key(t.substr(1, close - 1));
    if (key == "END OF METADATA") return meta;
    meta[key] = std::string(text::trim(t.substr(close + 1)));
  }
  return data_error(file, lines.line, "missing <END OF METADATA>");
}

Result<std::uint32_t> meta_count(const std::map<std::string, std::string>& meta,
                                 const std::string& key, const std::string& file, bool required) {
  const auto it = meta.find(key);
  if (it == meta.end()) {
    if (required) return make_error(ErrorCode::InvalidData, file + ": missing <" + key + ">");
    return 0u;
  }
  const auto v = text::parse_int(text::trim(it->second));
  if (!v || *v < 0)
    return make_error(ErrorCode::InvalidData,
                      file + ": <" + key + "> is not a count: '" + it->second + "'");
  return static_cast<std::uint32_t>(*v);
}

}  // namespace

Result<TntpNetwork> parse_tntp_network(std::string_view text, const std::string& file) {
  Lines lines{text};
  auto meta = metadata(lines, file);
  if (!meta) return meta.error();
  TntpNetwork net;
  auto nodes = meta_count(*meta, "NUMBER OF NODES", file, true);
  if (!nodes) return nodes.error();
  auto zones = meta_count(*meta, "NUMBER OF ZONES", file, true);
  if (!zones) return zones.error();
  auto thru = meta_count(*meta, "FIRST THRU NODE", file, false);
  if (!thru) return thru.error();
  auto declared = meta_count(*meta, "NUMBER OF LINKS", file, false);
  if (!declared) return declared.error();
  net.nodes = *nodes;
  net.zones = *zones;
  net.first_thru_node = *thru == 0 ? 1 : *thru;
  static constexpr const char* kFields[] = {"init_node",      "term_node", "capacity", "length",
                                            "free_flow_time", "b",         "power",    "speed",
                                            "toll",           "link_type"};
  std::string_view l;
  while (lines.next(l)) {
    auto t = text::trim(l);
    if (t.empty() || t[0] == '~') continue;
    if (t.back() == ';') t = text::trim(t.substr(0, t.size() - 1));
    const auto tok = tokens(t);
    if (tok.size() < 7) {
      return data_error(file, lines.line,
                        "field '" + std::string(kFields[tok.size()]) + "': missing (" +
                            std::to_string(tok.size()) + " fields, at least 7 expected)");
    }
    if (tok.size() > 10) return data_error(file, lines.line, "more than 10 fields");
    double v[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    for (std::size_t i = 0; i < tok.size(); ++i) {
      const auto x = text::parse_double(tok[i]);
      if (!x) {
        return data_error(
            file, lines.line,
            "field '" + std::string(kFields[i]) + "': not a number: '" + std::string(tok[i]) + "'");
      }
      if (*x < 0) {
        return data_error(
            file, lines.line,
            "field '" + std::string(kFields[i]) + "': negative value " + std::string(tok[i]));
      }
      v[i] = *x;
    }
    for (int i = 0; i < 2; ++i) {
      if (v[i] < 1 || v[i] > net.nodes || v[i] != static_cast<std::uint32_t>(v[i])) {
        return data_error(file, lines.line,
                          "field '" + std::string(kFields[i]) + "': node " +
                              std::string(tok[static_cast<std::size_t>(i)]) +
                              " does not exist (nodes are 1.." + std::to_string(net.nodes) + ")");
      }
    }
    if (v[2] <= 0 && v[5] > 0)
      return data_error(file, lines.line, "field 'capacity': must be > 0 when b > 0");
    TntpLink k;
    k.from = static_cast<std::uint32_t>(v[0]);
    k.to = static_cast<std::uint32_t>(v[1]);
    k.capacity = v[2];
    k.length = v[3];
    k.free_flow_time = v[4];
    k.b = v[5];
    k.power = v[6];
    k.speed = v[7];
    k.toll = v[8];
    k.type = static_cast<int>(v[9]);
    k.line = lines.line;
    net.links.push_back(k);
  }
  if (*declared != 0 && net.links.size() != *declared) {
    return make_error(ErrorCode::InvalidData, file + ": <NUMBER OF LINKS> says " +
                                                  std::to_string(*declared) + " but " +
                                                  std::to_string(net.links.size()) + " found");
  }
  return net;
}

Result<TntpTrips> parse_tntp_trips(std::string_view text, const std::string& file,
                                   std::uint32_t nodes) {
  Lines lines{text};
  auto meta = metadata(lines, file);
  if (!meta) return meta.error();
  TntpTrips trips;
  auto zones = meta_count(*meta, "NUMBER OF ZONES", file, true);
  if (!zones) return zones.error();
  trips.zones = *zones;
  if (auto it = meta->find("TOTAL OD FLOW"); it != meta->end())
    trips.declared_total = text::parse_double(text::trim(it->second));
  const std::uint32_t limit = nodes != 0 ? nodes : UINT32_MAX;
  auto node = [&](std::string_view s, const char* field) -> Result<std::uint32_t> {
    const auto v = text::parse_int(s);
    if (!v) {
      return data_error(
          file, lines.line,
          std::string("field '") + field + "': not a node number: '" + std::string(s) + "'");
    }
    if (*v < 1 || static_cast<unsigned long>(*v) > limit) {
      return data_error(
          file, lines.line,
          std::string("field '") + field + "': node " + std::string(s) + " does not exist");
    }
    return static_cast<std::uint32_t>(*v);
  };
  std::uint32_t origin = 0;
  std::string_view l;
  while (lines.next(l)) {
    const auto t = text::trim(l);
    if (t.empty() || t[0] == '~') continue;
    if (t.substr(0, 6) == "Origin") {
      const auto tok = tokens(t.substr(6));
      if (tok.size() != 1) return data_error(file, lines.line, "field 'origin': missing");
      auto o = node(tok[0], "origin");
      if (!o) return o.error();
      origin = *o;
      continue;
    }
    if (origin == 0) return data_error(file, lines.line, "destination before any 'Origin' line");
    for (const std::string& entry : text::split(t, ';')) {
      const auto e = text::trim(entry);
      if (e.empty()) continue;
      const auto colon = e.find(':');
      if (colon == std::string_view::npos) {
        return data_error(file, lines.line,
                          "field 'volume': missing in '" + std::string(e) + "' (expected 'd : v')");
      }
      auto d = node(text::trim(e.substr(0, colon)), "destination");
      if (!d) return d.error();
      const auto vol_text = text::trim(e.substr(colon + 1));
      const auto vol = text::parse_double(vol_text);
      if (!vol) {
        return data_error(file, lines.line,
                          "field 'volume': not a number: '" + std::string(vol_text) + "'");
      }
      if (*vol < 0) {
        return data_error(file, lines.line,
                          "field 'volume': negative value " + std::string(vol_text));
      }
      trips.trips.push_back({origin, *d, *vol, lines.line});
    }
  }
  return trips;
}

Result<std::vector<TntpFlow>> parse_tntp_flow(std::string_view text, const std::string& file) {
  Lines lines{text};
  std::vector<TntpFlow> flows;
  std::string_view l;
  static constexpr const char* kFields[] = {"from", "to", "volume", "cost"};
  while (lines.next(l)) {
    auto t = text::trim(l);
    if (t.empty() || t[0] == '~' || t.substr(0, 4) == "From") continue;
    if (t.back() == ';') t = text::trim(t.substr(0, t.size() - 1));
    const auto tok = tokens(t);
    if (tok.size() < 3) {
      return data_error(file, lines.line,
                        "field '" + std::string(kFields[tok.size()]) + "': missing");
    }
    double v[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i < std::min<std::size_t>(tok.size(), 4); ++i) {
      const auto x = text::parse_double(tok[i]);
      if (!x) {
        return data_error(
            file, lines.line,
            "field '" + std::string(kFields[i]) + "': not a number: '" + std::string(tok[i]) + "'");
      }
      v[i] = *x;
    }
    flows.push_back(
        {static_cast<std::uint32_t>(v[0]), static_cast<std::uint32_t>(v[1]), v[2], v[3]});
  }
  return flows;
}

TntpReadme parse_tntp_readme(std::string_view text) {
  TntpReadme r;
  auto number_after = [&](std::string_view key, std::size_t from) -> std::optional<double> {
    const auto at = text.find(key, from);
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t i = at + key.size();
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.' || text[j] == 'e' ||
            text[j] == 'E' || text[j] == '-' || text[j] == '+'))
      ++j;
    while (j > i && text[j - 1] == '.') --j;  // a sentence's full stop
    return text::parse_double(text.substr(i, j - i));
  };
  r.objective = number_after("Optimal objective function value:", 0);
  const auto weights = text.find("Generalized Cost Weights");
  if (weights != std::string_view::npos) {
    r.toll_factor = number_after("Toll:", weights).value_or(0.0);
    r.distance_factor = number_after("Distance:", weights).value_or(0.0);
  }
  return r;
}

Result<TntpInstance> read_tntp(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return make_error(ErrorCode::NotFound, dir + ": not a folder", "tntp");
  std::string net_path;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string f = e.path().filename().string();
    if (f.size() > 9 && f.substr(f.size() - 9) == "_net.tntp") net_path = e.path().string();
  }
  if (net_path.empty())
    return make_error(ErrorCode::NotFound, dir + ": no *_net.tntp file", "tntp");
  TntpInstance inst;
  const std::string base = fs::path(net_path).filename().string();
  inst.name = base.substr(0, base.size() - 9);
  const fs::path d(dir);
  auto net_text = read_file(net_path);
  if (!net_text) return net_text.error();
  auto net = parse_tntp_network(*net_text, base);
  if (!net) return net.error();
  inst.net = std::move(*net);
  const std::string trips_name = inst.name + "_trips.tntp";
  auto trips_text = read_file((d / trips_name).string());
  if (!trips_text) return trips_text.error();
  auto trips = parse_tntp_trips(*trips_text, trips_name, inst.net.nodes);
  if (!trips) return trips.error();
  inst.trips = std::move(*trips);
  const std::string flow_name = inst.name + "_flow.tntp";
  if (fs::exists(d / flow_name, ec)) {
    auto flow_text = read_file((d / flow_name).string());
    if (!flow_text) return flow_text.error();
    auto flows = parse_tntp_flow(*flow_text, flow_name);
    if (!flows) return flows.error();
    inst.flows = std::move(*flows);
  }
  if (fs::exists(d / "README.md", ec)) {
    auto readme = read_file((d / "README.md").string());
    if (readme) inst.readme = parse_tntp_readme(*readme);
  }
  return inst;
}

}  // namespace caravan::io
