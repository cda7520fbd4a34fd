// The trade data a landed cost needs: the tariff schedule and the HS nomenclature, with the files
// they were read from (shown in answers).
#pragma once
#include <string>

#include "tariff/hs_code.h"
#include "tariff/schedule.h"

namespace caravan::tariff {

struct TradeData {
  Schedule schedule;
  Nomenclature nomenclature;  // empty: HS codes are checked for format only
  std::string tariffs_dir;    // where the schedule was read from
  std::string nomenclature_file;
};

}  // namespace caravan::tariff
