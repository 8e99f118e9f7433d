/* listen — liqserve's socket and its port file (serve.c uses them;
 * liq_serve_parse_listen and liq_serve_check_port_file are in serve.h for
 * the tool's option checks).
 *
 *     int family, port;
 *     int fd = liq_serve_listen_on("127.0.0.1:0", &family, &port);
 *     liq_serve_write_port_file("port.txt", port);
 */
#ifndef LIQ_LISTEN_H
#define LIQ_LISTEN_H

/* A listening socket on addr ("HOST:PORT"; port 0 picks one): the
 * descriptor, with its address family and the port bound; exits 2 on a
 * bad address, 1 when it cannot listen. */
int liq_serve_listen_on(const char *addr, int *family, int *port);

/* Write port (a line) to path atomically, refusing anything there but a
 * regular file (liq_serve_check_port_file). */
void liq_serve_write_port_file(const char *path, int port);

#endif
