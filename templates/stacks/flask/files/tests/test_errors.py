import pytest


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/api/nope", "/api/users/alice/nope", "/api", "/api/"])
def test_unknown_api_paths_are_json_404_whatever_the_method(api, client, method, path):
    api.error(client.open(path, method=method), 404, "not_found")


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/api/sessions"),
        ("PUT", "/api/users"),
        ("PATCH", "/api/posts"),
        ("POST", "/api/me"),
        ("POST", "/healthz"),
        ("POST", "/api/users/alice/followers"),
    ],
)
def test_known_paths_with_the_wrong_method_are_json_405(api, client, method, path):
    response = client.open(path, method=method)
    api.error(response, 405, "method_not_allowed")
    assert response.headers["Allow"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"{",
        b"not json",
        b"[1, 2]",
        b'"a string"',
        b"null",
        b"42",
        b"\xff\xfe{}",
        # A byte-order mark, invalid UTF-8, lone surrogates (escaped, or encoded as bytes),
        # and NaN, which Python's json module would otherwise read.
        b'\xef\xbb\xbf{"username": "alice", "password": "password123"}',
        b'{"username": "alice", "password": "pass\xffword123"}',
        b'{"username": "alice", "password": "\\ud800password123"}',
        b'{"username": "alice", "password": "password123", "\\udfff": 1}',
        b'{"username": "alice", "password": "password123", "x": ["\\udc00"]}',
        b'{"username": "alice", "password": "\xed\xa0\x80password123"}',
        b'{"username": "alice", "password": "password123", "x": NaN}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a": ' * 100_000 + b"1" + b"}" * 100_000,
    ],
)
def test_bodies_that_are_not_a_json_object_are_400(api, client, data):
    response = client.post("/api/users", data=data, content_type="application/json")
    api.error(response, 400, "bad_request")


def test_a_refused_body_makes_nothing(api, client):
    body = b'\xef\xbb\xbf{"username": "alice", "password": "password123"}'
    api.error(client.post("/api/users", data=body), 400, "bad_request")
    api.error(client.get("/api/users/alice"), 404, "not_found")


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_json_is_read_whatever_the_content_type(client, content_type):
    body = b'{"username": "alice", "password": "password123", "\\u0000key": 1}'
    response = client.post("/api/users", data=body, content_type=content_type)
    assert response.status_code == 201, response.get_json()


@pytest.mark.parametrize("path", ["/api/posts", "/api/users", "/api/me", "/healthz", "/"])
def test_options_is_405_there_is_no_cors(api, client, path):
    response = client.open(path, method="OPTIONS")
    api.error(response, 405, "method_not_allowed")
    assert "OPTIONS" not in response.headers["Allow"]


def test_json_bodies_up_to_1_mib_are_read(api, client):
    body = b'{"username": "alice", "password": "password123", "padding": "'
    body += b"x" * (1024 * 1024 - len(body) - 2) + b'"}'
    assert len(body) == 1024 * 1024
    response = client.post("/api/users", data=body, content_type="application/json")
    assert response.status_code == 201


@pytest.mark.parametrize("path", ["/api/users", "/api/sessions", "/api/posts", "/api/me"])
def test_json_bodies_over_1_mib_are_json_413(api, client, path):
    token = api.sign_up("alice") if path in ("/api/posts", "/api/me") else None
    body = b'{"body": "' + b"x" * (1024 * 1024) + b'"}'
    method = "PATCH" if path == "/api/me" else "POST"
    headers = api.auth(token) if token else {}
    response = client.open(
        path, method=method, data=body, content_type="application/json", headers=headers
    )
    api.error(response, 413, "payload_too_large")


def post_chunked(client, body: bytes):
    # Transfer-Encoding: chunked, as a streaming client sends it: no Content-Length to
    # check before reading. (input_terminated: the server promises to find the end.)
    return client.post(
        "/api/users",
        data=body,
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_chunked_json_bodies_over_1_mib_are_413_too(api, client):
    body = b'{"username": "' + b"x" * (1024 * 1024) + b'", "password": "password123"}'
    api.error(post_chunked(client, body), 413, "payload_too_large")
    small = b'{"username": "alice", "password": "password123"}'
    assert post_chunked(client, small).status_code == 201


def test_a_crash_is_a_json_500_that_tells_nothing(api, app, client):
    def crash():
        raise RuntimeError("SELECT password_hash FROM users -- /srv/secret/path.py")

    app.add_url_rule("/api/crash", view_func=crash)
    response = client.get("/api/crash")
    error = api.error(response, 500, "internal")
    text = response.get_data(as_text=True)
    assert "SELECT" not in text and "/srv" not in text and "Traceback" not in text
    assert error["message"] == "something went wrong on our side"


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/healthz"),
        ("GET", "/api/posts"),
        ("GET", "/api/users/alice"),
        ("GET", "/api/users/alice/followers"),
        ("GET", "/api/users/alice/posts"),
        ("POST", "/api/users"),
        ("POST", "/api/sessions"),
    ],
)
def test_an_invalid_token_is_401_even_on_public_endpoints(api, client, method, path):
    api.sign_up("alice")
    body = {"username": "bob", "password": "password123"}
    for header in ("Bearer not-a-real-token", "Bearer ", "Basic YWxpY2U6cHc=", "nonsense"):
        response = client.open(path, method=method, json=body, headers={"Authorization": header})
        api.error(response, 401, "unauthorized")
    # And nothing happened: bob was not signed up.
    assert client.get("/api/users/bob").status_code == 404


def test_the_bearer_scheme_is_case_insensitive(api, client):
    token = api.sign_up("alice")
    assert client.get("/api/me", headers={"Authorization": f"bearer {token}"}).status_code == 200
