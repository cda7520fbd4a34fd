// The one parser of the `sources` column ("field:source_id|..."), shared by the network reader,
// scenario files and simulation models.
#pragma once
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "network/network.h"

namespace caravan::network {

// `entries` are the `|`-separated parts. `find` gives a source id's SourceId (nullopt when
// unknown) and `hint` what to add to an unknown id's message (e.g. " (did you mean ...?)").
// With `figures` given, a field other than "*" must be one of them. Errors are InvalidData on
// field "sources": an entry not of the form field:source_id, an unknown id, a field that is not a
// figure.
Result<std::vector<SourceRef>> parse_source_refs(
    const std::vector<std::string>& entries,
    const std::function<std::optional<SourceId>(const std::string&)>& find,
    std::span<const std::string_view> figures = {},
    const std::function<std::string(const std::string&)>& hint = nullptr);

// A finder over a network's (or tables') source list.
std::function<std::optional<SourceId>(const std::string&)> source_finder(
    const std::vector<Source>& sources);

}  // namespace caravan::network
