# dyad: the two commands a newcomer needs are `make run` and `make test`.
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
CMAKE_FLAGS ?=
# libFuzzer targets (fuzz/*_fuzz.cc) and how long `make fuzz` runs each.
FUZZ_TARGETS ?= pipeline_fuzz html_fuzz warc_fuzz jsonl_fuzz api_fuzz
FUZZ_SECONDS ?= 60
# How long `make test` runs each fuzzer (when clang++ is installed), with a
# fixed seed so that the run repeats (`make fuzz` explores with random seeds).
CI_FUZZ_SECONDS ?= 20

.PHONY: run test setup build web asan-test tsan-test unit-test fuzz fuzz-build fuzz-ci format lint bench bench-serve clean

# Codes the examples, stores them in $(BUILD)/examples.db and serves the
# dashboard over it (in the foreground on a terminal; outside one, e.g. in CI,
# it checks that the API answers, prints the URL and stops).
run: setup build web
	$(BUILD)/dyad code --summary examples/*.txt examples/*.html
	BUILD=$(BUILD) ./scripts/serve-examples

setup:
	./scripts/setup

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DDYAD_WERROR=ON $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The dashboard (web/ -> web/dist/), bundled by esbuild from npm packages.
web:
	npm run --silent build

# Every test: unit and end-to-end tests, then the same under ASan+UBSan and
# under TSan, then each fuzzer for CI_FUZZ_SECONDS.
test: setup unit-test asan-test tsan-test fuzz-ci

unit-test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DDYAD_SANITIZE=ON -DDYAD_WERROR=ON \
	  -DDYAD_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS=-O1 $(CMAKE_FLAGS)

asan-test: $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

$(TSAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDYAD_TSAN=ON -DDYAD_WERROR=ON \
	  -DDYAD_BUILD_BENCH=OFF $(CMAKE_FLAGS)

tsan-test: $(TSAN_BUILD)/CMakeCache.txt
	cmake --build $(TSAN_BUILD) -j $(JOBS)
	cd $(TSAN_BUILD) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
	  ctest --output-on-failure -j $(JOBS)

$(FUZZ_BUILD)/CMakeCache.txt:
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DDYAD_FUZZ=ON -DDYAD_BUILD_TESTS=OFF -DDYAD_BUILD_BENCH=OFF $(CMAKE_FLAGS)

fuzz-build: $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(FUZZ_TARGETS)

# Each fuzzer for FUZZ_SECONDS (see fuzz/README.md).
fuzz: fuzz-build
	fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-ci:
	@if command -v clang++ >/dev/null 2>&1; then \
	  FUZZ_SEED=1 $(MAKE) fuzz FUZZ_SECONDS=$(CI_FUZZ_SECONDS); \
	else echo "clang++ not found: skipping the fuzzers"; fi

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

bench: build
	./bench/run

# Load test of `dyad serve` with wrk (bench/serve/README in bench/README.md).
bench-serve: build
	./bench/serve/run

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)
