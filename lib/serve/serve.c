#include "serve/serve.h"
#include "serve/listen.h"

#include "serve/api.h"
#include "core/diag.h"
#include "serve/json.h"
#include "serve/route.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern const char liq_openapi_json[];
extern const unsigned long liq_openapi_json_len;

/* A loaded table set and the requests that hold it. */
typedef struct set {
	liq_tables *T;
	long ref;
} set;

static pthread_mutex_t cur_mu = PTHREAD_MUTEX_INITIALIZER;
static set *cur;
static atomic_long reloads, failed_reloads, inflight;
static atomic_int draining;
static time_t started;
static int verbose;

static set *
acquire(void)
{
	set *s;

	pthread_mutex_lock(&cur_mu);
	s = cur;
	s->ref++;
	pthread_mutex_unlock(&cur_mu);
	return s;
}

static void
release(set *s)
{
	long left;

	pthread_mutex_lock(&cur_mu);
	left = --s->ref;
	pthread_mutex_unlock(&cur_mu);
	if (left == 0) {
		liq_tables_free(s->T);
		free(s);
	}
}

/* Make s the current set; the old one goes when its last request does. */
static void
install(liq_tables *T)
{
	set *s = liq_xcalloc(1, sizeof *s), *old;

	s->T = T;
	s->ref = 1;   /* the server's own reference */
	pthread_mutex_lock(&cur_mu);
	old = cur;
	cur = s;
	pthread_mutex_unlock(&cur_mu);
	if (old)
		release(old);
}

/* ---- the request deadline ---------------------------------------------- */

/* Every open connection, and since when its current request has been
 * arriving: libmicrohttpd's own timeout is an idle one, which a client
 * that sends a byte now and then never meets. The main loop shuts down
 * the socket of a connection whose request is not whole after request_s
 * seconds (libmicrohttpd then closes it); the connection leaves the list
 * before libmicrohttpd closes its socket (the CLOSED notification comes
 * first), so the list's descriptors are always the connections' own. */
typedef struct conn {
	int fd;
	atomic_long since;   /* monotonic second; 0: a whole request, answering */
	struct conn *prev, *next;
} conn;

static pthread_mutex_t conn_mu = PTHREAD_MUTEX_INITIALIZER;
static conn *conns;
static long request_s;

static long
mono_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec;
}

static void
notify_conn(void *cls, struct MHD_Connection *con, void **socket_context,
	    enum MHD_ConnectionNotificationCode toe)
{
	conn *c = *socket_context;

	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!ci || !(c = calloc(1, sizeof *c)))
			return;
		c->fd = ci->connect_fd;
		atomic_store(&c->since, mono_s());
		pthread_mutex_lock(&conn_mu);
		c->next = conns;
		if (conns)
			conns->prev = c;
		conns = c;
		pthread_mutex_unlock(&conn_mu);
		*socket_context = c;
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && c) {
		pthread_mutex_lock(&conn_mu);
		if (c->prev)
			c->prev->next = c->next;
		else
			conns = c->next;
		if (c->next)
			c->next->prev = c->prev;
		pthread_mutex_unlock(&conn_mu);
		free(c);
		*socket_context = NULL;
	}
}

/* The connection's entry, or NULL. */
static conn *
conn_of(struct MHD_Connection *con)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* Shut down the connections whose request is late; returns how many. */
static long
sweep(void)
{
	long now = mono_s(), n = 0, t;
	conn *c;

	pthread_mutex_lock(&conn_mu);
	for (c = conns; c; c = c->next) {
		t = atomic_load(&c->since);
		if (t > 0 && now - t >= request_s) {
			shutdown(c->fd, SHUT_RDWR);
			atomic_store(&c->since, 0);
			n++;
		}
	}
	pthread_mutex_unlock(&conn_mu);
	return n;
}

/* ---- requests ----------------------------------------------------------- */

typedef struct req {
	set *s;
	struct timespec t0;
	liq_route route;
	char method[16];
	char path[256];
	char *body;
	size_t len;
	int too_large, answered, status;
	size_t bytes;
} req;

static enum MHD_Result
add_param(void *cls, enum MHD_ValueKind kind, const char *key,
	  const char *value)
{
	(void)kind;
	liq_query_add(cls, key, value);
	return MHD_YES;
}

static enum MHD_Result
send_reply(struct MHD_Connection *con, req *R, liq_reply *rep)
{
	static const char oom[] = "{\"error\":\"out of memory\",\"status\":500}\n";
	struct MHD_Response *resp;
	enum MHD_Result rc;
	const char *mime = rep->mime;
	int status = rep->status;

	if (rep->json) {
		size_t len = 0;
		char *text = liq_json_dump(rep->json, &len);
		json_decref(rep->json);
		rep->json = NULL;
		mime = "application/json";
		if (text) {
			resp = MHD_create_response_from_buffer(len, text,
							       MHD_RESPMEM_MUST_FREE);
			R->bytes = len;
		} else {
			status = 500;
			resp = MHD_create_response_from_buffer(sizeof oom - 1,
							       (void *)oom,
							       MHD_RESPMEM_PERSISTENT);
			R->bytes = sizeof oom - 1;
		}
	} else {
		/* a file of the set, which lives until the request completes */
		resp = MHD_create_response_from_buffer(rep->len, (void *)rep->data,
						       MHD_RESPMEM_PERSISTENT);
		R->bytes = rep->len;
	}
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, mime);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				R->route.id == LIQ_R_FILE && status == 200
				? "no-cache" : "no-store");
	if (R->route.id == LIQ_R_FILE)
		/* the dashboard talks to this server only */
		MHD_add_response_header(resp, "Content-Security-Policy",
					"default-src 'self'; img-src 'self' data:; "
					"style-src 'self' 'unsafe-inline'");
	if (rep->allow)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, rep->allow);
	if (atomic_load(&draining))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	R->status = status;
	R->answered = 1;
	{
		/* the request is whole: its deadline no longer runs */
		conn *c = conn_of(con);
		if (c)
			atomic_store(&c->since, 0);
	}
	rc = MHD_queue_response(con, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static enum MHD_Result
answer(struct MHD_Connection *con, req *R)
{
	liq_query q = { 0 };
	liq_reply rep = { 0 };
	liq_api_ctx ctx;

	ctx.T = R->s->T;
	ctx.started = started;
	ctx.reloads = atomic_load(&reloads);
	ctx.failed_reloads = atomic_load(&failed_reloads);
	ctx.openapi = liq_openapi_json;
	ctx.openapi_len = liq_openapi_json_len;
	MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, add_param, &q);
	if (R->too_large)
		liq_api_error(&rep, 413, "body too large: over %d bytes",
			      LIQ_API_BODY_MAX);
	else
		liq_api_answer(&ctx, &R->route, &q, R->body, R->len, &rep);
	return send_reply(con, R, &rep);
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *con, const char *url,
	const char *method, const char *version, const char *upload,
	size_t *upload_size, void **con_cls)
{
	req *R = *con_cls;
	liq_reply rep = { 0 };

	(void)cls;
	(void)version;
	if (!R) {
		const char *cl;
		R = calloc(1, sizeof *R);
		if (!R)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &R->t0);
		R->s = acquire();
		atomic_fetch_add(&inflight, 1);
		snprintf(R->method, sizeof R->method, "%s", method);
		snprintf(R->path, sizeof R->path, "%s", url);
		*con_cls = R;
		if (liq_api_route(method, url, &R->route, &rep) != 0)
			return send_reply(con, R, &rep);
		if (!R->route.post)
			return answer(con, R);
		cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
						 MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > LIQ_API_BODY_MAX) {
			liq_api_error(&rep, 413, "body too large: %s bytes (at most "
				      "%d)", cl, LIQ_API_BODY_MAX);
			return send_reply(con, R, &rep);
		}
		return MHD_YES;   /* the body comes in the next calls */
	}
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		if (R->answered || R->too_large)
			return MHD_YES;
		if (R->len + n > LIQ_API_BODY_MAX) {
			R->too_large = 1;
			free(R->body);
			R->body = NULL;
			R->len = 0;
			return MHD_YES;
		}
		{
			char *b = realloc(R->body, R->len + n + 1);
			if (!b)
				return MHD_NO;
			R->body = b;
		}
		memcpy(R->body + R->len, upload, n);
		R->len += n;
		R->body[R->len] = '\0';
		return MHD_YES;
	}
	if (R->answered)
		return MHD_YES;
	return answer(con, R);
}

/* Request text for a log line: printable ASCII, the rest as \xHH, so a
 * path cannot forge a line. */
static void
log_escape(char *out, size_t size, const char *s)
{
	size_t o = 0;

	for (; *s && o + 5 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7F && c != '\\')
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, size - o, "\\x%02X", c);
	}
	out[o] = '\0';
}

static void
completed(void *cls, struct MHD_Connection *con, void **con_cls,
	  enum MHD_RequestTerminationCode toe)
{
	req *R = *con_cls;
	conn *c = conn_of(con);

	(void)cls;
	if (c)   /* the next request on this connection starts its deadline */
		atomic_store(&c->since, mono_s());
	if (!R)
		return;
	if (verbose) {
		struct timespec t1;
		char m[64], p[512], ip[INET6_ADDRSTRLEN] = "-";
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (ci && ci->client_addr) {
			const struct sockaddr *sa = ci->client_addr;
			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
					  ip, sizeof ip);
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6,
					  &((const struct sockaddr_in6 *)sa)->sin6_addr,
					  ip, sizeof ip);
		}
		log_escape(m, sizeof m, R->method);
		log_escape(p, sizeof p, R->path);
		fprintf(stderr, "%s: %s %s %s %d %zu %.3fms%s\n", liq_progname, ip,
			m, p, R->status, R->bytes,
			(double)(t1.tv_sec - R->t0.tv_sec) * 1e3 +
			(double)(t1.tv_nsec - R->t0.tv_nsec) / 1e6,
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" :
			" (connection closed before the end)");
	}
	release(R->s);
	free(R->body);
	free(R);
	*con_cls = NULL;
	atomic_fetch_sub(&inflight, 1);
}

static size_t
unescape(void *cls, struct MHD_Connection *con, char *s)
{
	(void)cls;
	(void)con;
	return liq_route_unescape(s);
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	(void)cls;
	if (!verbose)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	fprintf(stderr, "%s: libmicrohttpd: %s\n", liq_progname, msg);
}

/* ---- the server ------------------------------------------------------- */

static void
reload(const liq_tables_conf *c)
{
	char err[2048], what[512], when[32];
	liq_tables *T = liq_tables_reload(c, err, sizeof err);

	if (T) {
		install(T);
		atomic_fetch_add(&reloads, 1);
		liq_tables_describe(T, what, sizeof what);
		liq_note("reloaded: %s", what);
		return;
	}
	atomic_fetch_add(&failed_reloads, 1);
	pthread_mutex_lock(&cur_mu);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S",
		 localtime(&cur->T->loaded));
	pthread_mutex_unlock(&cur_mu);
	liq_warn("reload failed, still serving the tables loaded at %s: %s",
		 when, err);
}

int
liq_serve_run(const liq_serve_opts *o)
{
	sigset_t sigs;
	struct MHD_Daemon *d;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			 MHD_USE_ITC | MHD_USE_ERROR_LOG;
	char err[2048], what[512];
	liq_tables *T;
	int fd, family = AF_INET, port = 0, sig = 0, ms;

	/* every thread, XGBoost's and libmicrohttpd's included, inherits this
	   mask: the signals reach the loop below and nowhere else */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	verbose = o->verbose;
	request_s = o->request_s > 0 ? o->request_s : 10;
	if (o->port_file)
		liq_serve_check_port_file(o->port_file);
	T = liq_tables_load(&o->conf, err, sizeof err);
	if (!T)
		liq_die(LIQ_EXIT_DATA, "%s", err);
	install(T);
	fd = liq_serve_listen_on(o->listen, &family, &port);
	if (family == AF_INET6)
		flags |= MHD_USE_IPv6;
	time(&started);
	d = MHD_start_daemon(flags, 0, NULL, NULL, handler, NULL,
			     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
			     MHD_OPTION_LISTEN_SOCKET, fd,
			     MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads,
			     MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
			     MHD_OPTION_NOTIFY_CONNECTION, notify_conn, NULL,
			     MHD_OPTION_CONNECTION_TIMEOUT,
			     (unsigned)(o->idle_s > 0 ? o->idle_s : 30),
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT,
			     (unsigned)(o->max_per_ip > 0 ? o->max_per_ip : 128),
			     MHD_OPTION_CONNECTION_LIMIT, 4096u,
			     MHD_OPTION_END);
	if (!d)
		liq_die(LIQ_EXIT_DATA, "cannot start the HTTP server on %s",
			o->listen);
	if (o->port_file)
		liq_serve_write_port_file(o->port_file, port);
	liq_tables_describe(T, what, sizeof what);
	{
		char host[256], serv[16];
		liq_serve_parse_listen(o->listen, host, sizeof host, serv, sizeof serv);
		liq_note("listening on http://%s%s%s:%d/ with %d thread%s: %s",
			 family == AF_INET6 ? "[" : "", host,
			 family == AF_INET6 ? "]" : "", port, o->threads,
			 o->threads == 1 ? "" : "s", what);
	}
	for (;;) {
		/* a signal, or every second the requests past their deadline */
		struct timespec tick = { 1, 0 };
		long k;
		sig = sigtimedwait(&sigs, NULL, &tick);
		if (sig < 0) {
			if ((k = sweep()) > 0 && verbose)
				fprintf(stderr, "%s: closed %ld connection%s whose "
					"request was not whole after %ld s\n",
					liq_progname, k, k == 1 ? "" : "s", request_s);
			continue;
		}
		if (sig == SIGHUP)
			reload(&o->conf);
		else
			break;
	}
	atomic_store(&draining, 1);
	fd = MHD_quiesce_daemon(d);
	if (fd >= 0)
		close(fd);
	liq_note("%s: no new connections; finishing %ld request%s in flight",
		 sig == SIGTERM ? "SIGTERM" : "SIGINT", atomic_load(&inflight),
		 atomic_load(&inflight) == 1 ? "" : "s");
	for (ms = 0; atomic_load(&inflight) > 0 && ms < o->drain_s * 1000; ms += 10)
		usleep(10000);
	if (atomic_load(&inflight) > 0)
		liq_warn("%ld request%s still in flight after %d s: closing them",
			 atomic_load(&inflight),
			 atomic_load(&inflight) == 1 ? "" : "s", o->drain_s);
	MHD_stop_daemon(d);
	pthread_mutex_lock(&cur_mu);
	{
		set *s = cur;
		cur = NULL;
		pthread_mutex_unlock(&cur_mu);
		release(s);
	}
	liq_note("stopped");
	return LIQ_EXIT_OK;
}
