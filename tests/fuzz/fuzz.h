/* fuzz — what the harnesses share: the input as a file, liq_exit() turned
 * into a longjmp, and the allocations and open files of one input, freed
 * when a reader gives up on bad data.
 *
 *     int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
 *         const char *path = fuzz_file(data, size);  // "/proc/self/fd/N"
 *         if (FUZZ_TRY()) {
 *             ... read path with the library; it may exit 1 or 2 ...
 *         }
 *         fuzz_end();  // frees what a reader left when it exited
 *         return 0;
 *     }
 *
 * The harnesses are linked with -Wl,--wrap for malloc, calloc, realloc,
 * free, strdup, open, close, fopen and fclose (FUZZ_WRAP in the
 * Makefile): between FUZZ_TRY() and fuzz_end() every block and file the
 * library (and the static libcsv) takes is recorded, and what an exit
 * left behind is released, so that an input that ends in an error
 * leaks nothing and the next input starts clean.
 */
#ifndef LIQ_FUZZ_H
#define LIQ_FUZZ_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

extern jmp_buf fuzz_jmp;
extern int fuzz_exit_code;

/* Start an input: record its allocations and catch liq_exit(). Non-zero
 * (the body runs) the first time; 0 when the library exited. */
#define FUZZ_TRY() (fuzz_begin(), setjmp(fuzz_jmp) == 0)
void fuzz_begin(void);

/* End an input: stop recording; after an exit, free every block and
 * close every file still recorded. Returns the exit code (0: none). */
int fuzz_end(void);

/* Make liq_exit() abort instead (a harness over code that must never
 * exit, as the server's request handling). */
void fuzz_exit_is_crash(void);

/* The input as a file that liq_tsv_open() or fopen() can read: its path.
 * The same memory file is rewritten for each input. */
const char *fuzz_file(const uint8_t *data, size_t size);

/* A stream to write outputs to (/dev/null). */
#include <stdio.h>
FILE *fuzz_sink(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
