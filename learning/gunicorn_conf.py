"""gunicorn's settings in production, behind the TLS proxy on the same machine:

    .venv/bin/gunicorn -c learning/gunicorn_conf.py learning.wsgi

(README, "Running in production"; ``tests/learning/test_gunicorn.py`` proves them.)
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
timeout = 30

# Only the proxy may tell gunicorn that the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn's default takes SCRIPT_NAME and PATH_INFO from request headers of the proxy's
# address, and a proxy passes on whatever the client sent: a client could then choose
# the path Django sees (the MFA rule and the URL policy judge the path). No header may.
forwarder_headers = ""
# Any other header whose name has an underscore is dropped (it would share an environ
# name with its hyphenated twin, X_Forwarded_For vs X-Forwarded-For).
header_map = "drop"
