def test_the_front_end_is_served_at_the_root_with_a_strict_csp(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    directives = {
        part.split()[0]: part.split()[1:]
        for part in response.headers["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert directives["script-src"] == ["'self'"]
    assert client.get("/index.html").status_code == 200


def test_every_response_says_nosniff(api, client):
    token = api.sign_up("alice")
    responses = [
        client.get("/healthz"),
        client.get("/api/posts"),
        client.get("/api/nope"),
        client.post("/api/me"),
        client.get("/api/me"),
        client.delete("/api/sessions", headers=api.auth(token)),
        client.get("/no-such-file.js"),
    ]
    for response in responses:
        assert response.headers["X-Content-Type-Options"] == "nosniff", response.status


def test_files_outside_the_front_end_are_not_served(api, client):
    for path in ("/no-such-file.css", "/..%2fwsgi.py", "/%2e%2e/pyproject.toml", "/../wsgi.py"):
        response = client.get(path)
        assert response.status_code == 404, path
