// Watches a page for what must never happen in the front end: an uncaught
// exception, a console error (CSP violations are reported there), a dialog
// (alert() from injected text), a missing file, or a server error.
//
// API answers 4xx on purpose (a validation error the test provokes), and the
// browser logs each as "Failed to load resource": those are allowed; the test
// checks what the page shows for them instead.
export function watch(page) {
  const problems = [];
  const isApi = (url) => new URL(url, page.url()).pathname.startsWith("/api/");

  page.on("pageerror", (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on("dialog", async (dialog) => {
    problems.push(`a ${dialog.type()} dialog opened: ${JSON.stringify(dialog.message())}`);
    await dialog.dismiss();
  });
  page.on("response", (response) => {
    const status = response.status();
    const { pathname } = new URL(response.url());
    if (status >= 500) problems.push(`${status} from ${pathname}`);
    else if (status >= 400 && !isApi(response.url()))
      problems.push(`${status} for ${pathname}, a file the page needs`);
  });
  page.on("requestfailed", (request) => {
    // Aborted requests are those a page dropped itself (a navigation, a revoked blob: URL).
    const reason = request.failure()?.errorText ?? "";
    if (!reason.includes("ERR_ABORTED"))
      problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    const source = message.location()?.url ?? "";
    // Answers 4xx and 5xx are judged by the response listener above.
    if (text.startsWith("Failed to load resource") && source && isApi(source)) return;
    problems.push(`console error: ${text}${source ? ` (${source})` : ""}`);
  });

  return {
    // The first problem seen so far, or null.
    problem: () => problems[0] ?? null,
    // Throws the first problem seen so far, if any.
    check() {
      if (problems.length > 0) throw new Error(problems[0]);
    },
  };
}
