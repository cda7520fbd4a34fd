# The two commands of the README: `make run` and `make test`.
.PHONY: run test deps build release bench format format-check clean
JOBS ?= 2
APT_PACKAGES := cmake g++ make clang-format libgtest-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev
FLAGSHIP := compare --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes 1000 \
            --avoid-sets "none;CN;CN,RU,IR"

# Installs whatever Debian packages are missing (needs root on a fresh machine).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
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
test: deps format-check
	cmake --preset ci >/dev/null
	cmake --build --preset ci -j $(JOBS)
	ctest --preset ci
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan
	bash tests/integration/quickstart.sh build/ci/caravan

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
