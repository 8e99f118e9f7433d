/* fuzz-tsv — the TSV reader (core/tsv.h) over any bytes, with the options
 * the tools use. The first byte chooses them, the rest is the file:
 *   bit 0   '|' as separator (FINRA's files) instead of a tab
 *   bit 1   '\r\n' line ends allowed (trace-clean)
 *   bits 2-3  rows by liq_tsv_next, liq_tsv_next_any or liq_tsv_next_line
 *   bit 4   peek at the first line before the header
 *   bit 5   liq_tsv_need() of a column "date" (exit 2 when missing)
 * Every field of a row is read as a number, a required number or a date
 * in turn; a bad one ends the input with exit 1, as in the tools. */
#include "fuzz.h"

#include "core/diag.h"
#include "core/tsv.h"

#include <string.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	liq_init("fuzz-tsv");
	liq_quiet = 1;
	return 0;
}

static liq_tsv *r;

static void
read_all(const char *path, unsigned opt)
{
	int mode = (opt >> 2) & 3, i, k = 0;
	size_t len;
	const char *line;
	double sum = 0;

	r = liq_tsv_open(path);
	if (opt & 1)
		liq_tsv_set_sep(r, '|');
	if (opt & 2)
		liq_tsv_allow_crlf(r);
	if (opt & 16) {
		line = liq_tsv_peek(r, &len);
		if (line && len && memchr(line, '\n', len))
			__builtin_trap();   /* a peeked line holds no '\n' */
	}
	if (mode == 3) {
		while ((line = liq_tsv_next_line(r)) != NULL)
			sum += (double)strlen(line);
		return;
	}
	if (!liq_tsv_header(r))
		return;
	if (opt & 32)
		(void)liq_tsv_need(r, "date");
	(void)liq_tsv_col(r, "price");
	for (;;) {
		if (mode == 1 ? !liq_tsv_next_any(r) : !liq_tsv_next(r))
			break;
		for (i = 0; i < r->nf && i < r->nhdr; i++, k++) {
			switch (k % 3) {
			case 0: sum += liq_tsv_num(r, i); break;
			case 1: sum += liq_tsv_num_req(r, i); break;
			case 2: sum += liq_tsv_date(r, i); break;
			}
		}
	}
	(void)sum;
}

/* one input; apart, so that nothing changes after the setjmp() */
static void
one(const char *path, unsigned opt)
{
	r = NULL;
	if (FUZZ_TRY())
		read_all(path, opt);
	/* after an exit the record has freed r; otherwise close it here */
	if (!fuzz_end())
		liq_tsv_close(r);
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
