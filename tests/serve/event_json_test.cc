// The hand-written JSON of events (src/serve/event_json.cc).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "serve/internal.h"

namespace dyad::serve {
namespace {

TEST(IsoDateTest, FormatsFullAndPartialDates) {
  EXPECT_EQ(IsoDate(20190702), "2019-07-02");
  EXPECT_EQ(IsoDate(20191231), "2019-12-31");
  EXPECT_EQ(IsoDate(20190700), "2019-07");
  EXPECT_EQ(IsoDate(20190000), "2019");
  EXPECT_EQ(IsoDate(9990101), "0999-01-01");
  EXPECT_EQ(IsoDate(123450102), "12345-01-02");
  EXPECT_EQ(IsoDate(123450100), "12345-01");
  EXPECT_EQ(IsoDate(123450000), "12345");
  EXPECT_EQ(IsoDate(0), "");
  EXPECT_EQ(IsoDate(-20190702), "");
}

TEST(EventJsonTest, EscapesStringsAndRoundTrips) {
  store::EventRow e;
  e.id = 42;
  e.code = "042";
  e.root = "04";
  e.date = 20190702;
  e.first_seen = 20190700;
  e.last_seen = 0;
  e.source_code = "RUS";
  e.source_name = "Russia";
  e.sentence = "He said \"yes\" \\ no\nthen\ttabbed\x01 and caf\xc3\xa9.";
  e.source_url = "https://a.example/x?q=\"1\"";
  e.target_name = "bad \xff byte";
  std::string out;
  AppendEventJson(&out, nullptr, e);
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["sentence"], e.sentence);
  EXPECT_EQ(j["source_url"], e.source_url);
  EXPECT_EQ(j["date"], "2019-07-02");
  EXPECT_EQ(j["first_seen"], "2019-07");
  EXPECT_TRUE(j["last_seen"].is_null());
  EXPECT_EQ(j["source"]["name"], "Russia");
  EXPECT_EQ(j["target"]["name"].get<std::string>().substr(0, 4), "bad ");
  EXPECT_NE(out.find("\\u0001"), std::string::npos);
  EXPECT_NE(out.find("caf\xc3\xa9"), std::string::npos);
}

}  // namespace
}  // namespace dyad::serve
