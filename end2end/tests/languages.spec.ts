import { expect, test } from "@playwright/test";
import { expectAccessible, settle, visit } from "./support";

test("switching to French translates the page and survives a reload", async ({ page }, info) => {
  await visit(page, info, "/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Français" }).click();
  await settle(page, info);

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Se connecter");
  await expect(page.getByLabel("Adresse e-mail")).toBeVisible();
  await expectAccessible(page, info);

  await page.reload();
  await settle(page, info);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Se connecter");

  await page.getByRole("navigation", { name: "Langue" }).getByRole("link", { name: "English" }).click();
  await settle(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
});

test("the browser's preferred language is used on a first visit", async ({ browser }, info) => {
  const context = await browser.newContext({
    locale: "fr-FR",
    javaScriptEnabled: info.project.name === "hydrated",
    extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9" },
  });
  const page = await context.newPage();
  await visit(page, info, "/");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("link", { name: "Rejoindre Passerelle" })).toBeVisible();
  await context.close();
});
