# mk/security.mk — the security module's extra steps (included by the
# top-level Makefile).
#   make oidc-deps   npm ci in tests/oidc/ (oidc-provider, pinned by its lock
#                    file) for the OpenID end-to-end test; quick when done
#   make fuzz        build the libFuzzer targets (clang) and run each for
#                    FUZZ_SECONDS (default 60) — CI runs FUZZ_SECONDS=30
FUZZBUILD    ?= build-fuzz
FUZZ_SECONDS ?= 60
OIDC_NPM_FLAGS ?= --no-audit --no-fund --loglevel=error

.PHONY: oidc-deps fuzz

tests/oidc/node_modules/.motcua-stamp: tests/oidc/package.json tests/oidc/package-lock.json
	cd tests/oidc && npm ci $(OIDC_NPM_FLAGS)
	@touch $@

oidc-deps: tests/oidc/node_modules/.motcua-stamp

$(FUZZBUILD)/build.ninja:
	CC=clang meson setup $(FUZZBUILD) -Dfuzz=true --buildtype=debugoptimized \
	  -Db_sanitize=address,undefined -Db_lundef=false

fuzz: deps $(FUZZBUILD)/build.ninja
	ninja -C $(FUZZBUILD)
	scripts/fuzz.sh $(FUZZBUILD) $(FUZZ_SECONDS)
