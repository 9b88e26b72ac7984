"""A WSGI app that answers with the environ entries gunicorn fills from the request."""


def application(environ, start_response):
    body = "|".join(
        environ.get(key, "") for key in ("SCRIPT_NAME", "PATH_INFO", "HTTP_X_FORWARDED_FOR")
    ).encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
