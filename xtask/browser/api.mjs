// Set-up straight through the API, for what the test needs but does not check
// in the page (more posts than fit on one page).

export async function logInThroughApi(url, username, password) {
  const response = await fetch(new URL("/api/sessions", url), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`POST /api/sessions answered ${response.status}`);
  return (await response.json()).token;
}

// A text post, or with `png` an image post with `text` as its caption.
export async function createPost(url, token, text, png = null) {
  const headers = { Authorization: `Bearer ${token}` };
  let body;
  if (png) {
    body = new FormData();
    body.append("image", new Blob([png], { type: "image/png" }), "filler.png");
    body.append("caption", text);
  } else {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify({ body: text });
  }
  const response = await fetch(new URL("/api/posts", url), { method: "POST", headers, body });
  if (response.status !== 201) throw new Error(`POST /api/posts answered ${response.status}`);
}
