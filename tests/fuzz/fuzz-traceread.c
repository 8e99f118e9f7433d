/* fuzz-traceread — the raw TRACE reader (clean/traceread.h) and the
 * cleaning (clean/clean.h) over any bytes, as trace-clean runs them. The
 * first byte chooses the options, the rest is the file:
 *   bits 0-2  --format: (bits % 5) auto, wrds, finra, academic, public
 *   bit 3   the screens off (--keep-when-issued, -special-price,
 *           -settlement, -locked-in, -agency, -price-range), so that a
 *           header without their columns is read
 *   bit 4   --keep-dealer-buys
 *   bit 5   --keep-price-errors
 *   bit 6   --settle-days 2 (else the regular cycle)
 *   bit 7   --window 1 --bounce-pct 5
 * The cleaned trades, the rejects and the audit table are written to
 * /dev/null; the warnings go to stderr. */
#include "fuzz.h"

#include "clean/clean.h"
#include "clean/traceread.h"
#include "core/diag.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	liq_init("fuzz-traceread");
	liq_quiet = 1;
	return 0;
}

static liq_clean *c;
static liq_trace_in *in;

static void
clean(const char *path, unsigned opt)
{
	liq_clean_opts o;
	liq_trace_rec rec;
	int need = LIQ_NEED_WIS | LIQ_NEED_SPCL | LIQ_NEED_STTL;
	FILE *out = fuzz_sink();

	liq_clean_defaults(&o);
	if (opt & 8) {
		o.keep_when_issued = o.keep_special_price = 1;
		o.keep_settlement = o.keep_locked_in = o.keep_agency = 1;
		o.keep_price_range = 1;
		need = 0;
	}
	o.keep_dealer_buys = !!(opt & 16);
	o.keep_price_errors = !!(opt & 32);
	if (opt & 64)
		o.settle_days = 2;
	if (opt & 128) {
		o.window = 1;
		o.bounce = 0.05;
	}
	c = liq_clean_new(&o);
	in = liq_trace_open(path, (liq_trace_fmt)((opt & 7) % 5), need);
	liq_clean_file(c, liq_trace_name(in));
	while (liq_trace_next(in, &rec))
		liq_clean_add(c, &rec);
	liq_clean_crlf(c, liq_trace_crlf(in));
	liq_trace_close(in);
	in = NULL;
	liq_clean_run(c);
	liq_clean_write(c, out);
	liq_clean_write_rejects(c, out);
	liq_clean_audit(c, out);
	liq_clean_warn_unmatched(c);
	liq_clean_warn_capped(c);
	liq_clean_free(c);
	c = NULL;
}

/* one input; apart, so that nothing changes after the setjmp() */
static void
one(const char *path, unsigned opt)
{
	if (FUZZ_TRY())
		clean(path, opt);
	fuzz_end();   /* after an exit: frees what c and in held */
	c = NULL;
	in = NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		one(fuzz_file(data, 0), 0);
	else
		one(fuzz_file(data + 1, size - 1), data[0]);
	return 0;
}
