// The CLI option mapping: command lines become the feature's request JSON, only with the options
// given (or their fallbacks); file options are not request fields; bad options are errors.
#include "cli/feature_command.h"

#include <gtest/gtest.h>

#include <memory>

namespace caravan::cli {
namespace {
using nlohmann::json;

// Parses `args` (after the program name) with every feature's command; the parsed one's request.
struct Parsed {
  CLI::App app;
  std::vector<std::unique_ptr<FeatureCommand>> commands;
  FeatureCommand* command = nullptr;
};
std::unique_ptr<Parsed> parse(std::vector<std::string> args) {
  auto p = std::make_unique<Parsed>();
  for (const auto& f : api::features())
    p->commands.push_back(std::make_unique<FeatureCommand>(p->app, f));
  std::reverse(args.begin(), args.end());
  p->app.parse(args);
  for (auto& c : p->commands)
    if (c->parsed()) p->command = c.get();
  return p;
}

TEST(FeatureCommand, OptionsGivenBecomeTheRequestFields) {
  auto p = parse({"route", "--from", "Stepnogorsk", "--to", "Yokohama", "--tonnes", "1000",
                  "--avoid", "CN,RU", "--avoid", "IR", "--pareto", "--month", "11"});
  ASSERT_NE(p->command, nullptr);
  EXPECT_EQ(p->command->feature().name, "route");
  const json want = {{"from", "Stepnogorsk"},       {"to", "Yokohama"}, {"tonnes", 1000.0},
                     {"avoid", {"CN", "RU", "IR"}}, {"pareto", true},   {"month", 11}};
  EXPECT_EQ(*p->command->request(), want);
}

TEST(FeatureCommand, ConvertersAndFallbacksShapeTheRequest) {
  auto c = parse({"compare", "--from", "A", "--to", "B", "--avoid-sets", "none;CN;CN,RU,IR"});
  EXPECT_EQ((*c->command->request())["avoid_sets"], json({"none", "CN", "CN|RU|IR"}));
  auto s = parse({"scenario", "--from", "A", "--to", "B", "--scenario", "all", "--best"});
  EXPECT_EQ((*s->command->request())["corridors"], false);
  EXPECT_EQ((*s->command->request())["scenarios"], json({"all"}));
  auto a = parse({"assign", "--max-iterations", "3"});
  const json want = {{"gap", 1e-8},
                     {"algorithm", "b"},
                     {"objective", "ue"},
                     {"threads", 0},
                     {"max_iterations", 3}};
  EXPECT_EQ(*a->command->request(), want);
  auto l = parse({"locate", "Aktau"});
  EXPECT_EQ(*l->command->request(), json({{"q", "Aktau"}, {"limit", 10}}));
}

TEST(FeatureCommand, FileOptionsAreRenderingsNotFields) {
  auto p = parse({"reliability", "--from", "A", "--to", "B", "--svg", "/tmp/x.svg", "--json"});
  EXPECT_FALSE(p->command->request()->contains("svg"));
  EXPECT_EQ(p->command->files(), (std::map<std::string, std::string>{{"--svg", "/tmp/x.svg"}}));
  EXPECT_TRUE(p->command->as_json);
}

TEST(FeatureCommand, TwoWordCommandsLiveUnderTheirGroup) {
  auto p = parse({"network", "validate", "some/dir"});
  ASSERT_NE(p->command, nullptr);
  EXPECT_EQ(p->command->feature().name, "network validate");
  EXPECT_EQ(*p->command->request(), json({{"dir", "some/dir"}}));
}

TEST(FeatureCommand, MissingRequiredAndUnknownOptionsAreParseErrors) {
  EXPECT_THROW(parse({"route", "--from", "A"}), CLI::ParseError);
  EXPECT_THROW(parse({"route", "--from", "A", "--to", "B", "--bogus"}), CLI::ParseError);
  EXPECT_THROW(parse({"route", "--from", "A", "--to", "B", "--tonnes", "many"}), CLI::ParseError);
}

}  // namespace
}  // namespace caravan::cli
