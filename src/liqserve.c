/* liqserve — the scores, the pre-trade costs and the impact parameters
 * over HTTP/JSON, and the dashboard that shows them. */
#include "core/cli.h"
#include "core/diag.h"
#include "serve/serve.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
"Usage: liqserve --scores scores.tsv --impact impact.tsv --bonds bonds.tsv\n"
"                [--features features.tsv --model model.json] [OPTION]...\n"
"Serve the liquidity scores, pre-trade costs and impact parameters as an\n"
"HTTP/JSON API, and the dashboard at /. SIGHUP reloads every file; SIGTERM\n"
"finishes the requests in flight and exits 0.\n"
"\n"
"liqserve has no authentication and no TLS: anyone who can connect reads\n"
"every table. Keep it on loopback (the default, 127.0.0.1:8000) or behind\n"
"a reverse proxy that authenticates.\n"
"\n"
"      --scores FILE      scores.tsv (liqscore): each bond's latest score,\n"
"                         bucket and probabilities (required)\n"
"  -i, --impact FILE      impact.tsv (impact-shrink) or impact_raw.tsv\n"
"                         (impact-fit) (required)\n"
"  -b, --bonds FILE       bonds.tsv: sector, rating, amount out (required)\n"
"      --features FILE    features.tsv (liqfeatures) and, with --model,\n"
"  -m, --model FILE       the regression model (liqtrain): ?explain=K\n"
"                         gives a score's SHAP contributions\n"
"      --importance FILE  liqtrain --importance output, for GET /importance\n"
"      --recalibrate FILE impact-fit's --prints-out: the 90% intervals\n"
"                         recalibrated on its last 30 days (as pretrade\n"
"                         --recalibrate)\n"
"      --www DIR          the dashboard's files (default: share/liq/www\n"
"                         beside the program's directory, or www/ of the\n"
"                         source tree)\n"
"  -l, --listen HOST:PORT address (default 127.0.0.1:8000; port 0: any free);\n"
"                         not loopback: see above\n"
"      --port-file FILE   write the port there once listening (a new file\n"
"                         or a regular one: not a link or a device)\n"
"  -j, --threads N        worker threads (default: the number of CPUs)\n"
"      --drain-timeout S  seconds SIGTERM waits for requests (default 10)\n"
"      --max-per-ip N     connections from one client address (default 128)\n"
"      --idle-timeout S   close a connection silent for S seconds (default 30)\n"
"      --request-timeout S  close a connection whose request (headers and\n"
"                         body) is not whole after S seconds (default 10)\n"
"  -v, --verbose          a line on stderr per request\n"
"  -q, --quiet            no start, reload and stop lines on stderr\n"
"  -h, --help             this help\n"
"  -V, --version          version\n"
"\n"
"Endpoints: GET /health, /score/{cusip}[?explain=K], /pretrade/{cusip}/\n"
"  {size_mm}/{side}[?participation=&target_cost_bps=&days=], /universe/map,\n"
"  /impact, /impact/{cusip}, /bonds, /importance, /openapi.json, /;\n"
"  POST /score {\"cusips\": [...]}, POST /pretrade {\"queries\": [...]}\n"
"\n"
"Examples:\n"
"  liqserve --scores scores.tsv --impact impact.tsv --bonds bonds.tsv &\n"
"  curl -s localhost:8000/pretrade/$(sed -n 2p bonds.tsv | cut -f1)/2/B\n"
"  liqserve --scores scores.tsv -i impact.tsv -b bonds.tsv \\\n"
"      --features features.tsv -m model.json --importance importance.tsv \\\n"
"      -l 127.0.0.1:8080 -j 4    # a proxy on this host serves it outside\n"
"  kill -HUP $(pidof liqserve)      # after the pipeline rewrote the files\n"
"\n"
"See liqserve(1) for every endpoint and its answer.\n";

/* The dashboard beside the program: PREFIX/share/liq/www when installed,
 * www/ of the source tree when run from bin/. NULL if neither exists. */
static const char *
default_www(void)
{
	static char dir[PATH_MAX + 32];
	static const char *const rel[] = { "/../share/liq/www", "/../www" };
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;
	size_t k;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	for (k = 0; k < sizeof rel / sizeof rel[0]; k++) {
		struct stat st;
		snprintf(dir, sizeof dir, "%s%s", exe, rel[k]);
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *real = realpath(dir, NULL);
			if (real) {
				snprintf(dir, sizeof dir, "%s", real);
				free(real);
			}
			return dir;
		}
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	enum { O_SCORES = LIQ_OPT_LONG_ONLY, O_FEATURES, O_IMPORTANCE,
	       O_RECALIBRATE, O_WWW, O_PORT_FILE, O_DRAIN, O_PER_IP, O_IDLE,
	       O_REQUEST };
	static const struct option lo[] = {
		{ "scores", required_argument, NULL, O_SCORES },
		{ "impact", required_argument, NULL, 'i' },
		{ "bonds", required_argument, NULL, 'b' },
		{ "features", required_argument, NULL, O_FEATURES },
		{ "model", required_argument, NULL, 'm' },
		{ "importance", required_argument, NULL, O_IMPORTANCE },
		{ "recalibrate", required_argument, NULL, O_RECALIBRATE },
		{ "www", required_argument, NULL, O_WWW },
		{ "listen", required_argument, NULL, 'l' },
		{ "port-file", required_argument, NULL, O_PORT_FILE },
		{ "threads", required_argument, NULL, 'j' },
		{ "drain-timeout", required_argument, NULL, O_DRAIN },
		{ "max-per-ip", required_argument, NULL, O_PER_IP },
		{ "idle-timeout", required_argument, NULL, O_IDLE },
		{ "request-timeout", required_argument, NULL, O_REQUEST },
		{ "verbose", no_argument, NULL, 'v' },
		LIQ_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	liq_serve_opts o;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int c;

	liq_init(argv[0]);
	/* a daemon may be started with 0, 1 or 2 closed: keep a table file
	   from taking one of them */
	for (c = 0; c < 3; c++)
		if (fcntl(c, F_GETFD) < 0 && open("/dev/null", O_RDWR) != c)
			liq_die(LIQ_EXIT_DATA, "cannot open /dev/null");
	memset(&o, 0, sizeof o);
	o.listen = "127.0.0.1:8000";
	o.threads = ncpu > 0 ? (int)(ncpu < 64 ? ncpu : 64) : 2;
	o.drain_s = 10;
	o.max_per_ip = 128;
	o.idle_s = 30;
	o.request_s = 10;
	while ((c = liq_getopt(argc, argv, LIQ_SHORTOPTS("i:b:m:l:j:v"), lo)) != -1) {
		if (liq_opt_common(c, usage_text))
			continue;
		switch (c) {
		case O_SCORES: o.conf.scores = optarg; break;
		case 'i': o.conf.impact = optarg; break;
		case 'b': o.conf.bonds = optarg; break;
		case O_FEATURES: o.conf.features = optarg; break;
		case 'm': o.conf.model = optarg; break;
		case O_IMPORTANCE: o.conf.importance = optarg; break;
		case O_RECALIBRATE: o.conf.prints = optarg; break;
		case O_WWW: o.conf.www = optarg; break;
		case 'l': o.listen = optarg; break;
		case O_PORT_FILE: o.port_file = optarg; break;
		case 'j': o.threads = (int)liq_opt_long("--threads", optarg, 1, 256); break;
		case O_DRAIN: o.drain_s = (int)liq_opt_long("--drain-timeout", optarg, 0, 3600); break;
		case O_PER_IP: o.max_per_ip = (int)liq_opt_long("--max-per-ip", optarg, 1, 4096); break;
		case O_IDLE: o.idle_s = (int)liq_opt_long("--idle-timeout", optarg, 1, 3600); break;
		case O_REQUEST: o.request_s = (int)liq_opt_long("--request-timeout", optarg, 1, 3600); break;
		case 'v': o.verbose = 1; break;
		}
	}
	if (optind < argc)
		liq_usage("unexpected argument '%s' (files are given with options)",
			  argv[optind]);
	if (!o.conf.scores || !o.conf.impact || !o.conf.bonds)
		liq_usage("--scores, --impact and --bonds are required");
	if (!o.conf.features != !o.conf.model)
		liq_usage("--features and --model go together (the model explains "
			  "the features' latest rows)");
	if (o.conf.www) {
		struct stat st;
		if (stat(o.conf.www, &st) != 0 || !S_ISDIR(st.st_mode))
			liq_usage("--www: '%s' is not a directory", o.conf.www);
	} else if (!(o.conf.www = default_www())) {
		liq_warn("no dashboard: no share/liq/www or www/ beside the "
			 "program (give --www DIR); serving the API only");
	}
	o.conf.threads = o.threads;
	return liq_serve_run(&o);
}
