// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Helper for the store tests: an article coded by the whole pipeline, as
// `dyad ingest` would code it.

#ifndef DYAD_TESTS_STORE_CODED_H_
#define DYAD_TESTS_STORE_CODED_H_

#include <gtest/gtest.h>

#include <string>

#include "dyad/pipeline.h"

namespace dyad::test {

// `text` (plain text) coded with the default configuration, with `url` as
// its id, source and URL and `date` (YYYY-MM-DD) as its input date.
inline Document Coded(const std::string& text, const std::string& url, const std::string& date) {
  Document doc;
  doc.raw = text;
  doc.format = Format::kText;
  doc.id = doc.source = doc.meta.url = url;
  doc.meta.input_date = Date::Parse(date);
  Status s = RunPipeline(Config::Default(), doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

}  // namespace dyad::test

#endif  // DYAD_TESTS_STORE_CODED_H_
