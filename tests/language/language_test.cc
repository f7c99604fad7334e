#include "language/language.h"

#include <gtest/gtest.h>

#include <string>

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/pipeline.h"

namespace dyad::language {
namespace {

const char kGerman[] =
    "Die Bundesregierung hat am Dienstag neue Ma\xC3\x9Fnahmen gegen die steigenden "
    "Energiepreise beschlossen. Der Wirtschaftsminister sagte, die Entlastungen sollten "
    "noch in diesem Winter bei den Haushalten ankommen, und die Opposition kritisierte "
    "das Paket als zu sp\xC3\xA4t und zu klein.";

const char kEnglish[] =
    "The government on Tuesday approved new measures against rising energy prices. The "
    "economy minister said the relief should reach households this winter, while the "
    "opposition criticised the package as too late and too small.";

TEST(Language, DetectsReliableLanguagesOnly) {
  EXPECT_EQ(Detect(kGerman), "de");
  EXPECT_EQ(Detect(kEnglish), "en");
  EXPECT_EQ(Detect("Kurz."), "");  // too short to judge
}

TEST(Language, NonEnglishBodiesAreReportedNotCoded) {
  Config config = Config::Default();
  Document doc;
  doc.format = Format::kText;
  doc.raw = kGerman;
  ASSERT_TRUE(RunPipeline(config, doc).ok());
  EXPECT_EQ(doc.meta.language, "de");
  EXPECT_NE(doc.meta.not_coded.find("language de"), std::string::npos);
  EXPECT_TRUE(doc.events.empty());

  Document en;
  en.format = Format::kText;
  en.raw = std::string(kEnglish) + " Russia warned Iran on Monday.";
  ASSERT_TRUE(RunPipeline(config, en).ok());
  EXPECT_EQ(en.meta.language, "en");
  EXPECT_TRUE(en.meta.not_coded.empty());
}

TEST(Language, ShortTextKeepsMarkupLanguage) {
  Document doc;
  doc.format = Format::kHtml;
  doc.raw = "<html lang=de><body><p>Kurz und gut.</p></body></html>";
  ASSERT_TRUE(RunPipeline(Config::Default(), doc).ok());
  EXPECT_EQ(doc.meta.language, "de");
  EXPECT_FALSE(doc.meta.not_coded.empty());
}

}  // namespace
}  // namespace dyad::language
