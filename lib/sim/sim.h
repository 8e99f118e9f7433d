/* sim — the trace-sim model: a bond universe, a macro series, latent
 * liquidity, trades and raw TRACE reports with planted errors, and the
 * truth every estimator is tested against. The model is documented in
 * trace-sim(1), section MODEL; the constants below are its parameters.
 *
 *     liq_sim_opts o;  liq_sim_defaults(&o);  o.seed = 7;
 *     const char *err;
 *     liq_sim *s = liq_sim_new(&o, &err);  // universe, macro, latent paths
 *     if (!s) ... err says which options disagree ...
 *     liq_sim_hooks h = { ctx, on_report, on_trade, on_day_end };  // any NULL
 *     liq_sim_run(s, &h);                  // trades and reports, day by day
 *     liq_sim_free(s);
 *
 * Deterministic: one GSL mt19937 stream seeded with o.seed, drawn in a
 * fixed order, so the same options give the same output.
 *
 * The modules: universe.c (liq_sim_new: bonds, macro, latent paths),
 * reports.c (liq_sim_run: trades and reports, day by day), side-files.c
 * (the liq_sim_write_* writers); their shared state is sim-internal.h.
 */
#ifndef LIQ_SIM_H
#define LIQ_SIM_H

#include "ref/rating.h"

#include <stddef.h>
#include <stdio.h>

#define LIQ_SIM_NSECTORS 10
#define LIQ_SIM_NRATINGS LIQ_NRATINGS

typedef struct liq_sim_opts {
	unsigned long seed;
	int nbonds;
	int start, end;        /* days since epoch, inclusive */
	double impact_scale;   /* scales temporary + permanent impact and noise */
	double cust_share;     /* share of trades with a customer */
	double cancel_rate;    /* planted error rates, per real trade */
	double correct_rate;
	double reverse_rate;
	double shift_rate;
	double special_rate;
	double settle_rate;
	double asof_rate;
	double jump_rate;      /* genuine price jumps per bond-day */
	/* the market's realism (trace-sim(1), MODEL); 0 turns each off */
	double markup;         /* scale of the size-decreasing customer markup */
	double pressure;       /* scale of the transitory inventory pressure */
	double riskless;       /* share of customer trades with a dealer leg */
	double off_hours;      /* scale of after-hours/weekend/holiday rates */
	double dormancy;       /* scale of the ageing that makes bonds dormant */
	double alpha0;         /* scale of the planted temporary impact alpha */
	double lambda_a;       /* orders a day = exp(lambda_a + 1.15 L) */
} liq_sim_opts;

/* Fill o with the documented defaults (seed 1, 500 bonds, 2020-01-02 to
 * 2023-12-29, impact scale 1, ...). */
void liq_sim_defaults(liq_sim_opts *o);

typedef struct liq_sim_bond {
	char cusip[10];
	char issuer[16];
	int sector;            /* 0 .. LIQ_SIM_NSECTORS-1 */
	int rating;            /* 1 .. 22 */
	double coupon;         /* percent */
	int issue, maturity;   /* days */
	double amount;         /* $ par outstanding */
	/* planted parameters */
	double base;           /* static part of latent liquidity */
	double stress_beta;    /* loading of latent liquidity on macro stress */
	double alpha, beta;    /* temporary impact alpha*sigma*(q/ADV)^beta */
	double kyle;           /* permanent impact, bps per $1MM signed */
	double press_k;        /* pressure of a day's net flow of one ADV, in sigma */
	double markup;         /* customer markup at $100k, bps, above h */
	double sigma0;         /* base daily volatility, bps */
	/* truth, averaged over the bond's business days in the sample */
	double sigma_bps;      /* RMS daily volatility */
	double adv_usd;        /* expected average daily par volume */
	double half_spread_bps; /* median over days of the day's half spread */
	double half_spread_trade_bps; /* mean over trades (intensity-weighted) */
	double liquidity;      /* mean latent liquidity */
	double trades_per_day; /* expected */
	double max_size;       /* largest trade, $ (20 days of volume, >= $50k) */
	double mean_size;      /* expected trade size, $ */
	double cost_bps;       /* expected one-way cost of a customer trade */
	long first_b, last_b;  /* business days it may trade (incl. when-issued) */
	long issue_b;          /* first regular-way business day */
	long ndays;            /* regular-way business days in the sample */
	/* running state */
	double logv;           /* log efficient price */
	double u;              /* time of the last update, business days */
	double z;              /* transitory pressure, bps */
	double flow;           /* the day's net customer flow, $ */
	long zday;             /* business day of the last pressure update */
	long nclean;           /* clean trades so far */
} liq_sim_bond;

/* One trade as the model made it, for tests and --clean-out. */
typedef struct liq_sim_trade {
	int bond;
	int day, tsec;
	int sign;              /* +1 customer buy, -1 customer sell, 0 dealer */
	int leg;               /* 1: the dealer leg of a riskless-principal pair */
	long qty;              /* $ par */
	long price_milli;      /* printed (true) price x 1000 */
	double efficient;      /* efficient price just before the trade */
	double half_spread;    /* bps, that day */
	double impact_bps;     /* temporary impact paid (customer trades) */
	double markup_bps;     /* dealer markup paid (customer trades) */
	double pressure_bps;   /* transitory pressure in the price */
	double noise_bps;
	int clean;             /* 1 if default cleaning must keep it */
} liq_sim_trade;

/* One raw report, in the Enhanced TRACE post-2012 vocabulary. */
typedef struct liq_sim_report {
	int bond;
	int exec_day, exec_tsec, rpt_day, rpt_tsec;
	long seq;              /* creation order: ties in report time */
	long msg, orig_msg;    /* orig_msg 0 when blank */
	int link_self, link_ref;
	char trc_st;           /* T X C R Y */
	char asof;             /* 0, 'A' (late), 'R' (reversal) */
	char side;             /* rpt_side_cd: B or S (reporting dealer) */
	char contra;           /* cntra_mp_id: C customer, D dealer */
	char wis;              /* 'Y' when issued, 'N' */
	char spcl;             /* 'Y' special price, 0 */
	int sttl;              /* days_to_sttl_ct */
	long price_milli;
	long qty;
} liq_sim_report;

/* Rows that each default cleaning step removes, in trace-clean's order. */
typedef struct liq_sim_counts {
	long reports;
	long cancelled, corrected, reversed;  /* X/C/Y records and targets */
	long dealer_buy;                      /* matched inter-dealer buys */
	long when_issued, special_price, settlement;
	long price_error;                     /* decimal shifts */
	long clean;
	long as_of;                           /* late reports (kept) */
	long jumps;                           /* genuine jumps (kept) */
} liq_sim_counts;

typedef struct liq_sim liq_sim;

typedef struct liq_sim_hooks {
	void *ctx;
	/* called once per raw report, in report order */
	void (*report)(void *ctx, const liq_sim *s, const liq_sim_report *r);
	/* called once per trade the model makes (clean or not) */
	void (*trade)(void *ctx, const liq_sim *s, const liq_sim_trade *t);
	/* called after the last report of each report date */
	void (*day_end)(void *ctx, const liq_sim *s, int day);
} liq_sim_hooks;

/* Build the universe, macro series and latent liquidity paths. Returns
 * NULL (and sets *err) on inconsistent options. */
liq_sim *liq_sim_new(const liq_sim_opts *o, const char **err);
void liq_sim_free(liq_sim *s);

/* Generate every trade and report, day by day. Call once. */
void liq_sim_run(liq_sim *s, const liq_sim_hooks *h);

int liq_sim_nbonds(const liq_sim *s);
const liq_sim_bond *liq_sim_bond_at(const liq_sim *s, int i);
const liq_sim_counts *liq_sim_get_counts(const liq_sim *s);
const liq_sim_opts *liq_sim_get_opts(const liq_sim *s);

/* Macro stress index of a date (0 calm; about 4 at the March 2020 peak). */
double liq_sim_stress(int day);

/* Name of a sector code (rating names: ref/rating.h). */
const char *liq_sim_sector_name(int sector);

/* Report date of the report a link_ref points to (FINRA's Prior Trade
 * Report Date); 0 for -1. */
int liq_sim_link_day(const liq_sim *s, int link);

/* Expected trade size, $, of the uncapped size mixture. */
double liq_sim_mean_size(void);

/* Writers for the side files (TSV with header, sorted by cusip/date). */
void liq_sim_write_bonds(const liq_sim *s, FILE *fp);
void liq_sim_write_macro(const liq_sim *s, FILE *fp);
void liq_sim_write_truth(const liq_sim *s, FILE *fp);
void liq_sim_write_counts(const liq_sim *s, FILE *fp);

#endif
