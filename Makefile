# Fieldbook: two commands on a fresh Debian 12 machine.
#   make run   install what is missing, build, start the desktop app (first-run screen; 看演示 opens the demo)
#   make test  install what is missing, run every test layer
SHELL := /bin/bash
.DEFAULT_GOAL := run
export PATH := $(HOME)/.cargo/bin:$(PATH)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Build and run the Tauri app; run it headless for the end-to-end test; Chinese fonts.
APT_PACKAGES := build-essential pkg-config curl libwebkit2gtk-4.1-dev xvfb xauth \
	webkit2gtk-driver fonts-noto-cjk poppler-utils sqlite3
NODE_MIN := 20.19
TAURI_DRIVER_VERSION := 2.1.0
# The Tauri bundler's CLI (crates.io), for `make package`.
TAURI_CLI_VERSION := 2.12.4
XVFB := xvfb-run -a -s "-screen 0 1280x800x24"
UI_SOURCES := $(shell find ui/src -type f 2>/dev/null) ui/index.html ui/vite.config.ts \
	ui/tsconfig.json ui/package.json

.PHONY: run run-demo test deps deps-system deps-node deps-rust deps-ui deps-e2e deps-package build ui \
	fmt-check clippy cargo-test core-has-no-tauri ui-check e2e package package-test bench-startup bindings clean \
	soak bench-scale

run: deps build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "No display found: starting under Xvfb, the window will not be visible."; \
		$(XVFB) ./target/debug/fieldbook-desktop; \
	else ./target/debug/fieldbook-desktop; fi

# Opens the demo county's own database (beside the real one) instead of the first-run screen.
run-demo: deps build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "No display found: starting under Xvfb, the window will not be visible."; \
		$(XVFB) ./target/debug/fieldbook-desktop --demo; \
	else ./target/debug/fieldbook-desktop --demo; fi

test: deps deps-e2e fmt-check clippy cargo-test core-has-no-tauri ui-check e2e package-test
	@echo "make test: every layer passed"

# --- installing what is missing -----------------------------------------------------------

deps: deps-system deps-node deps-rust deps-ui

deps-system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

deps-node:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
		echo "Installing Node.js from Debian"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; \
	fi
	@have=$$(node -p process.versions.node); \
	if [ "$$(printf '%s\n' "$(NODE_MIN)" "$$have" | sort -V | head -n1)" != "$(NODE_MIN)" ]; then \
		echo "Node.js $$have is too old: the UI build (Vite 7) needs $(NODE_MIN) or newer."; exit 1; \
	fi

deps-rust:
	@command -v cargo >/dev/null || { echo "cargo not found: install Rust 1.90 or newer (https://rustup.rs)"; exit 1; }
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

deps-ui: ui/node_modules/.installed

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

deps-e2e:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)

deps-package:
	@cargo tauri --version 2>/dev/null | grep -q '$(TAURI_CLI_VERSION)' || \
		cargo install tauri-cli --locked --version $(TAURI_CLI_VERSION)

# --- building -----------------------------------------------------------------------------

ui: ui/dist/index.html

# The desktop crate embeds ui/dist at compile time, so the UI is built before any cargo step.
ui/dist/index.html: ui/node_modules/.installed $(UI_SOURCES)
	cd ui && npm run build

build: ui
	cargo build --workspace

bindings: ui
	UPDATE_BINDINGS=1 cargo test -p fieldbook-desktop --test bindings

# --- test layers --------------------------------------------------------------------------

fmt-check:
	cargo fmt --all -- --check

clippy: ui
	cargo clippy --workspace --all-targets -- -D warnings

cargo-test: ui
	cargo test --workspace

# The core library must stay free of Tauri: everything a county scripts runs without a window.
core-has-no-tauri:
	@if cargo tree -p fieldbook -e normal,build --prefix none | grep -E '^tauri(-|\s)'; then \
		echo "the fieldbook core library depends on tauri (see above)"; exit 1; \
	else echo "core-has-no-tauri: ok"; fi

ui-check: deps-ui
	cd ui && npm run typecheck && npm test

e2e: build
	$(XVFB) node tests/e2e/places.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/agreement.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/inspection.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/training.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/programmes.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/funds.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/sheets.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/print.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/sync.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/sync-county.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/first-run.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/encryption.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/backup.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/dashboard.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook
	$(XVFB) node tests/e2e/checks.e2e.mjs target/debug/fieldbook-desktop target/debug/fieldbook

# Cold start of the release build to the first-run screen and to the demo's places screen
# (median of five; a figure, never a test).
bench-startup: deps deps-e2e ui
	cargo build --release -p fieldbook-desktop -p fieldbook
	$(XVFB) node tests/e2e/startup-figures.mjs target/release/fieldbook-desktop target/release/fieldbook

# The soak (not in `make test`): 托里县's hub and three laptops over SOAK_ROUNDS random rounds
# with SIGKILLed CLI runs; SOAK_SEED replays a run (printed at the start). Debug build: the
# core's debug build is what the other targets compile, and SQLite is optimised even there.
SOAK_ROUNDS ?= 500
soak:
	SOAK_ROUNDS=$(SOAK_ROUNDS) $(if $(SOAK_SEED),SOAK_SEED=$(SOAK_SEED)) \
		nice cargo test -p fieldbook --test soak -- --ignored --nocapture --test-threads 1

# The scale bench (not in `make test`): a county hub of SCALE_N generated households with
# members, agreements, ledgers, attendance and inspections, then search, the register import,
# a 100k-change sync import, the checks, the dashboard and a yearly report on it; prints a
# table (docs/scale.md). SCALE_DIR holds the database while it runs (~1.5 KB per household).
SCALE_N ?= 100000
bench-scale:
	SCALE_N=$(SCALE_N) $(if $(SCALE_DIR),SCALE_DIR=$(SCALE_DIR)) $(if $(SCALE_RUNS),SCALE_RUNS=$(SCALE_RUNS)) $(if $(SCALE_KEEP),SCALE_KEEP=1) \
		nice cargo bench -p fieldbook --bench scale

# --- fuzzing (not in `make test`) ----------------------------------------------------------

# Every cargo-fuzz target (fuzz/fuzz_targets/) for FUZZ_SECONDS each, one after another, from its
# committed seeds (fuzz/seeds/) and what earlier runs found (fuzz/corpus/). A crash stops the run
# and leaves the input in fuzz/artifacts/<target>/ (docs/testing.md "Fuzzing"). Needs the
# nightly toolchain: skipped with a message without it; cargo-fuzz is installed when missing.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := batch_sealed batch_plain container package xlsx csv resident_id credit_code wrap

fuzz:
	@if ! cargo +nightly --version >/dev/null 2>&1; then \
		echo "make fuzz: skipped: no nightly toolchain (rustup toolchain install nightly)"; exit 0; \
	fi; \
	cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked || exit 1; \
	cd fuzz && nice cargo +nightly fuzz build || exit 1; \
	for target in $(FUZZ_TARGETS); do \
		mkdir -p corpus/$$target; \
		echo "make fuzz: $$target for $(FUZZ_SECONDS) s"; \
		nice cargo +nightly fuzz run $$target corpus/$$target seeds/$$target -- \
			-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
			|| exit 1; \
	done; \
	echo "make fuzz: every target ran $(FUZZ_SECONDS) s without a finding"

# --- the installer ------------------------------------------------------------------------

# The .deb for township laptops and the county hub (release build): the desktop app, the
# `fieldbook` CLI, the print fonts. Lands in target/release/bundle/deb/.
package: deps deps-package ui
	cargo build --release -p fieldbook --bin fieldbook
	mkdir -p target/package && cp target/release/fieldbook target/package/fieldbook
	cd src-tauri && cargo tauri build --bundles deb

# The same package from the debug build (what `make test` has compiled already), checked:
# its contents and dependencies, then unpacked into an empty root and started under Xvfb to
# see the first-run screen.
package-test: deps-package build
	mkdir -p target/package && cp target/debug/fieldbook target/package/fieldbook
	cd src-tauri && cargo tauri build --debug --bundles deb
	$(XVFB) tests/package/check-deb.sh target/debug/bundle/deb

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
