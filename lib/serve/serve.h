/* serve — liqserve's HTTP server: libmicrohttpd with a pool of worker
 * threads in front of serve/api, the table set shared by reference count,
 * and the signals of a Unix daemon.
 *
 *   SIGHUP          reload every table (serve/snapshot: a bad file keeps the
 *                   old set and logs why); requests in flight finish on
 *                   the set they started with
 *   SIGTERM SIGINT  stop accepting, finish the requests in flight (at
 *                   most drain_s seconds), exit 0
 */
#ifndef LIQ_SERVE_H
#define LIQ_SERVE_H

#include "serve/snapshot.h"

typedef struct liq_serve_opts {
	liq_tables_conf conf;
	const char *listen;      /* HOST:PORT; port 0 picks a free one */
	int threads;             /* worker threads */
	int verbose;             /* a line per request on stderr */
	const char *port_file;   /* write the port there once listening */
	int drain_s;             /* seconds SIGTERM waits for requests */
	int max_per_ip;          /* connections from one client address */
	int idle_s;              /* seconds a connection may stay silent */
	int request_s;           /* seconds for a whole request to arrive */
} liq_serve_opts;

/* Exit 2 unless path is a regular file or does not exist ("--port-file:
 * 'path' is a symbolic link, not a regular file"). */
void liq_serve_check_port_file(const char *path);

/* Load the tables, listen, serve until SIGTERM or SIGINT. Exits 1 on bad
 * data (at start-up only) or when it cannot listen, 2 on a bad address;
 * returns 0 after a clean stop. */
int liq_serve_run(const liq_serve_opts *o);

/* Split "HOST:PORT" ("[::1]:8000" for IPv6) into host and port; 0, or -1
 * when malformed. */
int liq_serve_parse_listen(const char *s, char *host, size_t hostsz,
			   char *port, size_t portsz);

#endif
