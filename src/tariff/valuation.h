// The valuation check customs services run: a declared value per tonne against reference price
// ranges for the goods (sourced, dated), flagging possible under- or over-invoicing.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tariff/schedule.h"

namespace caravan::tariff {

enum class ValueStatus { Within, Below, Above, NoReference };
std::string_view name(ValueStatus s);

struct ValueCheck {
  ValueStatus status = ValueStatus::NoReference;
  double declared_usd_per_t = 0;
  double low = 0, high = 0;                 // the envelope of the rows that apply
  bool far = false;                         // below half the low or above twice the high
  std::vector<const ReferencePrice*> rows;  // the rows that apply
  std::string message;
};

// The commodity's rows that cover `hs` when there are any (a commodity priced as another code,
// e.g. general cargo given its real code, is not held to its own prices), else the code-level
// rows of the longest HS prefix covering `hs`; their envelope is the normal range.
ValueCheck check_value(const std::vector<ReferencePrice>& prices, std::string_view commodity,
                       std::string_view hs, double declared_usd_per_t);

}  // namespace caravan::tariff
