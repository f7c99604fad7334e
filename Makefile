# dyad: the two commands a newcomer needs are `make run` and `make test`.
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
CMAKE_FLAGS ?=

.PHONY: run test setup build web asan-test unit-test format lint bench bench-serve clean

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

# Every test: unit and end-to-end tests, then the same under ASan+UBSan.
test: setup unit-test asan-test

unit-test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DDYAD_SANITIZE=ON -DDYAD_WERROR=ON \
	  -DDYAD_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS=-O1 $(CMAKE_FLAGS)

asan-test: $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

bench: build
	./bench/run

# Load test of `dyad serve` with wrk (bench/serve/README in bench/README.md).
bench-serve: build
	./bench/serve/run

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
