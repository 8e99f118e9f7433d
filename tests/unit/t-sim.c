/* The simulator against its own planted parameters: what trace-sim says it
 * planted must be what its trades show, within stated tolerances. */
#include "ref/cusip.h"
#include "core/calendar.h"
#include "core/dates.h"
#include "core/num.h"
#include "sim/sim.h"
#include "sim/run.h"
#include "core/tsv.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

typedef struct stats {
	long nb;
	long *trades;       /* regular-way trades per bond */
	double *volume;     /* regular-way par per bond */
	long ncust, nretail, ntrades, nuncapped, over_cap;
	/* customer cost (markup + impact) by size bucket; riskless legs */
	double cost_sum[3];
	long cost_n[3];
	long nlegs, legs_bad;
	long last_cust_tsec, last_cust_q, last_cust_bond, last_cust_day;
	/* calendar: trades on weekends and holidays, reports dated on them,
	 * first reports of closed-market trades that are not as-of */
	long nweekend, nholiday, nregular, bad_rday, closed_not_asof;
	int bd_bond, bd_day, bd_n;
	struct { int tsec, kind; long q; } bd[8192];
	double sumq;
	double max_dev_cust, max_dev_dealer, max_imp_err;
	/* pooled regression of efficient-price moves on signed size */
	int *last_bond_day;
	double *last_eff, *last_sq, *last_kyle;
	double sxx, sxy, n_pairs, sx, sy;
	/* report stream checks */
	int last_rday, last_rtsec, order_bad, link_bad;
	long nrep, *msgs_seen;
	unsigned long hash;
} stats;

static void
check_legs(stats *S)
{
	int i, j;

	for (i = 0; i < S->bd_n; i++) {
		int ok = 0;
		if (S->bd[i].kind != 'L')
			continue;
		S->nlegs++;
		for (j = 0; j < S->bd_n && !ok; j++)
			ok = S->bd[j].kind == 'C' && S->bd[j].q == S->bd[i].q &&
			     abs(S->bd[j].tsec - S->bd[i].tsec) <= 60;
		S->legs_bad += !ok;
	}
	S->bd_n = 0;
}

static void
on_trade(void *ctx, const liq_sim *s, const liq_sim_trade *t)
{
	stats *S = ctx;
	const liq_sim_bond *b = liq_sim_bond_at(s, t->bond);
	double p = t->price_milli / 1000.0;
	int regular = t->day >= b->issue && liq_cal_is_bday(t->day);

	if (regular) {
		S->trades[t->bond]++;
		S->volume[t->bond] += (double)t->qty;
	}
	S->ntrades++;
	if (b->max_size >= 1e7) { /* bonds whose sizes are not capped */
		S->nuncapped++;
		S->sumq += (double)t->qty;
		S->nretail += t->qty < 100000;
	}
	if ((double)t->qty > b->max_size)
		S->over_cap++;
	if (!liq_is_bday(t->day))
		S->nweekend++;
	else if (!liq_cal_is_bday(t->day))
		S->nholiday++;
	else
		S->nregular++;
	if (t->sign) {
		/* printed = efficient (1 + (z + s (markup + impact) + noise)),
		 * the markup h + m (q/$100k)^-0.5 */
		double dev = (p / t->efficient - 1) * 1e4;
		double want = t->pressure_bps +
			      t->sign * (t->markup_bps + t->impact_bps) + t->noise_bps;
		double mk = t->half_spread + liq_sim_get_opts(s)->markup * b->markup *
			    pow((double)t->qty / 1e5, -0.5);
		int k = t->qty < 100000 ? 0 : t->qty < 1000000 ? 1 : 2;
		double imp = liq_sim_get_opts(s)->impact_scale * b->alpha *
			     b->sigma_bps * pow((double)t->qty / b->adv_usd, b->beta);
		/* the price is rounded to 0.001, an error of at most 5/efficient bps:
		 * keep the error in units of that bound */
		if (fabs(dev - want) * t->efficient / 5 > S->max_dev_cust)
			S->max_dev_cust = fabs(dev - want) * t->efficient / 5;
		if (fabs(imp - t->impact_bps) > S->max_imp_err)
			S->max_imp_err = fabs(imp - t->impact_bps);
		if (fabs(mk - t->markup_bps) > S->max_imp_err)
			S->max_imp_err = fabs(mk - t->markup_bps);
		S->cost_sum[k] += t->markup_bps + t->impact_bps;
		S->cost_n[k]++;
		S->ncust++;
		S->last_cust_bond = t->bond;
		S->last_cust_day = t->day;
		S->last_cust_tsec = t->tsec;
		S->last_cust_q = t->qty;
	} else {
		double dev = fabs((p / t->efficient - 1) * 1e4 - t->pressure_bps) -
			     t->half_spread;
		if (fabs(dev) * t->efficient / 5 > S->max_dev_dealer)
			S->max_dev_dealer = fabs(dev) * t->efficient / 5;
	}
	/* a riskless leg: same bond and size as a customer trade of the
	 * same day at most 60 s away (checked when the bond-day ends) */
	if (t->bond != S->bd_bond || t->day != S->bd_day)
		check_legs(S);
	S->bd_bond = t->bond;
	S->bd_day = t->day;
	if (S->bd_n < 8192) {
		S->bd[S->bd_n].tsec = t->tsec;
		S->bd[S->bd_n].q = t->qty;
		S->bd[S->bd_n].kind = t->leg ? 'L' : t->sign ? 'C' : 'D';
		S->bd_n++;
	}
	/* consecutive trades of a bond on the same day: the efficient price
	 * moved by kyle * s q (permanent impact) plus diffusion */
	if (S->last_bond_day[t->bond] == t->day && S->last_kyle[t->bond] > 0) {
		double y = log(t->efficient / S->last_eff[t->bond]) * 1e4 /
			   S->last_kyle[t->bond];
		double x = S->last_sq[t->bond];
		S->sx += x;
		S->sy += y;
		S->sxx += x * x;
		S->sxy += x * y;
		S->n_pairs++;
	}
	S->last_bond_day[t->bond] = t->day;
	S->last_eff[t->bond] = t->efficient;
	S->last_sq[t->bond] = t->sign * (double)t->qty / 1e6;
	S->last_kyle[t->bond] = b->kyle;
}

static void
on_report(void *ctx, const liq_sim *s, const liq_sim_report *r)
{
	stats *S = ctx;
	(void)s;
	if (r->rpt_day < S->last_rday ||
	    (r->rpt_day == S->last_rday && r->rpt_tsec < S->last_rtsec))
		S->order_bad++;
	if (r->rpt_day < r->exec_day ||
	    (r->rpt_day == r->exec_day && r->rpt_tsec < r->exec_tsec))
		S->order_bad++;
	if (!liq_cal_is_bday(r->rpt_day))
		S->bad_rday++;
	if ((!liq_cal_is_bday(r->exec_day) || r->exec_tsec >= 18 * 3600 + 1800) &&
	    r->trc_st == 'T' && r->asof != 'A')
		S->closed_not_asof++;
	S->last_rday = r->rpt_day;
	S->last_rtsec = r->rpt_tsec;
	/* X/C carry a number already used; R/Y point to one */
	if ((r->trc_st == 'X' || r->trc_st == 'C') && r->msg <= 0)
		S->link_bad++;
	if ((r->trc_st == 'R' || r->trc_st == 'Y') && r->orig_msg <= 0)
		S->link_bad++;
	if (r->trc_st == 'T' && r->orig_msg != 0)
		S->link_bad++;
	S->nrep++;
	S->hash = S->hash * 1000003UL ^ (unsigned long)(r->price_milli * 31 + r->qty +
							r->msg * 7 + r->rpt_tsec);
}

static liq_sim *
run(liq_sim_opts *o, stats *S)
{
	const char *err = NULL;
	liq_sim *s = liq_sim_new(o, &err);
	liq_sim_hooks h = { 0 };
	int i;

	memset(S, 0, sizeof *S);
	S->nb = o->nbonds;
	S->trades = calloc((size_t)o->nbonds, sizeof *S->trades);
	S->volume = calloc((size_t)o->nbonds, sizeof *S->volume);
	S->last_bond_day = calloc((size_t)o->nbonds, sizeof(int));
	S->last_eff = calloc((size_t)o->nbonds, sizeof(double));
	S->last_sq = calloc((size_t)o->nbonds, sizeof(double));
	S->last_kyle = calloc((size_t)o->nbonds, sizeof(double));
	for (i = 0; i < o->nbonds; i++)
		S->last_bond_day[i] = -1;
	h.ctx = S;
	h.trade = on_trade;
	h.report = on_report;
	S->bd_bond = -1;
	liq_sim_run(s, &h);
	check_legs(S);
	return s;
}

static void
done(stats *S)
{
	free(S->trades);
	free(S->volume);
	free(S->last_bond_day);
	free(S->last_eff);
	free(S->last_sq);
	free(S->last_kyle);
}

static liq_sim_opts O;
static liq_sim *sim;
static stats St;

static void
t_universe(void)
{
	int i, n = liq_sim_nbonds(sim), ig = 0, bad = 0, dup = 0;
	int sectors[LIQ_SIM_NSECTORS] = { 0 }, nsect = 0;
	char prev_issuer[16] = "";
	int issuers = 0;
	for (i = 0; i < n; i++) {
		const liq_sim_bond *b = liq_sim_bond_at(sim, i);
		if (!liq_cusip_valid(b->cusip))
			bad++;
		if (i && strcmp(b->cusip, liq_sim_bond_at(sim, i - 1)->cusip) <= 0)
			dup++;
		ig += b->rating <= 10;
		sectors[b->sector]++;
		if (b->amount < 1e8 || b->amount > 5e9 || b->coupon <= 0 ||
		    b->maturity <= b->issue || b->rating < 1 || b->rating > 19)
			bad++;
		/* remaining maturity 1 to 30 years at the start (or at issue) */
		{
			int from = b->issue > O.start ? b->issue : O.start;
			double rem = (b->maturity - from) / 365.25;
			if (rem < 0.99 || rem > 30.01)
				bad++;
		}
		if (strcmp(b->issuer, prev_issuer) != 0)
			issuers++;
		strcpy(prev_issuer, b->issuer);
	}
	for (i = 0; i < LIQ_SIM_NSECTORS; i++)
		nsect += sectors[i] > 0;
	check_int(bad, 0);
	check_int(dup, 0); /* sorted by cusip, unique */
	/* 70% investment grade, binomial sd at n = 1200 bonds is 1.2% but
	 * issuers share ratings: allow 6 points */
	printf("# IG share %.3f, %d issuers for %d bonds, %d sectors\n",
	       (double)ig / n, issuers, n, nsect);
	check_near((double)ig / n, 0.70, 0.06);
	check_int(nsect, 10);
	/* ~5 bonds per issuer (1 + Poisson(4)); CUSIPs of an issuer share
	 * their first six characters, so consecutive rows group by issuer */
	check_near((double)n / issuers, 5.0, 0.6);
}

/* Trade counts: realized regular-way trades per bond against the planted
 * intensity summed over the bond's days (Poisson). */
static void
t_trade_counts(void)
{
	int i, n = liq_sim_nbonds(sim), far = 0;
	double tot = 0, expect = 0;
	for (i = 0; i < n; i++) {
		const liq_sim_bond *b = liq_sim_bond_at(sim, i);
		double e = b->trades_per_day * (double)b->ndays;
		double z = (St.trades[i] - e) / sqrt(e > 1 ? e : 1);
		tot += (double)St.trades[i];
		expect += e;
		far += fabs(z) > 3.5;
	}
	printf("# trades %.0f, expected %.0f; %d of %d bonds beyond 3.5 sd\n",
	       tot, expect, far, n);
	check_rel(tot, expect, 4 / sqrt(expect) + 1e-3);
	check(far <= n / 100 + 1);
}

static void
t_sizes(void)
{
	double mean = St.sumq / (double)St.nuncapped;
	printf("# uncapped bonds: mean size %.0f (planted %.0f), retail share "
	       "%.4f, %ld trades\n", mean, liq_sim_mean_size(),
	       (double)St.nretail / St.nuncapped, St.nuncapped);
	/* the size sd is about 2.2x the mean: 2% is > 4 standard errors */
	check(St.nuncapped > 100000);
	check_rel(mean, liq_sim_mean_size(), 0.02);
	check_near((double)St.nretail / St.nuncapped, 0.55, 0.005);
	check_int(St.over_cap, 0);
	/* customer share: 85% of orders, 40% of those with a dealer leg */
	check_near((double)St.ncust / St.ntrades, 0.85 / (1 + 0.85 * 0.4), 0.005);
}

/* ADV: realized daily par volume against the planted adv_usd, pooled. */
static void
t_adv(void)
{
	int i, n = liq_sim_nbonds(sim);
	double vol = 0, planted = 0;
	for (i = 0; i < n; i++) {
		const liq_sim_bond *b = liq_sim_bond_at(sim, i);
		vol += St.volume[i];
		planted += b->adv_usd * (double)b->ndays;
	}
	printf("# pooled volume / planted ADV x days = %.4f\n", vol / planted);
	check_rel(vol, planted, 0.02);
}

/* Every customer trade prints at efficient (1 + s(h + impact) + noise),
 * every dealer trade at efficient (1 +- h), and the impact is the planted
 * alpha sigma (q/ADV)^beta. */
static void
t_spreads(void)
{
	printf("# max |print - model| / rounding bound: customer %.4f, dealer "
	       "%.4f; max impact error %.3g bps\n", St.max_dev_cust,
	       St.max_dev_dealer, St.max_imp_err);
	check(St.max_dev_cust <= 1.0001);
	check(St.max_dev_dealer <= 1.0001);
	check(St.max_imp_err < 1e-9);
}

/* Permanent impact: pooled slope of efficient-price moves (in units of
 * each bond's kyle_lambda) on signed size is 1. */
static void
t_kyle(void)
{
	double n = St.n_pairs, b = (St.sxy - St.sx * St.sy / n) /
				   (St.sxx - St.sx * St.sx / n);
	printf("# pooled permanent-impact slope %.3f over %.0f pairs\n", b, n);
	check_near(b, 1.0, 0.15);
}

static void
t_counts(void)
{
	const liq_sim_counts *c = liq_sim_get_counts(sim);
	double trades = (double)St.ntrades;
	check_int(c->reports, St.nrep);
	check_int(c->reports, c->cancelled + c->corrected + c->reversed +
				      c->dealer_buy + c->when_issued +
				      c->special_price + c->settlement +
				      c->price_error + c->clean);
	/* planted rates per trade, within 15% (several hundred events each) */
	check_rel(c->cancelled / 2.0, O.cancel_rate * trades, 0.15);
	check_rel(c->corrected / 2.0, O.correct_rate * trades, 0.15);
	check_rel(c->reversed / 2.0, O.reverse_rate * trades, 0.25);
	check_rel((double)c->dealer_buy, (double)(St.ntrades - St.ncust), 1e-12);
	check_rel((double)c->dealer_buy, (1 - 0.85 / (1 + 0.85 * 0.4)) * trades, 0.03);
	check(c->price_error > 0 && c->special_price > 0 && c->settlement > 0 &&
	      c->when_issued > 0 && c->as_of > 0);
	check_int(St.order_bad, 0);
	check_int(St.link_bad, 0);
}

static void
t_macro(void)
{
	char path[] = "/tmp/t-sim-macro-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	liq_tsv *r;
	double s_mar20 = 0, s_2021 = 0, s_2022 = 0;
	int n_mar20 = 0, n_2021 = 0, n_2022 = 0, iv;
	liq_sim_write_macro(sim, f);
	fclose(f);
	r = liq_tsv_open(path);
	liq_tsv_header(r);
	iv = liq_tsv_need(r, "vix");
	while (liq_tsv_next(r)) {
		const char *d = liq_tsv_field(r, 0);
		double v = liq_tsv_num(r, iv);
		if (strncmp(d, "2020-03", 7) == 0)
			s_mar20 += v, n_mar20++;
		else if (strncmp(d, "2021", 4) == 0)
			s_2021 += v, n_2021++;
		else if (strncmp(d, "2022", 4) == 0)
			s_2022 += v, n_2022++;
	}
	liq_tsv_close(r);
	unlink(path);
	printf("# mean VIX: Mar 2020 %.1f, 2021 %.1f, 2022 %.1f\n",
	       s_mar20 / n_mar20, s_2021 / n_2021, s_2022 / n_2022);
	check(s_mar20 / n_mar20 > 2 * s_2021 / n_2021);
	check(s_2022 / n_2022 > s_2021 / n_2021 + 3);
	check(liq_sim_stress(liq_date_from_ymd(2020, 3, 16)) > 3.5);
	check(liq_sim_stress(liq_date_from_ymd(2021, 7, 1)) < 0.3);
}

/* Same seed, same reports; another seed, other reports. */
static void
t_determinism(void)
{
	liq_sim_opts o = O;
	stats a, b, c;
	liq_sim *s1, *s2, *s3;
	o.nbonds = 40;
	o.end = liq_date_from_ymd(2020, 6, 30);
	s1 = run(&o, &a);
	s2 = run(&o, &b);
	o.seed++;
	s3 = run(&o, &c);
	check(a.hash == b.hash);
	check_int(a.nrep, b.nrep);
	check(a.hash != c.hash);
	liq_sim_free(s1), liq_sim_free(s2), liq_sim_free(s3);
	done(&a), done(&b), done(&c);
}

/* With impact turned off, customers trade at efficient +- half spread. */
static void
t_no_impact(void)
{
	liq_sim_opts o = O;
	stats a;
	liq_sim *s;
	o.nbonds = 60;
	o.impact_scale = 0;
	o.markup = o.pressure = 0;
	o.end = liq_date_from_ymd(2020, 12, 31);
	s = run(&o, &a);
	check(a.max_dev_cust <= 1.0001);
	check(a.max_imp_err == 0);
	liq_sim_free(s);
	done(&a);
}

/* Customer cost falls with size: retail pays the most (trace-sim(1),
 * MODEL, Prices). */
static void
t_markup(void)
{
	double c[3];
	int k;
	for (k = 0; k < 3; k++)
		c[k] = St.cost_sum[k] / (double)St.cost_n[k];
	printf("# planted one-way cost: < $100k %.1f, $100k-1MM %.1f, >= $1MM %.1f bps\n",
	       c[0], c[1], c[2]);
	check(c[0] > 1.5 * c[1]);
	check(c[1] > c[2]);
}

/* Riskless legs: 40% of customer trades, each next to its customer trade. */
static void
t_riskless(void)
{
	printf("# %ld riskless legs for %ld customer trades; %ld misplaced\n",
	       St.nlegs, St.ncust, St.legs_bad);
	check_near((double)St.nlegs / St.ncust, 0.4, 0.01);
	check_int(St.legs_bad, 0);
}

/* The calendar: trades on weekends and holidays at their small rates,
 * reported as-of on a business day; no report dated on a closed day. */
static void
t_calendar(void)
{
	double tot = (double)(St.nweekend + St.nholiday + St.nregular);
	printf("# trades on weekends %ld, holidays %ld, regular days %ld\n",
	       St.nweekend, St.nholiday, St.nregular);
	/* 104 weekend days and ~10 holidays a year against ~250 days */
	check_near(St.nweekend / tot, 0.002 * 104 / 250, 0.0004);
	check_near(St.nholiday / tot, 0.02 * 10 / 250, 0.0005);
	check_int(St.bad_rday, 0);
	check_int(St.closed_not_asof, 0);
}

static void
t_rating_names(void)
{
	check_str(liq_rating_name(1), "AAA");
	check_str(liq_rating_name(9), "BBB");
	check_str(liq_rating_name(19), "CCC-");
	check_int(liq_rating_notch("BBB-"), 10);
	check_int(liq_rating_notch("D"), 22);
	check_int(liq_rating_notch("Baa1"), 0);
}

/* Lines of a file, its first line into first and its last into last
 * (each up to 255 bytes); -1 if it cannot be opened. */
static long
lines_of(const char *path, char *first, char *last)
{
	char buf[4096];
	FILE *f = fopen(path, "r");
	long n = 0;

	if (!f)
		return -1;
	first[0] = last[0] = '\0';
	while (fgets(buf, sizeof buf, f)) {
		buf[strcspn(buf, "\n")] = '\0';
		buf[255] = '\0';
		if (!n++)
			memcpy(first, buf, strlen(buf) + 1);
		memcpy(last, buf, strlen(buf) + 1);
	}
	fclose(f);
	return n;
}

/* run.h: one FINRA file per report date with its trailer, whose counts
 * add up to the reports; the clean trades to trades.tsv; the counts. */
static void
t_files(void)
{
	char dir[] = "/tmp/t-sim-files-XXXXXX", path[256], first[256], last[256];
	char clean[300], counts[300];
	liq_sim_opts o = O;
	liq_sim_files f;
	liq_sim *s;
	long total = 0, n;
	int day, nfiles = 0;

	if (!mkdtemp(dir))
		abort();
	o.nbonds = 8;
	o.start = liq_date_from_ymd(2020, 1, 6);
	o.end = liq_date_from_ymd(2020, 1, 10);
	s = liq_sim_new(&o, &(const char *){ NULL });
	snprintf(clean, sizeof clean, "%s/trades.tsv", dir);
	snprintf(counts, sizeof counts, "%s/counts.tsv", dir);
	liq_sim_files_init(&f);
	f.finra = 1;
	f.split = dir;
	f.clean = clean;
	f.counts = counts;
	liq_sim_write_files(s, &f);
	for (day = o.start; day <= o.end; day++) {
		char d[11];
		liq_date_fmt(d, day);
		snprintf(path, sizeof path,
			 "%s/enhanced-time-and-sales-cusip-%s.txt", dir, d);
		n = lines_of(path, first, last);
		check(n >= 2);
		if (n < 2)
			continue;
		nfiles++;
		check(strncmp(first, "Record Count Num|Reference Number|", 34) == 0);
		check_int(strlen(last), 24);
		check_int(atol(last + 14), n - 2);
		total += n - 2;
		unlink(path);
	}
	check_int(nfiles, 5);
	check_int(total, liq_sim_get_counts(s)->reports);
	n = lines_of(clean, first, last);
	check_str(first, "cusip\tdate\ttime\tprice\tqty\tside\tcapped\triskless");
	check_int(n - 1, liq_sim_get_counts(s)->clean);
	check(liq_sim_get_counts(s)->clean > 0);
	n = lines_of(counts, first, last);
	check_str(first, "kind\tcount");
	check_int(n, 13);
	unlink(clean);
	unlink(counts);
	rmdir(dir);
	liq_sim_free(s);
}

int
main(void)
{
	liq_sim_defaults(&O);
	O.seed = 11;
	O.nbonds = 1200;
	sim = run(&O, &St);
	TEST(t_universe(), "universe: valid unique CUSIPs, 70% IG, ~5 bonds per issuer, 10 sectors");
	TEST(t_trade_counts(), "trade counts match the planted intensity (Poisson)");
	TEST(t_sizes(), "size mixture mean, retail share and customer share as planted");
	TEST(t_adv(), "realized volume matches the planted ADV");
	TEST(t_spreads(), "prints sit at efficient price + pressure +- markup + planted impact");
	TEST(t_markup(), "planted customer cost falls with size");
	TEST(t_riskless(), "riskless legs: 40% of customer trades, same size, within 60 s");
	TEST(t_calendar(), "weekend and holiday trades at their rates, reported as-of on business days");
	TEST(t_kyle(), "efficient price moves by the planted Kyle lambda");
	TEST(t_counts(), "error counts add up and follow the planted rates; report order");
	TEST(t_macro(), "macro regimes: March 2020 spike, calm 2021, 2022 stress");
	TEST(t_determinism(), "same seed gives the same reports");
	TEST(t_no_impact(), "impact scale 0, no markup or pressure: prints at efficient +- half spread");
	TEST(t_rating_names(), "rating notches and names");
	TEST(t_files(), "run.h: split FINRA files, trailers, clean trades, counts");
	liq_sim_free(sim);
	done(&St);
	return tap_done();
}
