#!/usr/bin/env bats
# The dashboard in a real browser: headless Debian chromium driven by
# playwright-core (tests/browser/dashboard.js) opens each tab, uses the
# screener's filter and the pre-trade form, finds no console error, and
# saves a screenshot of each tab here and in build/screenshots/.

load test_helper
load liqserve_helper

setup_file() {
	export U="$BATS_FILE_TMPDIR/u"
	make_universe "$U"
}

teardown() {
	if [ -n "${SPID:-}" ]; then kill -KILL "$SPID" 2> /dev/null || true; fi
}

@test "five tabs in chromium, no console errors, a screenshot of each" {
	if [ ! -d "$LIQ_ROOT/tests/browser/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
		# a packager's build without network skips it; everyone else fails
		[ -n "${LIQ_NO_DEPS:-}" ] && skip "LIQ_NO_DEPS: no chromium or playwright-core"
		fail "chromium or playwright-core is missing: run make deps"
	fi
	start_full
	run -0 node "$LIQ_ROOT/tests/browser/dashboard.js" "$URL" shots
	stop_server
	sed 's/^/# /' <<< "$output" >&3
	refute_output --partial 'not ok'
	for t in screener breakdown pretrade impact universe; do
		assert [ -s "shots/$t.png" ]
	done
	mkdir -p "$LIQ_ROOT/build/screenshots"
	cp shots/*.png "$LIQ_ROOT/build/screenshots/"
}
