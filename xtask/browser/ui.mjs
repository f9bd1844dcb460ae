// What the steps do in a page, found the way people find things: by role,
// label and visible text (which also checks that the page has them right).
export function helpers(current, url) {
  const ui = {
    page: current,
    go: (hash) => current.goto(`${url}/${hash}`),
    heading: (name) => current.getByRole("heading", { level: 1, name }).waitFor(),
    button: (name) => current.getByRole("button", { name, exact: true }),
    link: (name) =>
      current.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }),
    click: (name) => ui.button(name).click(),
    fill: (label, value) => current.getByLabel(label, { exact: true }).fill(value),
    post: (text) => current.locator("article.post").filter({ hasText: text }).first(),
    menuShows: (name) => ui.link(name).waitFor(),
    messageShown: (text) =>
      (text
        ? current.locator("#message").filter({ hasText: text })
        : current.locator("#message p")
      ).waitFor(),
    // The input is marked invalid and the API's words for it are right under it.
    async fieldErrorShown(label) {
      const input = current.getByLabel(label, { exact: true });
      await input.and(current.locator('[aria-invalid="true"]')).waitFor();
      const error = await current
        .locator(".field")
        .filter({ has: input })
        .locator(".field-error")
        .textContent();
      if (!error) throw new Error(`no error under ${label}`);
    },
    // Presses Tab until `target` has the focus: it can be reached with the keyboard.
    async tabTo(target, most = 30) {
      for (let presses = 0; presses < most; presses++) {
        if (await target.evaluate((element) => element === document.activeElement)) return;
        await current.keyboard.press("Tab");
      }
      throw new Error(`${most} presses of Tab did not reach ${target}`);
    },
    // Clicks the like button; done once the server has answered (it is enabled again).
    async toggleLike(card, pressed, name) {
      await card.locator("button.like").click();
      await card.getByRole("button", { name, exact: true, pressed, disabled: false }).waitFor();
    },
    async imageLoaded(image) {
      await image.waitFor();
      await current.waitForFunction(
        (element) => element.complete && element.naturalWidth > 0,
        await image.elementHandle(),
      );
    },
    // A picture of the top of the page, `height` pixels tall. The window grows
    // to that height first, so the images in it load (they load lazily) and
    // are checked.
    async screenshot(path, height) {
      await current.setViewportSize({ width: current.viewportSize().width, height });
      await current.evaluate(() => window.scrollTo(0, 0));
      await ui.imagesLoaded();
      await current.screenshot({ path });
    },
    // Every image on the screen has loaded (those further down load lazily).
    async imagesLoaded() {
      const settled = await current.waitForFunction(() => {
        const shown = [...document.images].filter(
          (image) => image.checkVisibility() && image.getBoundingClientRect().top < innerHeight,
        );
        // Once all have loaded or failed: the list of those that failed (truthy even if empty).
        if (!shown.every((image) => image.complete)) return false;
        return shown.filter((image) => image.naturalWidth === 0).map((image) => image.src);
      });
      const broken = await settled.jsonValue();
      if (broken.length > 0) throw new Error(`broken images: ${broken.join(", ")}`);
    },
  };
  return ui;
}
