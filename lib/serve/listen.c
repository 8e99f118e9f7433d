/* listen — liqserve's socket and port file: parsing HOST:PORT, binding
 * and listening, and the --port-file written without following links
 * (serve/listen.h). */
#include "serve/listen.h"
#include "serve/serve.h"

#include "core/diag.h"

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

/* ---- listening ---------------------------------------------------------- */

int
liq_serve_parse_listen(const char *s, char *host, size_t hostsz, char *port,
		       size_t portsz)
{
	const char *colon, *h = s, *he;
	long p;
	char *end;

	if (s[0] == '[') {
		he = strchr(s, ']');
		if (!he || he[1] != ':')
			return -1;
		h = s + 1;
		colon = he + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon || memchr(s, ':', (size_t)(colon - s)))
			return -1;
		he = colon;
	}
	if (he == h || (size_t)(he - h) >= hostsz || strlen(colon + 1) >= portsz)
		return -1;
	errno = 0;
	p = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || errno || p < 0 || p > 65535)
		return -1;
	snprintf(host, hostsz, "%.*s", (int)(he - h), h);
	snprintf(port, portsz, "%ld", p);
	return 0;
}

/* A listening socket on o->listen; exits with a message on failure. */
int
liq_serve_listen_on(const char *addr, int *family, int *port)
{
	char host[256], serv[16];
	struct addrinfo hints, *ai, *a;
	int fd = -1, one = 1, rc, e = 0;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;

	if (liq_serve_parse_listen(addr, host, sizeof host, serv, sizeof serv) != 0)
		liq_usage("-l: bad address '%s' (want HOST:PORT, such as "
			  "127.0.0.1:8000 or [::1]:8000)", addr);
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
	rc = getaddrinfo(host, serv, &hints, &ai);
	if (rc != 0)
		liq_die(LIQ_EXIT_USAGE, "-l: cannot resolve '%s': %s", host,
			gai_strerror(rc));
	for (a = ai; a; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		if (fd < 0) {
			e = errno;
			continue;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, 1024) == 0) {
			*family = a->ai_family;
			break;
		}
		e = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	if (fd < 0)
		liq_die(LIQ_EXIT_DATA, "cannot listen on %s: %s", addr, strerror(e));
	getsockname(fd, (struct sockaddr *)&ss, &sl);
	*port = ntohs(ss.ss_family == AF_INET6
		      ? ((struct sockaddr_in6 *)&ss)->sin6_port
		      : ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

void
liq_serve_check_port_file(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0 || S_ISREG(st.st_mode))
		return;
	liq_die(LIQ_EXIT_USAGE, "--port-file: '%s' is %s, not a regular file "
		"(give a new path or a regular file)", path,
		S_ISLNK(st.st_mode) ? "a symbolic link" :
		S_ISDIR(st.st_mode) ? "a directory" :
		S_ISFIFO(st.st_mode) ? "a FIFO" :
		S_ISSOCK(st.st_mode) ? "a socket" : "a device");
}

/* The port into path, whole: a new file beside it (O_EXCL|O_NOFOLLOW,
 * so no link is followed) renamed over it. Only a regular file or nothing
 * is replaced (checked again here: the path may have changed since the
 * start-up check). */
void
liq_serve_write_port_file(const char *path, int port)
{
	char tmp[4096], text[16];
	int fd, n, e;

	liq_serve_check_port_file(path);
	n = snprintf(text, sizeof text, "%d\n", port);
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp%ld", path,
			     (long)getpid()) >= sizeof tmp)
		liq_die(LIQ_EXIT_USAGE, "--port-file: path too long");
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		liq_die(LIQ_EXIT_DATA, "%s: cannot write the port: %s", tmp,
			strerror(errno));
	if (write(fd, text, (size_t)n) != n || close(fd) != 0) {
		e = errno;
		unlink(tmp);
		liq_die(LIQ_EXIT_DATA, "%s: cannot write the port: %s", path,
			strerror(e));
	}
	if (rename(tmp, path) != 0) {
		e = errno;
		unlink(tmp);
		liq_die(LIQ_EXIT_DATA, "%s: cannot write the port: %s", path,
			strerror(e));
	}
}
