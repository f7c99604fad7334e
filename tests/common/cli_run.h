// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Helpers for tests that run the real `dyad` binary (DYAD_BINARY): scratch
// files, shell quoting, and running a command line with its output captured.

#ifndef DYAD_TESTS_COMMON_CLI_RUN_H_
#define DYAD_TESTS_COMMON_CLI_RUN_H_

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace dyad::test {

// The whole content of the file at `path` ("" when unreadable).
inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A path named `leaf` in a scratch folder unique to this process and test.
inline std::string Scratch(const std::string& leaf) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("dyad_e2e_" + std::to_string(::getpid()) + "_" +
       (info ? std::string(info->test_suite_name()) + "." + info->name() : std::string("x")));
  std::filesystem::create_directories(dir);
  return (dir / leaf).string();
}

// A folder unique to this process and test, emptied when made and removed
// with everything in it at the end of the test: `prefix` + pid + test name
// under the system's temporary folder.
struct TempDir {
  explicit TempDir(const std::string& prefix) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path = std::filesystem::temp_directory_path() /
           (prefix + std::to_string(::getpid()) + "_" + (info ? info->name() : "x"));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path path;  // the folder
};

// Writes `data` to `path`, replacing it.
inline void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

// `s` quoted for the shell.
inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

// What a run of the binary gave.
struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs the dyad binary with `args` (already shell-quoted), optionally feeding
// `stdin_path` to its standard input.
inline RunResult RunDyad(const std::string& args, const std::string& stdin_path = "") {
  std::string out_path = Scratch("stdout.txt");
  std::string err_path = Scratch("stderr.txt");
  std::string cmd = Quote(DYAD_BINARY) + " " + args + " >" + Quote(out_path) + " 2>" +
                    Quote(err_path) + " <" + Quote(stdin_path.empty() ? "/dev/null" : stdin_path);
  int status = std::system(cmd.c_str());
  RunResult r;
  if (status != -1 && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  r.out = ReadAll(out_path);
  r.err = ReadAll(err_path);
  return r;
}

}  // namespace dyad::test

#endif  // DYAD_TESTS_COMMON_CLI_RUN_H_
