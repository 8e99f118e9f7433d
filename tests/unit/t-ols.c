#include "core/ols.h"
#include "tap.h"

/* Hand-computed: x = 1..5, y = 2.1 3.9 6.2 7.8 10.1
 * xbar = 3, ybar = 6.02, Sxx = 10, Sxy = 19.9, b = 1.99, a = 0.05
 * residuals: .06 -.13 .18 -.21 .10 -> RSS = .1070, s2 = .035666..
 * se_b = sqrt(s2/10) = .059722.., se_a = sqrt(s2 (1/5 + 9/10)) = .198074..
 * TSS = 39.708, r2 = 1 - .107/39.708 = .997305..  */
static void
t_hand(void)
{
	double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2.1, 3.9, 6.2, 7.8, 10.1 };
	liq_ols1_fit f;
	check_int(liq_ols1(x, y, 5, &f), 0);
	check_near(f.b, 1.99, 1e-12);
	check_near(f.a, 0.05, 1e-12);
	check_near(f.s2, 0.107 / 3, 1e-12);
	check_near(f.se_b, sqrt(0.107 / 30), 1e-12);
	check_near(f.se_a, sqrt(0.107 / 3 * 1.1), 1e-12);
	check_near(f.r2, 1 - 0.107 / 39.708, 1e-12);
	check_int(f.n, 5);
}

static void
t_degenerate(void)
{
	double x[] = { 2, 2, 2, 2 }, y[] = { 1, 2, 3, 4 };
	liq_ols1_fit f;
	check_int(liq_ols1(x, y, 4, &f), -1);
	check_int(liq_ols1(y, x, 2, &f), -1);
	/* constant y: slope 0, r2 undefined */
	check_int(liq_ols1(y, x, 4, &f), 0);
	check_near(f.b, 0, 0);
	check(isnan(f.r2));
}

/* GSL's multiple regression agrees with the closed form. */
static void
t_multi_vs_closed(void)
{
	double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2.1, 3.9, 6.2, 7.8, 10.1 };
	double X[10], b[2], se[2], r2, s2;
	liq_ols1_fit f;
	int i;
	for (i = 0; i < 5; i++) {
		X[2 * i] = 1;
		X[2 * i + 1] = x[i];
	}
	liq_ols1(x, y, 5, &f);
	check_int(liq_ols(X, y, 5, 2, b, se, &r2, &s2), 0);
	check_near(b[0], f.a, 1e-12);
	check_near(b[1], f.b, 1e-12);
	check_near(se[0], f.se_a, 1e-12);
	check_near(se[1], f.se_b, 1e-12);
	check_near(r2, f.r2, 1e-12);
	check_near(s2, f.s2, 1e-12);
}

/* An exact plane is recovered; a duplicated column is rank deficient. */
static void
t_multi_exact(void)
{
	double X[3 * 20], y[20], b[3];
	int i;
	for (i = 0; i < 20; i++) {
		double u = i, v = (i * 7) % 5;
		X[3 * i] = 1;
		X[3 * i + 1] = u;
		X[3 * i + 2] = v;
		y[i] = 0.5 - 2 * u + 3.25 * v;
	}
	check_int(liq_ols(X, y, 20, 3, b, NULL, NULL, NULL), 0);
	check_near(b[0], 0.5, 1e-9);
	check_near(b[1], -2, 1e-9);
	check_near(b[2], 3.25, 1e-9);
	for (i = 0; i < 20; i++)
		X[3 * i + 2] = 2 * X[3 * i + 1];
	check_int(liq_ols(X, y, 20, 3, b, NULL, NULL, NULL), -1);
	check_int(liq_ols(X, y, 3, 3, b, NULL, NULL, NULL), -1);
}

/* A duplicated column: the minimum-norm fit splits the weight evenly and
 * still fits exactly. */
static void
t_min_norm(void)
{
	double X[3 * 10], y[10], b[3];
	int i;
	for (i = 0; i < 10; i++) {
		X[3 * i] = 1;
		X[3 * i + 1] = i;
		X[3 * i + 2] = i;
		y[i] = 2 + 4 * i;
	}
	check_int(liq_ols_min_norm(X, y, 10, 3, b), 2);
	check_near(b[0], 2, 1e-9);
	check_near(b[1], 2, 1e-9);
	check_near(b[2], 2, 1e-9);
	check_int(liq_ols_min_norm(X, y, 0, 3, b), -1);
}

int
main(void)
{
	TEST(t_hand(), "one-regressor OLS matches hand computation");
	TEST(t_degenerate(), "no variance in x or too few points is an error");
	TEST(t_multi_vs_closed(), "GSL multiple regression equals the closed form");
	TEST(t_multi_exact(), "exact plane recovered; collinear columns rejected");
	TEST(t_min_norm(), "minimum-norm fit of a rank-deficient X");
	return tap_done();
}
