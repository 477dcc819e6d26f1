# mk/web.mk — the web front end's dependencies and the browser tests
# (included by the top-level Makefile).
#   make web-deps      npm ci in web/ and tests/browser/, then ECharts into web/vendor/
#                      (quick when nothing changed: stamp files follow the lock files)
#   make test-browser  build, then tests/browser/run.sh: a real motcua server on a
#                      fresh demo database, Debian's chromium headless, screenshots in
#                      tests/artifacts/screenshots/
NPM_FLAGS ?= --no-audit --no-fund --loglevel=error
WEB_VENDOR := web/vendor/echarts.esm.min.mjs

.PHONY: web-deps test-browser

web/node_modules/.motcua-stamp: web/package.json web/package-lock.json
	cd web && npm ci $(NPM_FLAGS)
	@touch $@

tests/browser/node_modules/.motcua-stamp: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci $(NPM_FLAGS)
	@touch $@

$(WEB_VENDOR): web/node_modules/.motcua-stamp
	@mkdir -p web/vendor
	cp web/node_modules/echarts/dist/echarts.esm.min.mjs $@
	cp web/node_modules/echarts/LICENSE web/vendor/echarts-LICENSE.txt

web-deps: $(WEB_VENDOR) tests/browser/node_modules/.motcua-stamp

test-browser: build web-deps
	tests/browser/run.sh $(BUILD)
