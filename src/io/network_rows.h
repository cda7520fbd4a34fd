// The helpers every table reader of a network folder shares (internal to io): the reading context,
// provenance and figure checks, lookups with suggestions.
#pragma once
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "io/csv.h"
#include "io/network_reader.h"
#include "network/network.h"

namespace caravan::io::detail {
namespace nw = caravan::network;

using Names = std::vector<std::string_view>;

struct Context {
  std::string dir;
  std::unordered_map<std::string, SourceId> sources;
  std::unordered_map<std::string, CountryId> countries;
  std::unordered_map<std::string, ChokepointId> chokepoints;
  std::unordered_map<std::string, std::uint32_t> emission_classes;
  std::unordered_map<std::string, LocationId> locations;
  std::unordered_map<std::string, std::uint32_t> links;
  const CsvTable* injected = nullptr;  // append_rows: these rows instead of the file
};

template <class Map>
std::vector<std::string> keys(const Map& m) {
  std::vector<std::string> out;
  for (const auto& [k, v] : m) out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

// " (did you mean A, B?)", or "" when nothing is close.
std::string suggestion(const std::vector<std::string>& candidates, std::string_view s);

// Parses the `sources` column and checks that every non-empty figure column is covered.
nw::Provenance provenance(RowReader& r, const Context& ctx, const Names& figures);
// A probability column, 0 when empty.
double probability(RowReader& r, std::string_view col);
// The PREFIXmin, PREFIXmode, PREFIXmax columns: all three or none.
nw::Triangular triangular(RowReader& r, std::string_view prefix);
// A `|`-list of months 1..12 as bits (month m is bit m-1).
std::uint16_t month_mask(RowReader& r, std::string_view col);

template <class T>
std::optional<T> lookup(RowReader& r, std::string_view col, const std::string& value,
                        const std::unordered_map<std::string, T>& index, std::string_view what) {
  auto it = index.find(value);
  if (it == index.end()) {
    r.fail(col,
           "unknown " + std::string(what) + " '" + value + "'" + suggestion(keys(index), value));
    return std::nullopt;
  }
  return it->second;
}

// The file's path in the folder.
std::string path_of(const Context& ctx, std::string_view file);
// Reads a table with its required and optional columns (or the injected rows).
Result<CsvTable> table(const Context& ctx, std::string_view file, const Names& required,
                       const Names& optional);

// links.csv, transfers.csv and borders.csv (network_links.cpp).
Status read_links(Context& ctx, nw::Tables& out);
Status read_transfers(Context& ctx, nw::Tables& out);
Status read_borders(Context& ctx, nw::Tables& out);
// rates.csv: line-haul rates by commodity class and train type (optional).
Status read_rates(Context& ctx, nw::Tables& out);

// blocs.csv and policies.csv (network_policies.cpp).
Status read_blocs(Context& ctx, nw::Tables& out);
Status read_policies(Context& ctx, nw::Tables& out);

// distributions.csv and disruptions.csv (network_distributions.cpp).
Status read_distributions(Context& ctx, nw::Tables& out);
Status read_disruptions(Context& ctx, nw::Tables& out);

}  // namespace caravan::io::detail
