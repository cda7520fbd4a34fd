// Loads a tariff folder (docs/landed-cost.md: sources, regimes, duties, export, transit, fx,
// parameters, processing) into a tariff::Schedule, and an HS nomenclature CSV.
#pragma once
#include <string>

#include "core/result.h"
#include "tariff/hs_code.h"
#include "tariff/schedule.h"

namespace caravan::io {

// Every error names file, line and field; a rate out of range is an error; "unknown" is a value.
Result<tariff::Schedule> load_tariffs(const std::string& dir);

// A nomenclature CSV with the columns hscode and description (the HS 2022 file of
// ../shared/data/hs has section,hscode,description,parent,level).
Result<tariff::Nomenclature> load_nomenclature(const std::string& path);

// $CARAVAN_TARIFFS, else the embedded data/eurasia/tariffs.
std::string default_tariffs_dir();
// $CARAVAN_HS_NOMENCLATURE, else the shared HS 2022 file when present, else "" (format-only
// validation).
std::string default_hs_nomenclature();

}  // namespace caravan::io
