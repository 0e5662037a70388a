# zhibiao — build, test, demo, install.
#
#   make          build ./zhibiao (and build/libzbcore.a, the core as a C library)
#   make test     C tests (normal and under ASan+UBSan), CLI and Lua tests
#   make demo     the main job: monitoring and rollup reports as HTML and XLSX in out/
#   make install  PREFIX=/usr/local
#   make fuzz     libFuzzer targets (clang), FUZZ_SECONDS each (default 60)
#   make memcheck the demo, the commands and the Lua tests under valgrind
#   make bench    zhibiao against DuckDB on a synthetic national panel (bench/RESULTS.md)
#
# `make test` and `make demo` first check the Debian packages the build needs
# and install the missing ones when run as root (else print the apt-get line).

CC       ?= cc
PREFIX   ?= /usr/local
BUILD    := build
PKG_DEPS := build-essential pkg-config liblua5.4-dev zlib1g-dev libcmocka-dev \
            libreadline-dev libutf8proc-dev libxlsxwriter-dev \
            python3 python3-openpyxl chromium fonts-noto-cjk

LUA_CFLAGS := $(shell pkg-config --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)
LUA_LIBS   := $(shell pkg-config --libs lua5.4 2>/dev/null || echo -llua5.4)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Icore
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 $(WARN)
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
CORE_LIBS := -lutf8proc -lz -lm -pthread
LDLIBS   := $(LUA_LIBS) -lreadline -lxlsxwriter $(CORE_LIBS)

CORE_SRC := $(sort $(wildcard core/*.c))
LUA_SRC  := $(sort $(wildcard lua/*.c))
TEST_SRC := $(sort $(wildcard tests/core/test_*.c))

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
LUA_OBJ  := $(LUA_SRC:%.c=$(BUILD)/%.o)
ASAN_CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/asan/%.o)
TESTS      := $(TEST_SRC:tests/core/%.c=$(BUILD)/tests/%)
ASAN_TESTS := $(TEST_SRC:tests/core/%.c=$(BUILD)/asan/tests/%)
# The fuzz targets built with a plain main under ASan+UBSan, to replay the
# inputs that once crashed them (tests/cli/test_fuzz.sh).
FUZZ_REPLAY := $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/asan/fuzz/replay_%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all test demo install clean deps fuzz fuzz-deps memcheck bench bench-tools

# A failed link must not leave a truncated binary that make thinks is current.
.DELETE_ON_ERROR:

all: zhibiao

zhibiao: $(LUA_OBJ) $(BUILD)/libzbcore.a
	$(CC) $(CFLAGS) -o $@ $(LUA_OBJ) $(BUILD)/libzbcore.a $(LDLIBS)

$(BUILD)/libzbcore.a: $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/core/%.o: core/%.c core/*.h | $(BUILD)/core
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/lua/%.o: lua/%.c lua/*.h core/*.h | $(BUILD)/lua
	$(CC) $(CPPFLAGS) -Ilua $(LUA_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/asan/core/%.o: core/%.c core/*.h | $(BUILD)/asan/core
	$(CC) $(CPPFLAGS) -std=c11 $(WARN) $(SANFLAGS) -c -o $@ $<

$(BUILD)/asan/libzbcore.a: $(ASAN_CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tests/%: tests/core/%.c tests/core/*.h $(BUILD)/libzbcore.a | $(BUILD)/tests
	$(CC) $(CPPFLAGS) -Itests/core $(CFLAGS) -o $@ $< $(BUILD)/libzbcore.a -lcmocka $(CORE_LIBS)

$(BUILD)/asan/tests/%: tests/core/%.c tests/core/*.h $(BUILD)/asan/libzbcore.a | $(BUILD)/asan/tests
	$(CC) $(CPPFLAGS) -Itests/core -std=c11 $(WARN) $(SANFLAGS) -o $@ $< $(BUILD)/asan/libzbcore.a -lcmocka $(CORE_LIBS)

$(BUILD)/asan/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(BUILD)/asan/libzbcore.a | $(BUILD)/asan/fuzz
	$(CC) $(CPPFLAGS) -std=c11 $(WARN) $(SANFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/asan/libzbcore.a $(CORE_LIBS)

# fuzz_lua drives the Lua API: it links the lua/ objects (all but main).
ASAN_LUA_OBJ := $(patsubst %.c,$(BUILD)/asan/%.o,$(filter-out lua/zb_main.c,$(LUA_SRC)))

$(BUILD)/asan/lua/%.o: lua/%.c lua/*.h core/*.h | $(BUILD)/asan/lua
	$(CC) $(CPPFLAGS) -Ilua $(LUA_CFLAGS) -std=c11 $(WARN) $(SANFLAGS) -c -o $@ $<

$(BUILD)/asan/fuzz/replay_lua: tests/fuzz/fuzz_lua.c tests/fuzz/replay.c $(ASAN_LUA_OBJ) $(BUILD)/asan/libzbcore.a | $(BUILD)/asan/fuzz
	$(CC) $(CPPFLAGS) -Ilua $(LUA_CFLAGS) -std=c11 $(WARN) $(SANFLAGS) -o $@ $< tests/fuzz/replay.c $(ASAN_LUA_OBJ) $(BUILD)/asan/libzbcore.a $(LDLIBS)

$(BUILD)/core $(BUILD)/lua $(BUILD)/asan/core $(BUILD)/asan/lua $(BUILD)/tests $(BUILD)/asan/tests $(BUILD)/asan/fuzz:
	@mkdir -p $@

# Checks (and as root installs) the Debian packages; see tests/deps.sh.
deps:
	@sh tests/deps.sh $(PKG_DEPS)

test: deps
	@$(MAKE) --no-print-directory zhibiao $(TESTS) $(ASAN_TESTS) $(FUZZ_REPLAY)
	@sh tests/run.sh $(TESTS) $(ASAN_TESTS)

# The main job: the monitoring report of 七星关区 and the rollup report of
# 毕节市 as HTML (open in a browser, prints on A4) and XLSX (Excel/WPS).
demo: deps
	@$(MAKE) --no-print-directory zhibiao
	@mkdir -p out
	@./zhibiao report progress --data datasets/qixingguan --region 520502 -o out/progress-520502.html
	@./zhibiao report progress --data datasets/qixingguan --region 520502 -o out/progress-520502.xlsx -q
	@echo
	@./zhibiao report rollup --data datasets/bijie-synthetic --region 520500 -o out/rollup-520500.html
	@./zhibiao report rollup --data datasets/bijie-synthetic --region 520500 -o out/rollup-520500.xlsx -q
	@echo
	@echo "报表在 $(CURDIR)/out/ / the reports are in $(CURDIR)/out/:"
	@echo "  out/progress-520502.html  七星关区“十三五”规划实施监测报告（浏览器打开，可按 A4 打印）"
	@echo "  out/progress-520502.xlsx  同上，Excel/WPS 工作簿"
	@echo "  out/rollup-520500.html    毕节市主要指标汇总报告（县级数据为合成数据）"
	@echo "  out/rollup-520500.xlsx    同上，Excel/WPS 工作簿"

install: zhibiao
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/zhibiao $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/zhibiao
	install -m 755 zhibiao $(DESTDIR)$(PREFIX)/bin/zhibiao
	cp -R scripts datasets $(DESTDIR)$(PREFIX)/share/zhibiao/
	install -d $(DESTDIR)$(PREFIX)/share/zhibiao/lua
	for f in lua/*.lua; do [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/zhibiao/lua/ || true; done
	install -d $(DESTDIR)$(PREFIX)/share/zhibiao/lua/report
	install -m 644 lua/report/*.lua $(DESTDIR)$(PREFIX)/share/zhibiao/lua/report/
	install -m 644 $(BUILD)/libzbcore.a $(DESTDIR)$(PREFIX)/lib/libzbcore.a
	install -m 644 core/*.h $(DESTDIR)$(PREFIX)/include/zhibiao/

# The binary under valgrind: demo, commands, Lua tests, the bad-input
# corpus (tests/memcheck.sh).  valgrind is checked like the other packages.
memcheck:
	@sh tests/deps.sh valgrind
	@$(MAKE) --no-print-directory zhibiao
	@sh tests/memcheck.sh

# ---- fuzzing: clang's libFuzzer with ASan+UBSan (tests/fuzz/) ----
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_PKGS    := clang libclang-rt-14-dev
FUZZ_TARGETS := csv spec num lua
FUZZ_SAN     := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/fuzz/%.o)
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

$(BUILD)/fuzz/core/%.o: core/%.c core/*.h | $(BUILD)/fuzz/core
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_CORE_OBJ)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_CORE_OBJ) $(CORE_LIBS)

# fuzz_lua links the lua/ objects too (all but zb_main.c, which has main).
FUZZ_LUA_OBJ := $(patsubst %.c,$(BUILD)/fuzz/%.o,$(filter-out lua/zb_main.c,$(LUA_SRC)))

$(BUILD)/fuzz/lua/%.o: lua/%.c lua/*.h core/*.h | $(BUILD)/fuzz/lua
	$(FUZZ_CC) $(CPPFLAGS) -Ilua $(LUA_CFLAGS) -std=c11 $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

$(BUILD)/fuzz/fuzz_lua: tests/fuzz/fuzz_lua.c $(FUZZ_LUA_OBJ) $(FUZZ_CORE_OBJ)
	$(FUZZ_CC) $(CPPFLAGS) -Ilua $(LUA_CFLAGS) -std=c11 $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_LUA_OBJ) $(FUZZ_CORE_OBJ) $(LDLIBS)

$(BUILD)/fuzz/core $(BUILD)/fuzz/lua:
	@mkdir -p $@

# Kept between runs: make would otherwise delete them as intermediates.
.SECONDARY: $(FUZZ_CORE_OBJ) $(FUZZ_LUA_OBJ) $(ASAN_LUA_OBJ)

fuzz-deps:
	@sh tests/deps.sh $(FUZZ_PKGS)

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BINS)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The benchmark's tools: the data generator, the floor probe, the measurer.
BENCH_TOOLS := bench/build/gen bench/build/floor bench/build/measure

bench/build/gen: bench/gen.c | bench/build
	$(CC) $(CFLAGS) -o $@ $< -lz -lm

bench/build/floor: bench/floor.c core/zb_num.h $(BUILD)/libzbcore.a | bench/build
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libzbcore.a $(CORE_LIBS)

bench/build/measure: bench/measure.c | bench/build
	$(CC) $(CFLAGS) -o $@ $<

bench/build:
	@mkdir -p $@

bench-tools: zhibiao $(BENCH_TOOLS)

# BENCH_SCALE=medium (or small) and BENCH_RUNS=N for shorter runs.
bench: deps
	@$(MAKE) --no-print-directory bench-tools
	@sh bench/run.sh

clean:
	rm -rf $(BUILD) zhibiao out bench/build
