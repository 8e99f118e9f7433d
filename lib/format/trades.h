/* trades — read trades.tsv (liq(7), DATA CONTRACTS: cusip date time price
 * qty side, extra columns ignored) from one or more files as one stream,
 * checking every field and the sort order (cusip, date, time).
 *
 *     liq_trades *in = liq_trades_open(files, nfiles);   // NULL/0: stdin
 *     liq_trade t;
 *     while (liq_trades_next(in, &t))
 *         ... liq_trades_cusip(in) is t's cusip; liq_trades_new_bond(in)
 *             says whether t starts a new bond ...
 *     liq_trades_close(in);
 *
 * Bad data exits 1 with file:line and the value; a missing column exits 2.
 * Unsorted input exits 1 naming the line and the sort command that fixes
 * it. A trade dated on a Saturday or Sunday belongs to the following
 * Monday's business day (its bday field), keeping its own date and time.
 */
#ifndef LIQ_TRADES_H
#define LIQ_TRADES_H

#include "core/window.h"

typedef struct liq_trades liq_trades;

/* Open the files (NULL or nfiles == 0: standard input). Nothing is read
 * until the first liq_trades_next(). */
liq_trades *liq_trades_open(char *const *files, int nfiles);

/* Next trade into *t; 0 at the end of the last file. */
int liq_trades_next(liq_trades *in, liq_trade *t);

/* Peek at the next trade without consuming it; 0 at the end. */
int liq_trades_peek(liq_trades *in, const liq_trade **t);

/* CUSIP of the trade last returned by liq_trades_next(). */
const char *liq_trades_cusip(const liq_trades *in);

/* 1 if the trade last returned starts a new bond. */
int liq_trades_new_bond(const liq_trades *in);

/* 1 if the trade liq_trades_peek() shows starts a new bond. */
int liq_trades_new_bond_ahead(const liq_trades *in);

/* 1 if any input had a header line (an empty input has none). */
int liq_trades_had_header(const liq_trades *in);

/* Rows read so far. */
long liq_trades_count(const liq_trades *in);

void liq_trades_close(liq_trades *in);

#endif
