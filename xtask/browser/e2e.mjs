#!/usr/bin/env node
// The browser test of the web front end every generated project serves.
//
//   node xtask/browser/e2e.mjs --url http://127.0.0.1:PORT --idea IDEA --screenshot feed.png [--backroad BIN]
//
// What the idea has (text or image posts, replies or comments) and its limits
// come from `backroad list --json` (BIN, default `backroad` on PATH), so the
// test branches on the idea's features, never on its name.
//
// Drives the system's Chromium (CHROMIUM, default /usr/bin/chromium) through
// playwright-core the way a person would: two new users sign up, post, follow,
// see the post in the feed, like, reply or comment, log out and in. Prints
// "ok  <step>" per step; on the first failure prints "FAIL <step>: <reason>",
// saves <screenshot>-failure.png and exits 1. Saves the feed at desktop width
// as <screenshot> and at phone width as <screenshot>-phone.png.
import { chromium } from "playwright-core";
import { createPost, logInThroughApi } from "./api.mjs";
import { ideaFromCatalog, parseOptions } from "./options.mjs";
import { gradientPng } from "./png.mjs";
import { helpers } from "./ui.mjs";
import { watch } from "./watch.mjs";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = "correct horse battery";
const XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>";
// More posts than fit on one page (API.md: 20 by default), to see "Load more".
const FILLER_POSTS = 20;

const options = parseOptions();
const idea = ideaFromCatalog(options);
// Text posts with a character counter, or image posts with a caption.
const images = idea.features.images;
// What answers a post: "reply"/"replies" or "comment"/"comments".
const [answer, answers] = idea.features.replies ? ["reply", "replies"] : ["comment", "comments"];
const Answer = answer[0].toUpperCase() + answer.slice(1);
const tag = `${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 1296).toString(36)}`;
const alice = `alice_${tag}`;
const bob = `bob_${tag}`;
const firstPost = images ? `Sunrise by ${alice}` : `Hello from ${alice}, the first post of this test.`;
const reply = `Nice one, says ${bob}.`;
const bio = `Birdwatcher, ${bob}.`;

const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const browser = await chromium
  .launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
  .catch((error) => {
    console.log(`FAIL start Chromium (${executablePath}): ${reason(error)}`);
    process.exit(1);
  });
let exitCode = 0;
try {
  await run();
} catch (error) {
  exitCode = 1;
  // A failed step has said why already; anything else says it here.
  if (!error.reported) console.log(`FAIL ${reason(error)}`);
} finally {
  await browser.close();
}
process.exit(exitCode);

async function run() {
  const desktop = await open(DESKTOP);
  const ui = helpers(desktop.page, options.url);
  const step = stepper(desktop);

  await step("open the front end", async () => {
    const response = await desktop.page.goto(options.url);
    checkHeaders(response.headers());
    await ui.heading(/^Welcome/);
  });

  await step("a bad sign-up shows the API's errors", async () => {
    await ui.go("#/signup");
    await ui.fill("Username", alice);
    await ui.fill("Password", "short");
    await ui.click("Sign up");
    await ui.messageShown();
    await ui.fieldErrorShown("Password");
  });

  await step(`sign up ${alice}`, async () => {
    await ui.fill("Password", PASSWORD);
    await ui.click("Sign up");
    await ui.heading("Home");
    await ui.menuShows(`@${alice}`);
  });

  await step(`add ${FILLER_POSTS} posts through the API (for "load more")`, async () => {
    const token = await logInThroughApi(options.url, alice, PASSWORD);
    const png = images ? gradientPng(120, [40, 140, 200], [20, 60, 90]) : null;
    for (let n = 1; n <= FILLER_POSTS; n++) {
      await createPost(options.url, token, `Filler ${n} of ${FILLER_POSTS}`, png);
    }
  });

  await step(
    images ? "share a photo, with a preview" : "post, with a live character counter",
    async () => {
      await ui.go("#/");
      await publish(ui, firstPost);
      await ui.post(firstPost).waitFor();
      if (images) await ui.imageLoaded(ui.post(firstPost).locator("img.photo"));
    },
  );

  await step("a post with <script> in it shows as text", async () => {
    await publish(ui, XSS);
    const text = ui.page.locator("article .text").filter({ hasText: XSS }).first();
    await text.waitFor();
    const shown = await text.textContent();
    if (shown !== XSS) throw new Error(`shows ${JSON.stringify(shown)}`);
    const injected = await ui.page.locator("main script, main img[src='x']").count();
    if (injected > 0) throw new Error("the text became HTML elements");
  });

  await step("load more", async () => {
    await ui.go(`#/u/${alice}`);
    const items = ui.page.locator("main .paged li");
    await ui.button("Load more").waitFor();
    const before = await items.count();
    await ui.click("Load more");
    await ui.page.waitForFunction(
      (n) => document.querySelectorAll("main .paged li").length > n,
      before,
    );
    await ui.button("Load more").waitFor({ state: "hidden" });
    const after = await items.count();
    if (after !== FILLER_POSTS + 2)
      throw new Error(`${after} items after loading everything, expected ${FILLER_POSTS + 2}`);
  });

  await step("log out", async () => {
    await ui.click("Log out");
    await ui.messageShown("You are logged out.");
    await ui.menuShows("Log in");
  });

  await step(`sign up ${bob}: an empty feed`, async () => {
    await ui.go("#/signup");
    await ui.fill("Username", bob);
    await ui.fill("Password", PASSWORD);
    await ui.click("Sign up");
    await ui.heading("Home");
    await ui.page.getByText("Your feed is empty.").waitFor();
  });

  await step(`find ${alice} in Explore and follow her`, async () => {
    await ui.link("Explore").click();
    await ui
      .post(firstPost)
      .getByRole("link", { name: `@${alice}` })
      .click();
    await ui.heading(`@${alice}`);
    await ui.click(`Follow @${alice}`);
    await ui.button(`Unfollow @${alice}`).waitFor();
    await ui.page.getByText("1 follower", { exact: true }).waitFor();
    await ui.page
      .getByRole("navigation", { name: "Profile" })
      .getByRole("link", { name: "Followers" })
      .click();
    await ui.page
      .locator("main .user-row")
      .getByRole("link", { name: `@${bob}` })
      .waitFor();
  });

  await step(`see ${alice}'s post in the feed`, async () => {
    await ui.link("Home").click();
    await ui.post(firstPost).waitFor();
  });

  await step("like, unlike, like", async () => {
    const card = ui.post(firstPost);
    await ui.toggleLike(card, true, "1 like");
    await ui.toggleLike(card, false, "0 likes");
    await ui.toggleLike(card, true, "1 like");
    // The like is on the server, not only on the screen.
    await ui.page.reload();
    await ui.post(firstPost).locator('button.like[aria-pressed="true"]').waitFor();
  });

  await step(answer, async () => {
    await ui
      .post(firstPost)
      .getByRole("link", { name: `0 ${answers}` })
      .click();
    await ui.heading(/ by @/);
    await ui.fill(`Your ${answer}`, reply);
    await ui.click(Answer);
    await ui.page.locator("section.discussion .text").filter({ hasText: reply }).waitFor();
    await ui
      .post(firstPost)
      .getByRole("link", { name: `1 ${answer}` })
      .waitFor();
  });

  await step("edit the bio", async () => {
    await ui.link(`@${bob}`).click();
    await ui.heading(`@${bob}`);
    await ui.fill("Your bio", bio);
    await ui.click("Save bio");
    await ui.messageShown("Your bio is saved.");
    await ui.page.locator("main p.bio").filter({ hasText: bio }).waitFor();
  });

  await step(
    `log out, log in as ${alice}: the like and the ${answer} are there`,
    async () => {
      await ui.click("Log out");
      await ui.link("Log in").click();
      await ui.fill("Username", alice);
      await ui.fill("Password", PASSWORD);
      await ui.click("Log in");
      await ui.heading("Home");
      const card = ui.post(firstPost);
      await card.getByRole("button", { name: "1 like" }).waitFor();
      await card.getByRole("link", { name: `1 ${answer}` }).waitFor();
    },
  );

  await step("keyboard only: the skip link, Tab to a like button, like, unlike, like", async () => {
    const keys = ui.page.keyboard;
    await ui.page.reload();
    await ui.post(firstPost).waitFor();
    await keys.press("Tab");
    const first = await ui.page.evaluate(() => document.activeElement.textContent);
    if (first !== "Skip to content")
      throw new Error(`the first Tab reached ${JSON.stringify(first)}`);
    await keys.press("Enter");
    const skipped = await ui.page.evaluate(() => document.activeElement.id);
    if (skipped !== "main")
      throw new Error(`the skip link moved focus to ${JSON.stringify(skipped)}`);
    await ui.tabTo(ui.post(firstPost).locator("button.like"));
    const card = ui.post(firstPost);
    for (const [key, name, pressed] of [
      ["Enter", "2 likes", true],
      ["Space", "1 like", false],
      ["Enter", "2 likes", true],
    ]) {
      await keys.press(key);
      await card.getByRole("button", { name, pressed, disabled: false }).waitFor();
    }
  });

  await step(`screenshot of the feed: ${options.screenshot}`, async () => {
    await ui.screenshot(options.screenshot, 2 * DESKTOP.height);
  });

  await step("log out everywhere", async () => {
    await ui.click("Log out everywhere");
    await ui.messageShown("You are logged out everywhere.");
    await ui.menuShows("Log in");
  });

  const phone = await open(PHONE);
  const small = helpers(phone.page, options.url);
  await stepper(phone)(`at phone width, log in as ${bob}: screenshot ${phoneShot()}`, async () => {
    await phone.page.goto(`${options.url}/#/login`);
    await small.fill("Username", bob);
    await small.fill("Password", PASSWORD);
    await small.click("Log in");
    await small.post(firstPost).waitFor();
    const overflow = await phone.page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    if (overflow > 0) throw new Error(`the page is ${overflow}px wider than the phone's screen`);
    await small.screenshot(phoneShot(), 2 * PHONE.height);
  });

  // The context's pages are checked one last time: late errors count too.
  desktop.guard.check();
  phone.guard.check();
  console.log(`browser test: every step passed (${options.idea})`);
}

// Text posts: type into the composer (and check the counter against the
// idea's limit); image posts: pick the image (and check its preview), then the caption.
async function publish(ui, text) {
  if (!images) {
    await ui.fill("What's happening?", text);
    const left = `${idea.limits.body_max - [...text].length} characters left`;
    await ui.page.locator("form.composer .counter").filter({ hasText: left }).waitFor();
    await ui.click("Post");
  } else {
    const image = gradientPng(240, [255, 150, 70], [70, 50, 170]);
    await ui.page
      .getByLabel("Photo")
      .setInputFiles({ name: "sunrise.png", mimeType: "image/png", buffer: image });
    const preview = ui.page.locator("form.composer img.preview");
    await ui.imageLoaded(preview);
    const src = await preview.getAttribute("src");
    if (!src?.startsWith("blob:")) throw new Error(`the preview's src is ${src}`);
    await ui.fill("Caption", text);
    await ui.click("Share photo");
  }
}

// A new browser context (its own localStorage: nobody logged in) and a page.
async function open(viewport) {
  const context = await browser.newContext({
    viewport,
    isMobile: viewport === PHONE,
    hasTouch: viewport === PHONE,
  });
  const newPage = await context.newPage();
  newPage.setDefaultTimeout(20_000); // a busy CI machine can be slow
  return { page: newPage, guard: watch(newPage) };
}

// step(name, fn) runs fn, then checks the page for errors; prints the verdict.
function stepper({ page, guard }) {
  return async (name, action) => {
    try {
      await action();
      guard.check();
      console.log(`ok  ${name}`);
    } catch (error) {
      // What went wrong in the page (an exception, a CSP violation) explains more
      // than the timeout it led to.
      console.log(`FAIL ${name}: ${guard.problem() ?? reason(error)}`);
      const failure = options.screenshot.replace(/(\.png)?$/, "-failure.png");
      await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
      console.log(`     screenshot of the failure: ${failure}`);
      error.reported = true;
      throw error;
    }
  };
}

// GET / must carry the headers of API.md: nosniff, and a CSP that allows
// scripts only from the site itself.
function checkHeaders(headers) {
  if (headers["x-content-type-options"] !== "nosniff")
    throw new Error("GET / has no X-Content-Type-Options: nosniff");
  const csp = headers["content-security-policy"];
  if (!csp) throw new Error("GET / has no Content-Security-Policy");
  const directives = Object.fromEntries(
    csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values.join(" ")]),
  );
  const scripts = directives["script-src"] ?? directives["default-src"];
  if (scripts !== "'self'")
    throw new Error(`the CSP allows scripts from ${JSON.stringify(scripts)}, not only 'self'`);
}

function phoneShot() {
  return options.screenshot.replace(/(\.png)?$/, "-phone.png");
}

// One line: Playwright's message, and for a timeout what it was waiting for.
function reason(error) {
  const lines = String(error.message)
    .split("\n")
    .map((line) => line.trim());
  const waitingFor = lines.find((line) => line.startsWith("- waiting for "));
  return [lines[0], waitingFor?.slice(2)].filter(Boolean).join(", ");
}
