# The two commands of the README: `make run` and `make test`.
.PHONY: run test deps build release bench format format-check clean web fuzz fuzz-smoke serve-bench classify-compare
JOBS ?= 2
APT_PACKAGES := cmake g++ make clang-format libgtest-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev \
                libcpp-httplib-dev libgeographiclib-dev libosmium2-dev curl chromium clang libclang-rt-14-dev \
                python3-dev python3-pybind11 python3-pytest python3-pandas libsqlite3-dev gdal-bin \
                libopenmpi-dev openmpi-bin
# Node.js and npm (for the map): Debian's packages unless a node and an npm are already on the PATH.
NODE_PACKAGES := nodejs npm
FLAGSHIP := compare --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes 1000 \
            --avoid-sets "none;CN;CN,RU,IR" --landed-cost

# Installs whatever Debian packages are missing (needs root on a fresh machine).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then missing="$$missing $(NODE_PACKAGES)"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then echo "error: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

run: release
	./build/release/caravan $(FLAGSHIP)

# Format check, the ci build (asserts, -Werror) and its tests, the asan build and its tests, and
# the README quick start run against the built binary.
test: deps web format-check
	cmake --preset ci >/dev/null
	cmake --build --preset ci -j $(JOBS)
	ctest --preset ci
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan
	bash tests/integration/quickstart.sh build/ci/caravan
	$(MAKE) fuzz-smoke

# The map (web/dist) from the npm lockfile: no network once node_modules is there.
web: deps
	cd web && (test -d node_modules/playwright-core || npm ci --no-audit --no-fund) && node build.mjs

# libFuzzer on the request parsers (route, compare, landed-cost, compare-processing, deal by "job"):
# `make fuzz FUZZ_SECONDS=600`; make test runs it for a few seconds.
FUZZ_SECONDS ?= 300
fuzz: deps
	cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARAVAN_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" >/dev/null
	cmake --build build/fuzz -j $(JOBS) --target route_request_fuzz
	mkdir -p build/fuzz/corpus
	build/fuzz/tests/route_request_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	  -rss_limit_mb=4096 -print_final_stats=1 build/fuzz/corpus tests/fuzz/corpus
fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=5

# HTTP load: wrk, 64 connections for 30 s against /v1/route (docs/performance.md).
serve-bench: release
	@dpkg -s wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk)
	bash bench/serve_bench.sh build/release/caravan

# The HS classifier against fastText on the same split (docs/classification.md).
classify-compare: deps
	cmake --preset ci >/dev/null
	cmake --build --preset ci -j $(JOBS)
	@dpkg -s fasttext >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq fasttext)
	python3 tests/validation/classify_compare.py build/ci/caravan /tmp/caravan-classify-compare --write

format-check:
	@find src tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format --dry-run -Werror

bench: deps
	@dpkg -s libboost-graph-dev >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq libboost-graph-dev)
	cmake --preset bench >/dev/null
	cmake --build --preset bench -j $(JOBS)

format:
	find src tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build
