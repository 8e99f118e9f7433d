/* liqtrain — train the XGBoost liquidity model, with walk-forward
 * validation against a linear model and persistence. */
#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/tsv.h"
#include "model/matrix.h"
#include "model/train.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
"Usage: liqtrain -y COLUMN [OPTION]... features.tsv > metrics.tsv\n"
"Train an XGBoost model of a liquidity target on liqfeatures' output, with a\n"
"strict temporal split and walk-forward cross-validation, and score it against\n"
"a linear model and persistence on the same rows.\n"
"\n"
"  -y, --target COLUMN    what to predict: score_fwd (forecast), score\n"
"                         (nowcast) or bucket (with --objective class)\n"
"      --objective OBJ    reg (default) or class (Low/Medium/High)\n"
"      --train FROM:TO    training dates (default: all before --test)\n"
"      --test FROM:TO     test dates (default: no test split)\n"
"      --cv K             walk-forward folds in the training period (default 3)\n"
"      --gap DAYS         business days between a fit's last date and the\n"
"                         first date it is scored on (default 21: set it to at\n"
"                         least the horizon of score_fwd)\n"
"      --rounds N         most boosting rounds (default 500)\n"
"      --patience N       early stopping: rounds without improvement (30)\n"
"      --depth N          tree depth (default 6)\n"
"      --eta X            learning rate (default 0.1)\n"
"      --param KEY=VALUE  any other XGBoost parameter; may be repeated\n"
"  -j, --threads N        threads (default 2)\n"
"  -s, --seed N           seed (default 1)\n"
"      --exclude COLUMN   leave a column out of the features; may be repeated\n"
"  -o, --output FILE      save the final model (XGBoost JSON) to FILE\n"
"      --importance FILE  per feature: gain, total gain and mean |SHAP|\n"
"      --splits FILE      every split's training and evaluation dates\n"
"  -q, --quiet            no summary on stderr\n"
"  -h, --help             this help\n"
"  -V, --version          version\n"
"\n"
"Output: metrics.tsv, columns split model start end rows mae rmse r2\n"
"accuracy logloss auc; split fold1..foldK or test, model xgboost, linear or\n"
"persistence.\n"
"\n"
"Examples:\n"
"  liqtrain -y score_fwd --train 2020-01-01:2021-12-31 \\\n"
"      --test 2022-01-01:2023-12-31 -o model.json features.tsv\n"
"  liqtrain -y bucket --objective class --test 2022-01-01:2023-12-31 \\\n"
"      -o classifier.json features.tsv | column -t\n"
"  liqtrain -y score --cv 5 --importance importance.tsv features.tsv\n";

static void
range(const char *opt, char *v, int *from, int *to)
{
	char *colon = strchr(v, ':');

	if (!colon)
		liq_usage("%s: bad range '%s' (want FROM:TO, dates YYYY-MM-DD)", opt, v);
	*colon = '\0';
	*from = liq_opt_date(opt, v);
	*to = liq_opt_date(opt, colon + 1);
	*colon = ':';
	if (*to < *from)
		liq_usage("%s: '%s' ends before it starts", opt, v);
}

int
main(int argc, char **argv)
{
	enum { O_OBJ = LIQ_OPT_LONG_ONLY, O_TRAIN, O_TEST, O_CV, O_GAP, O_ROUNDS, O_PAT, O_DEPTH,
	       O_ETA, O_PARAM, O_EXCL, O_IMP, O_SPLITS };
	static const struct option lo[] = {
		{ "target", required_argument, NULL, 'y' },
		{ "objective", required_argument, NULL, O_OBJ },
		{ "train", required_argument, NULL, O_TRAIN },
		{ "test", required_argument, NULL, O_TEST },
		{ "cv", required_argument, NULL, O_CV },
		{ "gap", required_argument, NULL, O_GAP },
		{ "rounds", required_argument, NULL, O_ROUNDS },
		{ "patience", required_argument, NULL, O_PAT },
		{ "depth", required_argument, NULL, O_DEPTH },
		{ "eta", required_argument, NULL, O_ETA },
		{ "param", required_argument, NULL, O_PARAM },
		{ "threads", required_argument, NULL, 'j' },
		{ "seed", required_argument, NULL, 's' },
		{ "exclude", required_argument, NULL, O_EXCL },
		{ "output", required_argument, NULL, 'o' },
		{ "importance", required_argument, NULL, O_IMP },
		{ "splits", required_argument, NULL, O_SPLITS },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	liq_train_opts o;
	const char *target = NULL;
	int is_class = 0, c;
	char **params = liq_xmalloc((size_t)argc * sizeof *params);
	char **excl = liq_xmalloc((size_t)argc * sizeof *excl);
	int nexcl = 0;
	liq_matrix *d;

	liq_init(argv[0]);
	memset(&o, 0, sizeof o);
	o.train_from = INT_MIN;
	o.train_to = INT_MAX;
	o.test_from = INT_MIN;
	o.cv = 3;
	o.gap = 21;
	o.rounds = 500;
	o.patience = 30;
	o.depth = 6;
	o.eta = 0.1;
	o.threads = 2;
	o.seed = 1;
	o.params = params;
	while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS("y:j:s:o:"), lo)) != -1) {
		if (liq_opt_common(c, usage_text))
			continue;
		switch (c) {
		case 'y': target = optarg; break;
		case O_OBJ:
			if (!strcmp(optarg, "reg"))
				is_class = 0;
			else if (!strcmp(optarg, "class"))
				is_class = 1;
			else
				liq_usage("--objective: unknown objective '%s' (want reg "
					  "or class)", optarg);
			break;
		case O_TRAIN: range("--train", optarg, &o.train_from, &o.train_to); break;
		case O_TEST: range("--test", optarg, &o.test_from, &o.test_to); break;
		case O_CV: o.cv = (int)liq_opt_long("--cv", optarg, 0, 50); break;
		case O_GAP: o.gap = (int)liq_opt_long("--gap", optarg, 0, 10000); break;
		case O_ROUNDS: o.rounds = (int)liq_opt_long("--rounds", optarg, 1, 100000); break;
		case O_PAT: o.patience = (int)liq_opt_long("--patience", optarg, 1, 100000); break;
		case O_DEPTH: o.depth = (int)liq_opt_long("--depth", optarg, 1, 30); break;
		case O_ETA: o.eta = liq_opt_num("--eta", optarg, 1e-6, 1); break;
		case O_PARAM:
			if (!strchr(optarg, '=') || optarg[0] == '=')
				liq_usage("--param: bad value '%s' (want KEY=VALUE)", optarg);
			params[o.nparams++] = optarg;
			break;
		case 'j': o.threads = (int)liq_opt_long("--threads", optarg, 1, 1024); break;
		case 's': o.seed = (unsigned long)liq_opt_long("--seed", optarg, 0, 4294967295L); break;
		case O_EXCL: excl[nexcl++] = optarg; break;
		case 'o': o.model_out = optarg; break;
		case O_IMP: o.importance_out = optarg; break;
		case O_SPLITS: o.splits_out = optarg; break;
		}
	}
	if (!target)
		liq_usage("-y COLUMN is required (score_fwd, score or bucket)");
	if (optind != argc - 1)
		liq_usage(optind < argc ? "one features file, please" :
			  "no features file (the output of liqfeatures)");
	if (is_class && strcmp(target, "bucket"))
		liq_usage("--objective class predicts 'bucket', not '%s'", target);
	if (!is_class && !strcmp(target, "bucket"))
		liq_usage("'bucket' is a class: add --objective class");
	if (o.test_from != INT_MIN && o.train_to != INT_MAX && o.train_to >= o.test_from)
		liq_usage("--train must end before --test starts");
	o.progress = !liq_quiet && isatty(2);
	d = liq_matrix_load(argv[optind], target, is_class, excl, nexcl);
	liq_stdout_buffer();
	liq_train_run(d, &o, stdout);
	liq_matrix_free(d);
	free(params);
	free(excl);
	return LIQ_EXIT_OK;
}
