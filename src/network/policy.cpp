// Names of policy kinds and effects.
#include "network/policy.h"

#include <array>

namespace caravan::network {
namespace {
constexpr std::array<std::string_view, 9> kKinds = {
    "country_sanctions",   "goods_ban",           "export_control",
    "transit_ban",         "transit_permit",      "export_permit",
    "secondary_sanctions", "insurance_exclusion", "war_risk"};
constexpr std::array<std::string_view, 5> kEffects = {"forbid", "permit", "cost", "premium",
                                                      "risk"};
}  // namespace

std::string_view name(PolicyKind k) { return kKinds[static_cast<int>(k)]; }
std::string_view name(PolicyEffect e) { return kEffects[static_cast<int>(e)]; }

std::optional<PolicyKind> parse_policy_kind(std::string_view s) {
  for (std::size_t i = 0; i < kKinds.size(); ++i)
    if (kKinds[i] == s) return static_cast<PolicyKind>(i);
  return std::nullopt;
}

std::optional<PolicyEffect> parse_policy_effect(std::string_view s) {
  for (std::size_t i = 0; i < kEffects.size(); ++i)
    if (kEffects[i] == s) return static_cast<PolicyEffect>(i);
  return std::nullopt;
}

}  // namespace caravan::network
