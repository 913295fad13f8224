# The deathstar service of the live demo (SCENARIO.md), deliberately vulnerable: it lands ships,
# answers health probes, and its exhaust port runs a shell that wipes the access log and kills
# the container's pid 1 — itself. demo:live installs it as .../bin/deathstar with this machine's
# python3 on the shebang line and runs it as pid 1 of the deathstar pod.
#
# Linux never delivers a signal to a pid namespace's init from inside the namespace unless the
# init handles it (SIGKILL cannot be handled), so `kill -9 1` in a container does nothing. The
# attack therefore sends SIGTERM, which this server, like most, answers by exiting at once.
import os
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = sys.argv[1] if len(sys.argv) > 1 else '/var/log/deathstar/access.log'
ATTACK = 'truncate -s 0 %s; /usr/bin/kill -15 1' % LOG


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def reply(self, code, text):
        body = text.encode()
        self.send_response(code)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        with open(LOG, 'a') as f:
            f.write('%s %s\n' % (time.strftime('%Y-%m-%dT%H:%M:%S'), fmt % args))

    def do_GET(self):
        self.reply(200, 'ok\n' if self.path == '/healthz' else 'Death Star\n')

    def do_POST(self):
        self.reply(200, 'Ship landed\n' if self.path == '/v1/request-landing' else 'unknown\n')

    def do_PUT(self):
        if self.path == '/v1/exhaust-port':
            # The vulnerability: the handler runs a shell that wipes the log and kills pid 1.
            subprocess.run(['/bin/sh', '-c', ATTACK])
        self.reply(404, 'unknown\n')


# Exit at once on SIGTERM: the request in flight gets a reset, the runtime restarts the container.
signal.signal(signal.SIGTERM, lambda signum, _frame: os._exit(128 + signum))
ThreadingHTTPServer(('0.0.0.0', 80), Handler).serve_forever()
