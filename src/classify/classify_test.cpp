// Tests of the HS classifier: features, training, calibration, the model file and the use-case.
#include <gtest/gtest.h>

#include "classify/classifier.h"
#include "classify/evaluate.h"
#include "classify/text_features.h"
#include "classify/train.h"

namespace caravan::classify {
namespace {

tariff::Nomenclature tiny_nomenclature() {
  return tariff::Nomenclature(
      {{"28", "Inorganic chemicals; compounds of rare-earth metals"},
       {"2805", "Alkali or alkaline-earth metals; rare-earth metals, scandium and yttrium"},
       {"280530", "Rare-earth metals, scandium and yttrium, whether or not intermixed"},
       {"2846", "Compounds, inorganic or organic, of rare-earth metals"},
       {"284610", "Cerium compounds"},
       {"284690", "Rare-earth compounds other than cerium compounds"},
       {"85", "Electrical machinery and equipment"},
       {"8505", "Electro-magnets; permanent magnets"},
       {"850511", "Permanent magnets of metal"},
       {"850519", "Permanent magnets other than of metal"},
       {"10", "Cereals"},
       {"1001", "Wheat and meslin"},
       {"100199", "Wheat other than durum, other than seed"}},
      "tiny");
}

// Descriptions written for the test, several per code, so that every split has some.
std::vector<Example> tiny_examples() {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"neodymium metal ingots", "280530"},
      {"praseodymium metal", "280530"},
      {"lanthanum metal lumps", "280530"},
      {"misch metal rods", "280530"},
      {"yttrium metal powder", "280530"},
      {"dysprosium metal pieces", "280530"},
      {"cerium oxide polishing powder", "284610"},
      {"cerium carbonate", "284610"},
      {"ceric ammonium nitrate", "284610"},
      {"cerium hydroxide", "284610"},
      {"neodymium oxide 99.5%", "284690"},
      {"praseodymium neodymium oxide", "284690"},
      {"lanthanum oxide powder", "284690"},
      {"yttrium oxide", "284690"},
      {"dysprosium oxide", "284690"},
      {"terbium oxide", "284690"},
      {"sintered NdFeB magnets N52", "850511"},
      {"neodymium iron boron magnets", "850511"},
      {"samarium cobalt magnets", "850511"},
      {"alnico magnet bars", "850511"},
      {"bonded metal magnets for motors", "850511"},
      {"permanent metal magnet blocks", "850511"},
      {"ferrite ceramic magnets", "850519"},
      {"rubber magnet sheets", "850519"},
      {"flexible magnetic strips", "850519"},
      {"ceramic ferrite rings", "850519"},
      {"milling wheat", "100199"},
      {"wheat grain class 3", "100199"},
      {"soft red winter wheat", "100199"},
      {"hard wheat for flour", "100199"},
  };
  std::vector<Example> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows[i].first, rows[i].second, "en", "test", i + 2});
  return out;
}

TEST(Words, FoldPluralsDropStopWordsAndSplitHan) {
  EXPECT_EQ(words("Batteries of the BOXES, magnets"),
            (std::vector<std::string>{"battery", "box", "magnet"}));
  EXPECT_EQ(words("glass gas"), (std::vector<std::string>{"glass", "gas"}));
  EXPECT_EQ(words("Оксид НЕОДИМА"), (std::vector<std::string>{"оксид", "неодима"}));
  EXPECT_EQ(words("稀土氧化物").size(), 5U);
}

TEST(Script, IsTheMostFrequentAlphabet) {
  EXPECT_EQ(script_of("neodymium oxide"), Script::Latin);
  EXPECT_EQ(script_of("оксид неодима 99%"), Script::Cyrillic);
  EXPECT_EQ(script_of("ネオジム磁石"), Script::Kana);
  EXPECT_EQ(script_of("稀土永磁体"), Script::Han);
  EXPECT_EQ(script_of("1234 %%"), Script::None);
}

TEST(Split, IsStableAndRoughlyEightyTenTen) {
  std::size_t n[3] = {0, 0, 0};
  for (int i = 0; i < 10000; ++i) ++n[static_cast<int>(split_of("row " + std::to_string(i), 7))];
  EXPECT_NEAR(n[0], 8000, 250);
  EXPECT_NEAR(n[1], 1000, 150);
  EXPECT_NEAR(n[2], 1000, 150);
  EXPECT_EQ(split_of("Neodymium oxide", 3), split_of("neodymium OXIDE", 3));
}

TEST(Train, SameSeedSameModelByteForByte) {
  const auto nom = tiny_nomenclature();
  TrainRequest rq{tiny_examples(), &nom, {}, {}};
  const auto a = train(rq), b = train(rq);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(serialize(a->model), serialize(b->model));
  rq.options.seed = 2;
  const auto c = train(rq);
  ASSERT_TRUE(c);
  EXPECT_NE(serialize(a->model), serialize(c->model));  // another split, another model
}

TEST(Train, RefusesACodeOutsideTheNomenclature) {
  const auto nom = tiny_nomenclature();
  auto ex = tiny_examples();
  ex[3].hs6 = "999999";
  const auto r = train({ex, &nom, {}, {}});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("line 5: hs6 '999999'"), std::string::npos);
}

TEST(ModelFile, RoundTripsAndNamesTheLineOfCorruption) {
  const auto nom = tiny_nomenclature();
  const auto t = train({tiny_examples(), &nom, {}, {}});
  ASSERT_TRUE(t);
  const auto text = serialize(t->model);
  const auto back = parse_model(text, "m.txt");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(serialize(*back), text);
  const auto cut = parse_model(text.substr(0, text.size() / 2), "m.txt");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().code, ErrorCode::InvalidData);
  EXPECT_NE(cut.error().message.find("m.txt:"), std::string::npos);
  EXPECT_FALSE(parse_model("hello\n", "m.txt"));
  std::string bad = text;
  bad.replace(bad.find("temperature "), 13, "temperature x");
  EXPECT_FALSE(parse_model(bad, "m.txt"));
}

TEST(Classify, FindsTheCodeAndSaysWhy) {
  const auto nom = tiny_nomenclature();
  const auto t = train({tiny_examples(), &nom, {}, {}});
  ASSERT_TRUE(t);
  const auto r = classify(t->model, nom, {"sintered neodymium magnets for EV motors", 3, -1});
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->candidates.size(), 3U);
  EXPECT_EQ(r->candidates[0].subheading.code, "850511");
  EXPECT_EQ(r->candidates[0].heading.code, "8505");
  EXPECT_EQ(r->candidates[0].chapter.code, "85");
  EXPECT_FALSE(r->candidates[0].matched.empty());
  EXPECT_NE(r->candidates[0].nomenclature.find("Permanent magnets of metal"), std::string::npos);
  // Confidences are ordered and the heading's is at least as sure as... a probability.
  EXPECT_GE(r->candidates[0].subheading.confidence, r->candidates[1].subheading.confidence);
  for (const auto& c : r->candidates) {
    EXPECT_GE(c.subheading.confidence, 0.0F);
    EXPECT_LE(c.subheading.confidence, 1.0F);
  }
  const auto oxide = classify(t->model, nom, {"lanthanum oxide", 3, -1});
  ASSERT_TRUE(oxide);
  EXPECT_EQ(oxide->candidates[0].subheading.code, "284690");
}

TEST(Classify, RefusesWhatIsNotADescriptionItCanRead) {
  const auto nom = tiny_nomenclature();
  const auto t = train({tiny_examples(), &nom, {}, {}});
  ASSERT_TRUE(t);
  for (const std::string& bad : std::vector<std::string>{"", "   ", "12345", "magnet\x01s"}) {
    const auto r = classify(t->model, nom, {bad, 3, -1});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "describe");
  }
  const auto ru = classify(t->model, nom, {"постоянные магниты", 3, -1});
  ASSERT_FALSE(ru);
  EXPECT_NE(ru.error().message.find("Cyrillic"), std::string::npos);
  EXPECT_NE(ru.error().message.find("en ("), std::string::npos);
  const auto unknown = classify(t->model, nom, {"zzzq qqxx", 3, -1});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("none of its words"), std::string::npos);
}

TEST(Classify, AHighThresholdTurnsTheAnswerIntoChoices) {
  const auto nom = tiny_nomenclature();
  const auto t = train({tiny_examples(), &nom, {}, {}});
  ASSERT_TRUE(t);
  const auto r = classify(t->model, nom, {"magnets", 5, 1.0F});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->confident);
  EXPECT_NE(r->note.find("low confidence"), std::string::npos);
}

TEST(ChooseCode, TakesTheBestAboveTheThresholdElseListsTheCandidates) {
  const auto nom = tiny_nomenclature();
  const auto t = train({tiny_examples(), &nom, {}, {}});
  ASSERT_TRUE(t);
  const auto low = choose_code(t->model, nom, "magnets", 1.0F);
  ASSERT_FALSE(low);
  EXPECT_EQ(low.error().field, "describe");
  EXPECT_NE(low.error().message.find("8505.11"), std::string::npos);
  const auto ok = choose_code(t->model, nom, "sintered neodymium magnets", 0.0F);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->best.subheading.code, "850511");
  ASSERT_TRUE(ok->runner_up);
  EXPECT_LE(ok->runner_up->subheading.confidence, ok->best.subheading.confidence);
}

TEST(Calibration, IsMonotoneAndClamped) {
  Calibration c{{{0.0F, 0.1F}, {0.5F, 0.4F}, {1.0F, 0.9F}}};
  EXPECT_FLOAT_EQ(c.apply(-1), 0.1F);
  EXPECT_FLOAT_EQ(c.apply(0.25F), 0.25F);
  EXPECT_FLOAT_EQ(c.apply(2), 0.9F);
}

TEST(Evaluate, CountsTopOneTopThreeAndTheConfusion) {
  const auto nom = tiny_nomenclature();
  const auto ex = tiny_examples();
  const auto t = train({ex, &nom, {}, {}});
  ASSERT_TRUE(t);
  std::vector<const Example*> all;
  for (const auto& e : ex) all.push_back(&e);
  const auto ev = evaluate(t->model, all, {{"metals", {"280530"}}, {"magnets", {"8505"}}});
  EXPECT_EQ(ev.rows, ex.size());
  EXPECT_GE(ev.six.top3, ev.six.top1);
  EXPECT_GE(ev.four.top1, ev.six.top1);
  EXPECT_GE(ev.two.top1, ev.four.top1);
  EXPECT_GT(ev.six.top1, 0.7);  // mostly rows it trained on
  std::size_t in_bins = 0;
  for (const auto& b : ev.bins) in_bins += b.answers;
  EXPECT_EQ(in_bins, ex.size());
  std::size_t metals = 0;
  for (auto n : ev.confusion[0]) metals += n;
  EXPECT_EQ(metals, 6U);
}

}  // namespace
}  // namespace caravan::classify
