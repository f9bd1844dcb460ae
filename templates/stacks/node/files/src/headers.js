// Security headers, added to every response.

// Scripts may come only from this server: no inline <script>, no eval(), so
// text that a user typed can never run as code in a visitor's browser, even if
// a bug let it into the page as HTML. Images may also be data: and blob: URLs,
// which the front end uses to preview a picture before it is uploaded.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; img-src 'self' data: blob:; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export function securityHeaders(req, res, next) {
  res.set({
    // Browsers must believe our Content-Type instead of guessing from the
    // bytes: an upload that looks like HTML is still treated as an image.
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  });
  next();
}
