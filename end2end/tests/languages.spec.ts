import { expect } from "@playwright/test";
import { expectAccessible, settle, test, visit } from "./support";

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

test("the switcher offers all four languages, each in its own name", async ({ page }, info) => {
  await visit(page, info, "/");
  const switcher = page.getByRole("navigation", { name: "Language" });
  await expect(switcher.getByRole("link")).toHaveText(["English", "Français", "Español", "العربية"]);
  await switcher.getByRole("link", { name: "Español" }).click();
  await settle(page, info);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("link", { name: "Unirse a Passerelle" })).toBeVisible();
  await expectAccessible(page, info);
});

test("Arabic pages read right to left: the header's first item sits on the right", async ({ page }, info) => {
  await visit(page, info, "/members");
  const brand = page.getByRole("banner").getByRole("link", { name: "Passerelle" });
  const nav = page.getByRole("banner").getByRole("navigation").first();
  const leftToRight = { brand: (await brand.boundingBox())!, nav: (await nav.boundingBox())! };
  expect(leftToRight.brand.x).toBeLessThan(leftToRight.nav.x);

  await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "العربية" }).click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("الأعضاء");
  const viewport = page.viewportSize()!;
  const box = (await brand.boundingBox())!;
  // Mirrored: the brand ends near the right edge, and the navigation comes after it, to its left.
  expect(box.x + box.width).toBeGreaterThan(viewport.width / 2);
  expect((await nav.boundingBox())!.x).toBeLessThan(box.x);
  await expectAccessible(page, info);
});
