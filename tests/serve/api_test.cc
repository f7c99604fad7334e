// Tests of the HTTP API (src/serve/): routes, filters, cursor pagination,
// parameter errors, bound SQL, on-the-fly coding and the HTTP server's
// limits, headers and static files, over a store of the coded examples.

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "dyad/pipeline.h"
#include "serve/serve.h"
#include "store/store.h"

namespace dyad::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path Dir() {
  return fs::temp_directory_path() / ("dyad_serve_test_" + std::to_string(::getpid()));
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fs::remove_all(Dir());
    fs::create_directories(Dir());
    db_ = (Dir() / "examples.db").string();
    Config config = Config::Default();
    auto s = store::Store::Open(db_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    for (const auto& e : fs::directory_iterator(std::string(DYAD_SOURCE_DIR) + "/examples")) {
      if (e.path().extension() != ".txt" && e.path().extension() != ".html") continue;
      auto doc = ReadDocument(e.path().string());
      ASSERT_TRUE(doc.ok());
      ASSERT_TRUE(RunPipeline(config, *doc).ok());
      ASSERT_TRUE((*s)->Add(config, *doc).ok());
    }
    ASSERT_TRUE((*s)->Merge(config).ok());
    ApiOptions options;
    options.max_code_bytes = 20000;
    auto api = Api::Open(config, db_, options);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(*api).release();
  }
  // A fixture store that could not be built fails every test, never skips it.
  void SetUp() override { ASSERT_NE(api_, nullptr) << "the examples store was not built"; }
  static void TearDownTestSuite() {
    delete api_;
    api_ = nullptr;
    fs::remove_all(Dir());
  }

  static ApiResponse Get(const std::string& path,
                         std::multimap<std::string, std::string> params = {}) {
    ApiRequest r;
    r.method = "GET";
    r.path = path;
    r.params = std::move(params);
    return api_->Handle(r);
  }
  static json GetJson(const std::string& path,
                      std::multimap<std::string, std::string> params = {}) {
    ApiResponse r = Get(path, std::move(params));
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return json::parse(r.body);
  }
  static ApiResponse Post(const std::string& type, const std::string& body) {
    ApiRequest r;
    r.method = "POST";
    r.path = "/v1/code";
    r.content_type = type;
    r.body = body;
    return api_->Handle(r);
  }
  static std::string Example(const std::string& name) {
    std::ifstream in(std::string(DYAD_SOURCE_DIR) + "/examples/" + name, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  static inline std::string db_;
  static inline Api* api_ = nullptr;
};

TEST_F(ApiTest, OpenFailsOnAMissingOrForeignStore) {
  EXPECT_FALSE(Api::Open(Config::Default(), (Dir() / "missing.db").string()).ok());
  std::string junk = (Dir() / "junk.db").string();
  std::ofstream(junk) << "not a database";
  EXPECT_FALSE(Api::Open(Config::Default(), junk).ok());
}

TEST_F(ApiTest, EventsPageThroughEveryEventWithTheCursor) {
  json stats = GetJson("/v1/stats");
  ASSERT_GT(stats["events"].get<int>(), 10);
  std::set<int64_t> seen;
  int64_t last = 0;
  std::string cursor;
  int pages = 0;
  do {
    std::multimap<std::string, std::string> p = {{"limit", "7"}};
    if (!cursor.empty()) p.emplace("cursor", cursor);
    json page = GetJson("/v1/events", p);
    EXPECT_LE(page["events"].size(), 7u);
    for (const json& e : page["events"]) {
      int64_t id = e["id"];
      EXPECT_GT(id, last);
      last = id;
      EXPECT_TRUE(seen.insert(id).second);
      EXPECT_EQ(e["root"], e["code"].get<std::string>().substr(0, 2));
    }
    cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 100);
  EXPECT_EQ(static_cast<int64_t>(seen.size()), stats["events"].get<int64_t>());
  EXPECT_GT(pages, 1);
}

TEST_F(ApiTest, FiltersNarrowTheEvents) {
  json all = GetJson("/v1/events", {{"limit", "1000"}});
  json conflict = GetJson("/v1/events", {{"limit", "1000"}, {"quad_class", "4"}});
  EXPECT_LT(conflict["events"].size(), all["events"].size());
  for (const json& e : conflict["events"]) EXPECT_EQ(e["quad_class"], 4);
  json ken = GetJson("/v1/events", {{"limit", "1000"}, {"actor", "KEN"}});
  ASSERT_FALSE(ken["events"].empty());
  for (const json& e : ken["events"]) {
    std::string s = e["source"].is_null() ? "" : e["source"]["code"].get<std::string>();
    std::string t = e["target"].is_null() ? "" : e["target"]["code"].get<std::string>();
    EXPECT_TRUE(s.rfind("KEN", 0) == 0 || t.rfind("KEN", 0) == 0) << s << " " << t;
  }
}

TEST_F(ApiTest, BadParametersAreJson400sNamingTheParameter) {
  for (auto [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"limit", "0"},
                                                        {"limit", "abc"},
                                                        {"limit", "5000"},
                                                        {"quad_class", "5"},
                                                        {"date_from", "yesterday"},
                                                        {"code", "4x"},
                                                        {"cursor", "-1"},
                                                        {"colour", "red"}}) {
    ApiResponse r = Get("/v1/events", {{key, value}});
    EXPECT_EQ(r.status, 400) << key << "=" << value;
    json j = json::parse(r.body);
    EXPECT_EQ(j["error"]["status"], 400);
    EXPECT_NE(j["error"]["message"].get<std::string>().find(key), std::string::npos) << r.body;
  }
  EXPECT_EQ(Get("/v1/dyads", {{"by", "week"}}).status, 400);
  EXPECT_EQ(Get("/v1/dyads", {{"cursor", "3"}}).status, 400);
}

TEST_F(ApiTest, UnknownRoutesRecordsAndMethods) {
  EXPECT_EQ(Get("/v1/nothing").status, 404);
  EXPECT_EQ(Get("/v2/events").status, 404);
  EXPECT_EQ(Get("/v1/events/1").status, 404);
  EXPECT_EQ(Get("/v1/events/abc").status, 400);
  EXPECT_EQ(Get("/v1/documents/1").status, 404);
  EXPECT_EQ(Get("/v1/code").status, 405);
  ApiRequest r;
  r.method = "DELETE";
  r.path = "/v1/events";
  EXPECT_EQ(api_->Handle(r).status, 405);
}

TEST_F(ApiTest, ValuesAreBoundNotSplicedIntoSql) {
  json before = GetJson("/v1/stats");
  for (std::string evil : {"' OR 1=1 --", "x'; DROP TABLE events; --", "%", "_", "\" OR \"\"=\""}) {
    json r = GetJson("/v1/events", {{"actor", evil}, {"limit", "1000"}});
    EXPECT_TRUE(r["events"].empty()) << evil;
    GetJson("/v1/events", {{"text", evil}});
    GetJson("/v1/quotes", {{"speaker", evil}});
  }
  EXPECT_EQ(GetJson("/v1/stats"), before);
}

TEST_F(ApiTest, EventDetailListsItsMentions) {
  json page = GetJson("/v1/events", {{"limit", "1"}});
  ASSERT_EQ(page["events"].size(), 1u);
  int64_t id = page["events"][0]["id"];
  json e = GetJson("/v1/events/" + std::to_string(id));
  EXPECT_EQ(e["id"], id);
  ASSERT_GE(e["mentions"].size(), 1u);
  EXPECT_EQ(e["mentions"].size(), e["num_mentions"].get<size_t>());
  for (const json& m : e["mentions"]) EXPECT_EQ(m["event"], id);
}

TEST_F(ApiTest, ArticleViewHasTextAndLayersWithByteSpans) {
  json docs = GetJson("/v1/documents", {{"limit", "2"}});
  ASSERT_EQ(docs["documents"].size(), 2u);
  EXPECT_FALSE(docs["next"].is_null());
  int checked = 0;
  json all = GetJson("/v1/documents", {{"limit", "100"}});
  for (const json& d : all["documents"]) {
    json doc = GetJson("/v1/documents/" + std::to_string(d["id"].get<int64_t>()));
    std::string text = doc["text"];
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(doc["events"].size(), d["num_events"].get<size_t>());
    for (const json& q : doc["quotes"]) {
      if (!q.contains("start")) continue;
      size_t a = q["start"], b = q["end"];
      EXPECT_EQ(text.substr(a, b - a), q["text"].get<std::string>());
      ++checked;
    }
    for (const json& en : doc["entities"]) {
      for (const json& m : en["mentions"]) {
        size_t a = m["start"], b = m["end"];
        EXPECT_EQ(text.substr(a, b - a), en["name"].get<std::string>());
      }
    }
    for (const json& s : doc["sentences"]) EXPECT_LE(s["end"].get<size_t>(), text.size());
  }
  EXPECT_GT(checked, 5);
}

TEST_F(ApiTest, DyadSeriesAddUpToTheTotal) {
  json d = GetJson("/v1/dyads", {{"by", "day"}, {"limit", "1000"}});
  int64_t in_series = 0;
  for (const json& s : d["series"]) {
    in_series += s["count"].get<int64_t>();
    int64_t quads = 0;
    for (const json& q : s["quad"]) quads += q.get<int64_t>();
    EXPECT_EQ(quads, s["count"].get<int64_t>());
    EXPECT_EQ(s["period"].get<std::string>().size(), 10u);
  }
  EXPECT_EQ(in_series + d["undated"].get<int64_t>(), d["total"]["count"].get<int64_t>());
  EXPECT_EQ(d["total"]["count"], GetJson("/v1/stats")["events"]);
  int64_t in_pairs = 0;
  for (const json& p : d["dyads"]) {
    in_pairs += p["count"].get<int64_t>();
    EXPECT_GE(p["goldstein"].get<double>(), -10);
    EXPECT_LE(p["goldstein"].get<double>(), 10);
  }
  EXPECT_LE(in_pairs, d["total"]["count"].get<int64_t>());
  json month = GetJson("/v1/dyads", {{"by", "month"}, {"actor", "KEN"}, {"actor2", "ETH"}});
  ASSERT_FALSE(month["series"].empty());
  EXPECT_EQ(month["series"][0]["period"].get<std::string>().size(), 7u);
  EXPECT_LT(month["total"]["count"].get<int64_t>(), d["total"]["count"].get<int64_t>());
}

TEST_F(ApiTest, ActorsPlacesAndQuotes) {
  json actors = GetJson("/v1/actors", {{"limit", "5"}});
  ASSERT_FALSE(actors["actors"].empty());
  for (const json& a : actors["actors"]) {
    EXPECT_EQ(a["events"], a["as_source"].get<int>() + a["as_target"].get<int>());
  }
  json places = GetJson("/v1/places");
  ASSERT_FALSE(places["places"].empty());
  for (const json& p : places["places"]) {
    EXPECT_LE(std::abs(p["lat"].get<double>()), 90);
    EXPECT_LE(std::abs(p["lon"].get<double>()), 180);
  }
  json quotes = GetJson("/v1/quotes");
  ASSERT_FALSE(quotes["speakers"].empty());
  std::string speaker = quotes["speakers"][0]["name"];
  json by = GetJson("/v1/quotes", {{"speaker", speaker}});
  EXPECT_EQ(by["quotes"].size(), quotes["speakers"][0]["quotes"].get<size_t>());
  for (const json& q : by["quotes"]) EXPECT_EQ(q["speaker"], speaker);
}

TEST_F(ApiTest, CodeEndpointCodesPastedArticles) {
  ApiResponse r = Post("text/plain; charset=utf-8", Example("02_kenya_ethiopia_visit.txt"));
  ASSERT_EQ(r.status, 200) << r.body;
  json doc = json::parse(r.body);
  EXPECT_FALSE(doc["events"].empty());
  EXPECT_FALSE(doc["text"].get<std::string>().empty());
  ApiResponse j =
      Post("application/json", json{{"id", "a1"},
                                    {"text", "Kenya signed a trade deal with Ethiopia."},
                                    {"date", "2021-05-05"}}
                                   .dump());
  ASSERT_EQ(j.status, 200) << j.body;
  EXPECT_EQ(json::parse(j.body)["id"], "a1");
  EXPECT_EQ(Post("text/plain", std::string(20001, 'a')).status, 413);
  EXPECT_EQ(Post("image/png", "x").status, 415);
  EXPECT_EQ(Post("text/plain", "   \n ").status, 422);
  EXPECT_EQ(Post("application/json", "{\"text\": 5}").status, 422);
  EXPECT_EQ(Post("application/json", "not json").status, 422);
}

// The HTTP layer: a real server on a free loopback port.
class HttpTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    web_ = Dir() / "web";
    fs::create_directories(web_ / "sub");
    std::ofstream(web_ / "index.html") << "<!doctype html><title>dash</title>";
    std::ofstream(web_ / "sub" / "app.js") << "console.log(1)";
    std::ofstream(Dir() / "secret.txt") << "secret";
    fs::remove(web_ / "link.txt");
    fs::create_symlink(Dir() / "secret.txt", web_ / "link.txt");
    ServerOptions o;
    o.port = 0;
    o.web_dir = web_.string();
    o.threads = 2;
    o.max_body_bytes = 30000;
    o.read_timeout_s = 1;
    server_ = std::make_unique<HttpServer>(*api_, o);
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = std::thread([this] { server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }
  void TearDown() override {
    if (!server_) return;
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  fs::path web_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(HttpTest, DashboardAndApiCarrySecurityHeadersAndNoCors) {
  for (std::string path : {"/", "/sub/app.js", "/v1/events?limit=1", "/v1/nothing"}) {
    auto res = client_->Get(path.c_str(), {{"Origin", "http://evil.example"}});
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("script-src 'self'"),
              std::string::npos);
    EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin")) << path;
  }
  auto index = client_->Get("/");
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("dash"), std::string::npos);
  EXPECT_EQ(client_->Get("/sub/app.js")->get_header_value("Content-Type"),
            "text/javascript; charset=utf-8");
  auto api = client_->Get("/v1/events?limit=1");
  EXPECT_EQ(api->status, 200);
  EXPECT_EQ(api->get_header_value("Content-Type"), "application/json");
}

TEST_F(HttpTest, StaticFilesNeverLeaveTheirFolder) {
  for (std::string path :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/sub/../../secret.txt", "/..%2fsecret.txt",
        "/link.txt", "/sub/%2e%2e/%2e%2e/secret.txt", "//etc/passwd", "/index.html%00.js"}) {
    auto res = client_->Get(path.c_str());
    ASSERT_TRUE(res) << path;
    EXPECT_NE(res->body.find("error"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("secret"), std::string::npos) << path;
    EXPECT_GE(res->status, 400) << path;
  }
}

TEST_F(HttpTest, OversizedBodiesAndErrorsAreJson) {
  auto big = client_->Post("/v1/code", std::string(40000, 'a'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(json::parse(big->body)["error"]["status"], 413);
  auto put = client_->Put("/v1/events", "x", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_TRUE(json::parse(put->body).contains("error"));
  auto bad = client_->Get("/v1/events?limit=0");
  EXPECT_EQ(bad->status, 400);
}

TEST_F(ApiTest, BindRefusesADashboardFolderWithoutIndex) {
  fs::path empty = Dir() / "empty_web";
  fs::create_directories(empty);
  ServerOptions o;
  o.port = 0;
  o.web_dir = empty.string();
  HttpServer server(*api_, o);
  Status s = server.Bind();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("index.html"), std::string::npos) << s.message();
}

// Cached answers are dropped when the store changes under a running server
// (an ingest while serving).
TEST(ApiCache, AnswersFollowTheStoreWhenItChanges) {
  fs::path dir = Dir() / "cache";
  fs::create_directories(dir);
  std::string db = (dir / "c.db").string();
  Config config = Config::Default();
  auto add = [&](const std::string& text, const std::string& url) {
    auto s = store::Store::Open(db);
    ASSERT_TRUE(s.ok());
    Document doc;
    doc.raw = text;
    doc.meta.url = url;
    doc.meta.input_date = Date::Parse("2021-05-05");
    ASSERT_TRUE(RunPipeline(config, doc).ok());
    ASSERT_TRUE((*s)->Add(config, doc).ok());
    ASSERT_TRUE((*s)->Merge(config).ok());
  };
  add("Kenya signed a trade agreement with Ethiopia on Monday.", "https://a.example/1");
  auto api = Api::Open(config, db);
  ASSERT_TRUE(api.ok());
  ApiRequest r;
  r.method = "GET";
  r.path = "/v1/stats";
  json before = json::parse((*api)->Handle(r).body);
  EXPECT_EQ(json::parse((*api)->Handle(r).body), before);
  add("France accused Germany of breaking the pact on Tuesday.", "https://b.example/2");
  json after = json::parse((*api)->Handle(r).body);
  EXPECT_EQ(after["documents"].get<int>(), before["documents"].get<int>() + 1);
  api->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dyad::serve
