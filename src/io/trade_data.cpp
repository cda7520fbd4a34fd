// The trade-data cache: a tariff folder and an HS file read once and re-read when a file changes.
#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "io/tariff_reader.h"

namespace caravan::io {
namespace {

// The last-write times of every file the trade data is read from, in name order; nullopt when
// one cannot be read (then the data is read afresh, and the reader reports the error).
using Stamp = std::vector<std::pair<std::string, std::filesystem::file_time_type>>;
std::optional<Stamp> stamp_of(const std::string& dir, const std::string& nomenclature) {
  std::error_code ec;
  Stamp s;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    s.emplace_back(e.path().string(), e.last_write_time(ec));
    if (ec) return std::nullopt;
  }
  if (ec) return std::nullopt;
  if (!nomenclature.empty()) {
    s.emplace_back(nomenclature, std::filesystem::last_write_time(nomenclature, ec));
    if (ec) return std::nullopt;
  }
  std::sort(s.begin(), s.end());
  return s;
}

}  // namespace

Result<std::shared_ptr<const tariff::TradeData>> load_trade_data(
    const std::string& tariffs_dir, const std::string& nomenclature_file) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>,
                  std::pair<Stamp, std::shared_ptr<const tariff::TradeData>>>
      cache;
  constexpr std::size_t kMaxCached = 8;  // user folders cannot grow it without bound
  const auto key = std::make_pair(tariffs_dir, nomenclature_file);
  const auto stamp = stamp_of(tariffs_dir, nomenclature_file);
  if (stamp) {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end() && it->second.first == *stamp)
      return it->second.second;
  }
  auto d = std::make_shared<tariff::TradeData>();
  CARAVAN_TRY(s, load_tariffs(tariffs_dir));
  d->schedule = std::move(s);
  if (!nomenclature_file.empty()) {
    CARAVAN_TRY(n, load_nomenclature(nomenclature_file));
    d->nomenclature = std::move(n);
  }
  d->tariffs_dir = tariffs_dir;
  d->nomenclature_file = nomenclature_file;
  if (stamp) {
    std::lock_guard lock(mutex);
    if (cache.size() >= kMaxCached) cache.clear();
    cache[key] = {*stamp, d};
  }
  return std::shared_ptr<const tariff::TradeData>(std::move(d));
}

}  // namespace caravan::io
