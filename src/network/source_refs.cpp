// Source references.
#include "network/source_refs.h"

#include <algorithm>

#include "core/text.h"

namespace caravan::network {

Result<std::vector<SourceRef>> parse_source_refs(
    const std::vector<std::string>& entries,
    const std::function<std::optional<SourceId>(const std::string&)>& find,
    std::span<const std::string_view> figures,
    const std::function<std::string(const std::string&)>& hint) {
  std::vector<SourceRef> out;
  for (const auto& entry : entries) {
    const auto colon = entry.find(':');
    if (colon == std::string::npos)
      return make_error(ErrorCode::InvalidData,
                        "entry '" + entry + "' is not of the form field:source_id", "sources");
    std::string field(text::trim(std::string_view(entry).substr(0, colon)));
    std::string id(text::trim(std::string_view(entry).substr(colon + 1)));
    const auto source = find(id);
    if (!source)
      return make_error(ErrorCode::InvalidData,
                        "unknown source id '" + id + "'" + (hint ? hint(id) : std::string()),
                        "sources");
    if (!figures.empty() && field != "*" &&
        std::find(figures.begin(), figures.end(), field) == figures.end())
      return make_error(ErrorCode::InvalidData,
                        "'" + field + "' is not a figure column of this table", "sources");
    out.push_back(SourceRef{std::move(field), *source});
  }
  return out;
}

std::function<std::optional<SourceId>(const std::string&)> source_finder(
    const std::vector<Source>& sources) {
  return [&sources](const std::string& id) -> std::optional<SourceId> {
    for (std::uint32_t i = 0; i < sources.size(); ++i)
      if (sources[i].id == id) return SourceId{i};
    return std::nullopt;
  };
}

}  // namespace caravan::network
