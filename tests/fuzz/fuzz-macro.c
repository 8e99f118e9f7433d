/* fuzz-macro — the macro series reader (format/macro.h: liq TSV or FRED's
 * CSV) over any bytes. The input is the file; it is loaded twice into the
 * same set (the second load must stop on the repeated series, exit 2),
 * then every series is looked up on a few days. */
#include "fuzz.h"

#include "core/diag.h"
#include "format/macro.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	liq_init("fuzz-macro");
	liq_quiet = 1;
	return 0;
}

static void
load(const char *path)
{
	liq_macro *m = liq_macro_new();
	double sum = 0;
	int i, d;

	liq_macro_load(m, path);
	for (i = 0; i < m->ncols; i++)
		for (d = -1; d < 3; d++)
			sum += liq_macro_at(m, i, m->c[i].n ? m->c[i].day[0] + d : d);
	(void)sum;
	if (m->ncols)
		liq_macro_load(m, path);   /* exits 2: the series repeat */
	liq_macro_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);

	if (FUZZ_TRY())
		load(path);
	fuzz_end();
	return 0;
}
