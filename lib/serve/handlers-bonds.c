/* handlers-bonds — the tables' endpoints: GET /universe/map (bonds and
 * their mean predicted score by rating bucket x sector), GET /bonds
 * (filtered), GET /impact and GET /impact/{cusip} (impact.tsv's rows). */
#include "serve/handlers.h"

#include "core/num.h"
#include "core/text.h"
#include "model/composite.h"
#include "ref/rating.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bond's row of scores.tsv when it has a predicted score. */
static const liq_score_row *
bond_predicted(const liq_tables *T, const liq_bond *b)
{
	const liq_score_row *s = liq_score_table_find(T->scores, b->cusip);

	return s && !isnan(s->score) ? s : NULL;
}

void
liq_api_universe_map(const liq_api_ctx *ctx, const liq_query *q, liq_reply *out)
{
	static const char *const none[] = { NULL };
	const liq_tables *T = ctx->T;
	const liq_bonds *B = T->bonds;
	int ns = B->nsectors + 1, nr = 7, r, s;   /* sector 0: none */
	size_t cells = (size_t)ns * (size_t)nr;
	double *sum = calloc(cells, sizeof *sum), *amt = calloc(cells, sizeof *amt);
	long *cnt = calloc(cells * 5, sizeof *cnt);
	json_t *o, *a;
	char err[256];
	long i;

	if (!sum || !amt || !cnt) {
		free(sum);
		free(amt);
		free(cnt);
		liq_api_error(out, 500, "out of memory");
		return;
	}
	if (liq_query_check(q, none, err, sizeof err) != 0) {
		free(sum);
		free(amt);
		free(cnt);
		liq_api_error(out, 400, "%s", err);
		return;
	}
	for (i = 0; i < B->n; i++) {
		const liq_bond *b = &B->b[i];
		const liq_score_row *sc = bond_predicted(T, b);
		size_t c = (size_t)liq_rating_bucket(b->rating) * (size_t)ns +
			   (size_t)b->sector_code;
		int bc = sc ? liq_bucket_code(sc->bucket) : -1;
		cnt[c * 5]++;
		if (!isnan(b->amount))
			amt[c] += b->amount;
		if (sc) {
			cnt[c * 5 + 1]++;
			sum[c] += sc->score;
		}
		if (bc >= 0)
			cnt[c * 5 + 2 + bc]++;
	}
	o = json_object();
	a = json_array();
	for (r = 1; r <= nr; r++)
		json_array_append_new(a, json_string(liq_rating_bucket_name(r % 7)));
	liq_api_set(o, "ratings", a);
	a = json_array();
	for (s = 0; s < B->nsectors; s++)
		json_array_append_new(a, liq_json_str(B->sectors[s]));
	for (i = 0; i < B->n && B->b[i].sector_code; i++)
		;
	if (i < B->n)   /* a bond without a sector */
		json_array_append_new(a, json_string("NA"));
	liq_api_set(o, "sectors", a);
	a = json_array();
	for (r = 1; r <= nr; r++)
		for (s = 1; s <= ns; s++) {
			int rb = r % 7, sc = s % ns;   /* NR and no sector last */
			size_t c = (size_t)rb * (size_t)ns + (size_t)sc;
			json_t *e;
			if (cnt[c * 5] == 0)
				continue;
			e = json_object();
			liq_api_set(e, "rating", json_string(liq_rating_bucket_name(rb)));
			liq_api_set(e, "sector", sc ? liq_json_str(B->sectors[sc - 1])
						    : json_string("NA"));
			liq_api_set(e, "bonds", json_integer(cnt[c * 5]));
			liq_api_set(e, "scored", json_integer(cnt[c * 5 + 1]));
			liq_api_set(e, "mean_score", cnt[c * 5 + 1] ? liq_json_num(sum[c] /
						     (double)cnt[c * 5 + 1]) : json_null());
			liq_api_set(e, "low", json_integer(cnt[c * 5 + 2]));
			liq_api_set(e, "medium", json_integer(cnt[c * 5 + 3]));
			liq_api_set(e, "high", json_integer(cnt[c * 5 + 4]));
			liq_api_set(e, "amount_out", liq_json_num(amt[c]));
			json_array_append_new(a, e);
		}
	liq_api_set(o, "cells", a);
	free(sum);
	free(amt);
	free(cnt);
	out->status = 200;
	out->json = o;
}

static json_t *
bond_obj(const liq_tables *T, const liq_bond *b)
{
	const liq_score_row *sc = liq_score_table_find(T->scores, b->cusip);
	const liq_cost_model *m = liq_impact_table_find(T->impact, b->cusip);
	json_t *o = json_object();

	liq_api_set(o, "cusip", liq_json_str(b->cusip));
	liq_api_set(o, "issuer", liq_api_str_or_null(b->issuer));
	liq_api_set(o, "sector", liq_api_str_or_null(b->sector));
	liq_api_set(o, "rating", b->rating ? json_string(liq_rating_name(b->rating))
					   : json_null());
	liq_api_set(o, "rating_bucket",
	    json_string(liq_rating_bucket_name(liq_rating_bucket(b->rating))));
	liq_api_set(o, "coupon", liq_json_num(b->coupon));
	liq_api_set(o, "maturity", b->maturity == INT_MIN ? json_null()
							  : liq_api_date(b->maturity));
	liq_api_set(o, "amount_out", liq_json_num(b->amount));
	liq_api_set(o, "date", sc ? liq_api_date(sc->date) : json_null());
	liq_api_set(o, "score", liq_json_num(sc ? sc->score : NAN));
	liq_api_set(o, "bucket", liq_api_str_or_null(sc ? sc->bucket : NULL));
	liq_api_set_probs(o, T, b->cusip);
	liq_api_set(o, "half_spread_bps", liq_json_num(m && m->ok ? m->h : NAN));
	liq_api_set(o, "adv_usd", liq_json_num(m ? m->adv_usd : NAN));
	return o;
}

void
liq_api_bonds(const liq_api_ctx *ctx, const liq_query *q, liq_reply *out)
{
	static const char *const allowed[] = { "sector", "rating", "bucket",
					       "min_score", "max_score", NULL };
	const liq_tables *T = ctx->T;
	const liq_bonds *B = T->bonds;
	const char *sector = liq_query_get(q, "sector"),
		   *rating = liq_query_get(q, "rating"),
		   *bucket = liq_query_get(q, "bucket");
	double lo = NAN, hi = NAN;
	int rb = -1, notch = 0, s;
	char err[512], qq[64];
	json_t *a;
	long i;

	if (liq_query_check(q, allowed, err, sizeof err) != 0 ||
	    liq_query_num(q, "min_score", 0, 100, &lo, err, sizeof err) != 0 ||
	    liq_query_num(q, "max_score", 0, 100, &hi, err, sizeof err) != 0) {
		liq_api_error(out, 400, "%s", err);
		return;
	}
	if (rating) {
		for (rb = 0; rb <= 6; rb++)
			if (strcmp(rating, liq_rating_bucket_name(rb)) == 0)
				break;
		if (rb > 6) {
			rb = -1;
			notch = liq_rating_notch(rating);
			if (!notch) {
				liq_api_error(out, 400, "bad rating '%s' (want a bucket: "
					      "AA, A, BBB, BB, B, CCC, NR; or S&P "
					      "letters such as BBB-)",
					      liq_quote(qq, sizeof qq, rating));
				return;
			}
		}
	}
	if (bucket && liq_bucket_code(bucket) < 0) {
		liq_api_error(out, 400, "bad bucket '%s' (want Low, Medium or High)",
			      liq_quote(qq, sizeof qq, bucket));
		return;
	}
	if (sector) {
		for (s = 0; s < B->nsectors; s++)
			if (strcmp(sector, B->sectors[s]) == 0)
				break;
		if (s == B->nsectors) {
			char list[512];
			size_t o = 0;
			list[0] = '\0';
			for (s = 0; s < B->nsectors && o < sizeof list; s++)
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
						      s ? ", " : "", B->sectors[s]);
			liq_api_error(out, 400, "unknown sector '%s' (%s has %s)",
				      liq_quote(qq, sizeof qq, sector), T->conf->bonds,
				      list);
			return;
		}
	}
	a = json_array();
	for (i = 0; i < B->n; i++) {
		const liq_bond *b = &B->b[i];
		const liq_score_row *sc = bond_predicted(T, b);
		if ((sector && strcmp(b->sector, sector) != 0) ||
		    (rb >= 0 && liq_rating_bucket(b->rating) != rb) ||
		    (notch && b->rating != notch) ||
		    (bucket && !(sc && strcmp(sc->bucket, bucket) == 0)) ||
		    (!isnan(lo) && !(sc && sc->score >= lo)) ||
		    (!isnan(hi) && !(sc && sc->score <= hi)))
			continue;
		json_array_append_new(a, bond_obj(T, b));
	}
	out->status = 200;
	out->json = json_object();
	liq_api_set(out->json, "count", json_integer((json_int_t)json_array_size(a)));
	liq_api_set(out->json, "bonds", a);
}

/* ---- /impact ------------------------------------------------------------ */

/* Every column of a bond's impact.tsv row: numbers, null for NA, text. */
static json_t *
impact_columns(const liq_impact_table *I, const liq_cost_model *m)
{
	json_t *o = json_object();
	const char *h = I->header, *v = m->line;

	while (h && v) {
		const char *he = strchr(h, '\t'), *ve = strchr(v, '\t');
		size_t hn = he ? (size_t)(he - h) : strlen(h),
		       vn = ve ? (size_t)(ve - v) : strlen(v);
		char key[128], val[256];
		double x;
		long k;
		snprintf(key, sizeof key, "%.*s", (int)hn, h);
		snprintf(val, sizeof val, "%.*s", (int)vn, v);
		switch (liq_num_parse(val, &x)) {
		case LIQ_NUM_OK:
			/* a count stays a whole number */
			liq_api_set(o, key, liq_int_parse(val, &k) == LIQ_NUM_OK
			    ? json_integer(k) : liq_json_num(x));
			break;
		case LIQ_NUM_NA:
			liq_api_set(o, key, json_null());
			break;
		default:
			liq_api_set(o, key, liq_json_str(val));
		}
		h = he ? he + 1 : NULL;
		v = ve ? ve + 1 : NULL;
	}
	return o;
}

/* The parameters pretrade uses for a bond (the posterior ones when the
 * table has them). */
static json_t *
impact_model(const liq_impact_table *I, const liq_cost_model *m)
{
	json_t *o = json_object();

	liq_api_set(o, "ok", json_boolean(m->ok));
	liq_api_set(o, "posterior", json_boolean(I->posterior));
	liq_api_set(o, "half_spread_bps", liq_json_num(m->h));
	liq_api_set(o, "alpha", liq_json_num(m->alpha));
	liq_api_set(o, "beta", liq_json_num(m->beta));
	liq_api_set(o, "sigma_bps", liq_json_num(m->sigma_bps));
	liq_api_set(o, "adv_usd", liq_json_num(m->adv_usd));
	liq_api_set(o, "se_half_spread_bps", liq_json_num(sqrt(m->c[0])));
	liq_api_set(o, "se_log_alpha", liq_json_num(sqrt(m->c[3])));
	liq_api_set(o, "se_beta", liq_json_num(sqrt(m->c[5])));
	liq_api_set(o, "resid_lo_bps", liq_json_num(m->resid_lo));
	liq_api_set(o, "resid_hi_bps", liq_json_num(m->resid_hi));
	liq_api_set(o, "n", m->n >= 0 ? json_integer(m->n) : json_null());
	return o;
}

void
liq_api_impact(const liq_api_ctx *ctx, const liq_route *r, const liq_query *q,
	       liq_reply *out)
{
	static const char *const none[] = { NULL };
	const liq_tables *T = ctx->T;
	const liq_cost_model *m;
	char err[256], qq[64];
	json_t *o;

	if (liq_query_check(q, none, err, sizeof err) != 0) {
		liq_api_error(out, 400, "%s", err);
		return;
	}
	m = liq_impact_table_find(T->impact, r->seg[1]);
	if (!m) {
		liq_api_error(out, 404, "unknown cusip '%s' (not in %s)",
			      liq_quote(qq, sizeof qq, r->seg[1]), T->conf->impact);
		return;
	}
	o = json_object();
	liq_api_set(o, "cusip", liq_json_str(m->cusip));
	liq_api_set(o, "model", impact_model(T->impact, m));
	liq_api_set(o, "columns", impact_columns(T->impact, m));
	out->status = 200;
	out->json = o;
}

void
liq_api_impact_all(const liq_api_ctx *ctx, const liq_query *q, liq_reply *out)
{
	static const char *const none[] = { NULL };
	const liq_tables *T = ctx->T;
	char err[256];
	json_t *a;
	size_t i;

	if (liq_query_check(q, none, err, sizeof err) != 0) {
		liq_api_error(out, 400, "%s", err);
		return;
	}
	a = json_array();
	for (i = 0; i < T->impact->n; i++)
		json_array_append_new(a, impact_columns(T->impact, &T->impact->m[i]));
	out->status = 200;
	out->json = json_object();
	liq_api_set(out->json, "posterior", json_boolean(T->impact->posterior));
	liq_api_set(out->json, "count", json_integer((json_int_t)T->impact->n));
	liq_api_set(out->json, "bonds", a);
}

