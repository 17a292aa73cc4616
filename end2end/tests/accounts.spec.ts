import { expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectAccessible, linkInMail, logIn, registerAs, settle, test, uniqueEmail, visit, watchConsole } from "./support";

const PASSWORD = "river stone lantern 42";

test("a new member registers, confirms the address by its link, logs out and back in", async ({ page }, info) => {
  const errors = watchConsole(page);
  const email = uniqueEmail(info, "amina");
  const name = "Amina Diallo";

  await visit(page, info, "/");
  await expectAccessible(page, info);
  await page.getByRole("banner").getByRole("link", { name: "Join" }).click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/register$/);
  await expectAccessible(page, info);

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create my account" }).click();

  // The same answer whether or not the address had an account: look in your inbox.
  await expect(page).toHaveURL(/\/login\?joined=1$/);
  await settle(page, info);
  await expect(page.getByRole("status")).toContainText("We sent you an email with a link");
  await expectAccessible(page, info);

  // Signed in before confirming: the account page asks for the link.
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await settle(page, info);
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(email);
  await expect(page.getByRole("heading", { name: "Confirm your address" })).toBeVisible();
  await expectAccessible(page, info);

  await visit(page, info, await linkInMail(email, "/account/confirm/"));
  await expectAccessible(page, info);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/account\?confirmed=1$/);
  await settle(page, info);
  await expect(page.getByRole("status").first()).toContainText("your address is confirmed");
  await expect(page.getByRole("heading", { name: "Confirm your address" })).toHaveCount(0);

  await banner.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await settle(page, info);
  await expect(banner.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(banner.getByText(name)).toHaveCount(0);

  await banner.getByRole("link", { name: "Log in" }).click();
  await settle(page, info);
  await expectAccessible(page, info);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(banner.getByRole("link", { name })).toBeVisible();
  expect(errors, "console errors (CSP, hydration)").toEqual([]);
});

test("a too-short password is explained beside the field and the typing is kept", async ({ page }, info) => {
  const email = uniqueEmail(info, "kofi");
  await visit(page, info, "/register");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Display name").fill("Kofi Mensah");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create my account" }).click();

  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/must be at least 12 characters/i);
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page.getByLabel("Display name")).toHaveValue("Kofi Mensah");
  await expectAccessible(page, info);
});

test("a wrong password at log-in is explained beside the field and the email is kept", async ({ page }, info) => {
  const email = uniqueEmail(info, "nobody");
  await visit(page, info, "/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Log in" }).click();

  const password = page.getByLabel("Password");
  await expect(password).toHaveAccessibleDescription(/email address or password is incorrect/i);
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expectAccessible(page, info);
});

test("an unknown address shows the 404 page", async ({ page }, info) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await settle(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectAccessible(page, info);
});

test("a forgotten password is reset by the emailed link, which works only once", async ({ page }, info) => {
  const email = await registerAs(page, info, "reset", "Rosa Reset");
  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await visit(page, info, "/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/password\/forgot$/);
  await expectAccessible(page, info);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses this address");

  const link = await linkInMail(email, "/password/reset/");
  await visit(page, info, link);
  await expectAccessible(page, info);
  const password = page.getByLabel("New password");
  // Leaving the field first: with JavaScript its check shows (or hides) the message as it
  // loses focus, which moves the button between the press and the release of a click.
  await password.fill("short");
  await password.press("Tab");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(password).toHaveAccessibleDescription(/must be at least 12 characters/i);
  await page.getByLabel("New password").fill("a fresh passphrase 77");
  await page.getByLabel("New password").press("Tab");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await settle(page, info);
  await expect(page.getByRole("status")).toContainText("Your password has been changed");
  await logIn(page, info, email, "a fresh passphrase 77");

  await visit(page, info, link);
  await expect(page.getByRole("alert")).toContainText("This link no longer works");
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  await expectAccessible(page, info);
});

test("one click in the header hides my profile everywhere, one more brings it back", async ({ page, browser }, info) => {
  const name = `Iris Invisible ${Date.now().toString(36)}`;
  await registerAs(page, info, "iris", name);
  await visit(page, info, "/me/profile");
  await page.getByLabel("My profile", { exact: true }).selectOption("public");
  await page.getByRole("button", { name: "Save my profile" }).click();
  await expect(page.getByRole("status")).toContainText("Your profile has been saved");

  const visitor = await browser.newContext();
  const outside = await visitor.newPage();
  const listed = async () => {
    await outside.goto(`/members?q=${encodeURIComponent(name)}`);
    return outside.getByRole("main").getByText(name).count();
  };
  expect(await listed()).toBeGreaterThan(0);

  await visit(page, info, "/members");
  const banner = page.getByRole("banner");
  await banner.getByRole("button", { name: "Go invisible now" }).click();
  await expect(banner.getByRole("button", { name: /show my profile again/ })).toBeVisible();
  await expect(page).toHaveURL(/\/members$/);
  await expectAccessible(page, info);
  await expect.poll(listed, { timeout: 5_000 }).toBe(0);

  await banner.getByRole("button", { name: /show my profile again/ }).click();
  await expect(banner.getByRole("button", { name: "Go invisible now" })).toBeVisible();
  await expect.poll(listed, { timeout: 5_000 }).toBeGreaterThan(0);
  await visitor.close();
});

test("a member takes their data with them, then erases their account", async ({ page }, info) => {
  const email = await registerAs(page, info, "erin", "Erin Erase");
  await page.getByRole("link", { name: /Download everything Passerelle holds about me/ }).click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/account\/data$/);
  await expectAccessible(page, info);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data (JSON)" }).click();
  const file = await download;
  const data = JSON.parse(readFileSync((await file.path())!, "utf8"));
  expect(data.account.email).toBe(email);

  // The password is asked for; a wrong one is explained beside the field.
  const password = page.getByLabel("Current password");
  await password.fill("not my password at all");
  await page.getByRole("button", { name: "Erase my account for good" }).click();
  await expect(page.getByLabel("Current password")).toHaveAccessibleDescription(/current password is incorrect/i);
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("button", { name: "Erase my account for good" }).click();
  await expect(page).toHaveURL(/\/login\?erased=1$/);
  await settle(page, info);
  await expect(page.getByRole("status")).toContainText("Your account has been erased");
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
});
