// The flows reader: the embedded flows.csv loads, every figure sourced; a bad row names the file,
// line and field.
#include "io/flows_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io/network_reader.h"

namespace caravan::io {
namespace {
namespace fs = std::filesystem;

TEST(FlowsReader, EmbeddedFlowsLoadWithSourcesBySeries) {
  auto net = load_network(std::string(CARAVAN_DATA_DIR) + "/eurasia");
  ASSERT_TRUE(net) << net.error().message;
  auto flows = read_flows(std::string(CARAVAN_DATA_DIR) + "/eurasia", *net);
  ASSERT_TRUE(flows) << flows.error().message;
  bool titr_mt = false;
  for (const auto& s : *flows) {
    titr_mt |= s.corridor == "titr" && s.unit == "Mt";
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      EXPECT_FALSE(s.points[i].sources.empty()) << s.corridor << " " << s.points[i].year;
      if (i > 0) {
        EXPECT_LE(s.points[i - 1].year, s.points[i].year);
      }
    }
  }
  EXPECT_TRUE(titr_mt);
}

TEST(FlowsReader, ABadRowNamesFileLineAndField) {
  auto net = load_network(std::string(CARAVAN_DATA_DIR) + "/eurasia");
  ASSERT_TRUE(net);
  const fs::path dir = fs::temp_directory_path() / "caravan_flows_reader_test";
  fs::create_directories(dir);
  auto expect_error = [&](const std::string& row, const std::string& want) {
    std::ofstream(dir / "flows.csv", std::ios::trunc)
        << "corridor,year,value,unit,kind,sources,note\n"
        << "titr,2024,4.484,Mt,actual,value:val_reportaz2026_titr,\n"
        << row << "\n";
    auto r = read_flows(dir.string(), *net);
    ASSERT_FALSE(r) << row;
    EXPECT_NE(r.error().message.find(want), std::string::npos) << r.error().message;
  };
  expect_error("titr,2025,4.1,Mt,guess,value:val_reportaz2026_titr,", "flows.csv:3: field 'kind'");
  expect_error("titr,2025.5,4.1,Mt,actual,value:val_reportaz2026_titr,", "field 'year'");
  expect_error("titr,2025,4.1,Mt,actual,value:nope,", "field 'sources'");
  expect_error("titr,2025,4.1,Mt,actual,,", "field 'sources'");
  expect_error("titr,2025,-4,Mt,actual,value:val_reportaz2026_titr,", "field 'value'");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace caravan::io
