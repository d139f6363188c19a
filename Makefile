# StarDesk: `make run` opens the app; `make test` runs every check. Both install what is
# missing first (scripts/deps.sh).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# One cargo target directory outside the clone, shared by every clone on this machine:
# cargo keys artifacts by package path and flags, so sharing is safe and makes a fresh
# clone's build reuse compiled dependencies. Override with CARGO_TARGET_DIR.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/stardesk/target
export PATH := $(HOME)/.cargo/bin:$(PATH)

APP_BIN := $(CARGO_TARGET_DIR)/debug/stardesk-app
SANDBOX_BIN := $(CARGO_TARGET_DIR)/debug/stardesk-sandbox
ARTIFACTS := $(CURDIR)/artifacts
# A headless Secret Service for the keychain tests (gnome-keyring on a private D-Bus).
KEYRING = dbus-run-session -- bash scripts/with-keyring.sh

.PHONY: run test deps-run deps-test ui lint test-rust test-ui test-e2e app app-test check-seam release bench clean

run: deps-run ui
	cargo run -p stardesk-app

deps-run:
	@bash scripts/deps.sh run

deps-test:
	@bash scripts/deps.sh test

ui:
	cd ui && npm run build

app: ui
	cargo build -p stardesk-app

# The app as the end-to-end tests drive it: with the dialog test seam
# (STARDESK_TEST_PICK_DIR, see src-tauri/Cargo.toml). `make run` and releases never have it.
# The standalone sandbox is the platform the tests take away and bring back.
app-test: ui
	cargo build -p stardesk-app --features test-seam
	cargo build -p stardesk-sandbox

# The app a user runs has no test seam: its binary does not even name the variable.
check-seam: app
	@if grep -q STARDESK_TEST_PICK_DIR $(APP_BIN); then \
	  echo "check-seam: $(APP_BIN) contains the test seam; it must be built only with --features test-seam" >&2; exit 1; \
	else echo "check-seam: the app built without the test-seam feature has no test seam"; fi

release: ui
	cargo build --release -p stardesk-app -p stardesk-cli -p stardesk-sandbox

lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	cargo clippy -p stardesk-app --all-targets -- -D warnings
	cd ui && npm run check

test-rust: ui
	$(KEYRING) cargo test --workspace --no-fail-fast

test-ui:
	cd ui && npm test

test-e2e: app-test
	mkdir -p $(ARTIFACTS)
	$(KEYRING) bash scripts/e2e.sh $(APP_BIN) $(ARTIFACTS) $(SANDBOX_BIN)

test: deps-test lint test-ui test-rust check-seam test-e2e

# The packages first (the UI's build needs its Node modules), then the UI, then the runs.
bench:
	@bash scripts/deps.sh bench
	$(MAKE) ui
	bash bench/run.sh

clean:
	cargo clean
	rm -rf ui/dist artifacts
