// The addresses of the app's screens (hash routes, see router.js and app.js).
export const postHref = (post) => `#/p/${encodeURIComponent(post.id)}`;
export const userHref = (username) => `#/u/${encodeURIComponent(username)}`;
