import { expect, test } from "@playwright/test";
import { expectAccessible, settle, uniqueEmail, visit, watchConsole } from "./support";

const PASSWORD = "river stone lantern 42";

test("a new member registers, logs out, logs back in and sees their name", async ({ page }, info) => {
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

  await expect(page).toHaveURL(/\/account$/);
  await settle(page, info);
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(email);
  await expectAccessible(page, info);

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
