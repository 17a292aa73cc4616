import { expect } from "@playwright/test";
import { expectAccessible, MODERATOR, registerAs, settle, switchTo, test, visit } from "./support";

/** A one-pixel PNG. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

test("an organization is created, verified by a moderator, and spotlighted", async ({ page }, info) => {
  const stamp = Date.now().toString(36);
  const name = `Liaison Office ${info.project.name} ${stamp}`;
  const owner = await registerAs(page, info, "liaison", "Ana Liaison");

  await visit(page, info, "/organizations/new");
  await expectAccessible(page, info);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Kind of organization").selectOption("government");
  await page.getByLabel("Headquarters").selectOption("GT");
  await page.getByLabel("Year founded").fill("3000");
  await page.getByRole("button", { name: "Create the organization" }).click();
  const year = page.getByLabel("Year founded");
  await expect(year).toHaveAccessibleDescription(/year between 1800/i);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await year.fill("1998");
  await page.getByRole("button", { name: "Create the organization" }).click();

  await expect(page).toHaveURL(/\/organizations\/liaison-office/);
  await settle(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Unverified");
  await expectAccessible(page, info);
  const orgUrl = page.url();
  await page.getByRole("button", { name: "Ask for verification" }).click();
  await expect(page.getByRole("main")).toContainText("Verification pending");

  await visit(page, info, "/spotlights/new");
  await page.getByLabel("Organization").selectOption({ label: name });
  await page.getByLabel("Title").fill(`Bridges to Guatemala ${stamp}`);
  await page.getByLabel("Summary").fill("How a liaison office works with its diaspora.");
  await page.getByLabel("Story").fill("Since **1998** the office has worked with diaspora associations.");
  await page.getByLabel("Region").selectOption("central-america");
  await expectAccessible(page, info);
  await page.getByRole("button", { name: "Save the draft" }).click();
  await expect(page).toHaveURL(/\/spotlights\/bridges-to-guatemala/);
  await settle(page, info);
  await expect(page.getByRole("note")).toContainText("Draft");
  const storyUrl = page.url();

  // The draft's image: a refused file keeps the typed description beside a clear message.
  const describe = "Two officers meeting diaspora associations";
  await page.getByLabel("Describe the image").fill(describe);
  await page.locator("#field-image").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") });
  await page.getByRole("button", { name: "Upload the image" }).click();
  await expect(page).toHaveURL(/image_error=not_an_image/);
  await settle(page, info);
  await expect(page.locator("#field-image")).toHaveAccessibleDescription(/Choose a JPEG, PNG or WebP image/);
  await expect(page.getByLabel("Describe the image")).toHaveValue(describe);
  await expectAccessible(page, info);
  await page.locator("#field-image").setInputFiles({ name: "office.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
  await page.getByRole("button", { name: "Upload the image" }).click();
  await expect(page).toHaveURL(/image=saved/);
  await settle(page, info);
  await expect(page.getByText("The image is saved")).toBeVisible();
  const image = page.getByRole("img", { name: describe });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await switchTo(page, info, MODERATOR.email, MODERATOR.password);
  await visit(page, info, "/moderation");
  await expectAccessible(page, info);
  const verify = page.getByRole("button", { name: "Verify" });
  const request = page.getByRole("listitem").filter({ hasText: name }).filter({ has: verify });
  await request.getByLabel("Note for the organization").fill("Checked against the official gazette.");
  await request.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: name }).filter({ has: verify })).toHaveCount(0);

  await page.goto(storyUrl);
  await settle(page, info);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("note")).toHaveCount(0);
  await expect(page.locator(".story strong")).toHaveText("1998");
  await expect(page.getByRole("img", { name: describe })).toBeVisible();

  await page.goto(orgUrl);
  await settle(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Verified");
  await visit(page, info, "/spotlights?region=central-america");
  await expect(page.getByRole("main")).toContainText(`Bridges to Guatemala ${stamp}`);
  await expectAccessible(page, info);
  expect(owner).toContain("@");

  // Published, the story is the moderators' to correct, and to take down.
  await visit(page, info, new URL(storyUrl).pathname);
  await page.getByRole("link", { name: "Edit the story" }).click();
  await settle(page, info);
  await expectAccessible(page, info);
  await page.getByLabel("Title").fill("");
  await page.getByRole("button", { name: "Save the story" }).click();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Summary")).toHaveValue("How a liaison office works with its diaspora.");
  await page.getByLabel("Title").fill(`Bridges to Guatemala, told again ${stamp}`);
  await page.getByRole("button", { name: "Save the story" }).click();
  await expect(page.getByRole("status")).toContainText("The story is saved.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Bridges to Guatemala, told again ${stamp}`);
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByRole("status")).toContainText("Unpublished: the story is a draft again");
  await expect(page.getByRole("note")).toContainText("Draft");
  await expectAccessible(page, info);
  await visit(page, info, "/spotlights?region=central-america");
  await expect(page.getByRole("main")).not.toContainText(`Bridges to Guatemala, told again ${stamp}`);
});

test("an owner gives an organization a logo, then deletes it after seeing what goes", async ({ page }, info) => {
  const stamp = `${info.project.name.replace(/\W/g, "")}${Date.now().toString(36)}`;
  const name = `Logo Lab ${stamp}`;
  await registerAs(page, info, "lola", "Lola Owner");
  await visit(page, info, "/organizations/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Kind of organization").selectOption("diaspora");
  await page.getByLabel("Headquarters").selectOption("SN");
  await page.getByRole("button", { name: "Create the organization" }).click();
  await expect(page).toHaveURL(/\/organizations\/logo-lab/);
  await settle(page, info);
  const orgPath = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "Edit the details" }).click();
  await settle(page, info);
  await page.getByLabel("Describe the logo").fill(`${name} in blue letters`);
  await page.locator("#field-logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
  await page.getByRole("button", { name: "Upload the logo" }).click();
  await expect(page).toHaveURL(/logo=saved/);
  await settle(page, info);
  await expect(page.getByText("The logo is saved.")).toBeVisible();
  await expectAccessible(page, info);
  await visit(page, info, orgPath);
  const logo = page.getByRole("img", { name: `${name} in blue letters` });
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.getByRole("link", { name: "Delete this organization" }).click();
  await settle(page, info);
  await expect(page.getByRole("main")).toContainText(`You are about to delete “${name}” for good`);
  await expect(page.getByRole("main")).toContainText("its needs: 0");
  await expectAccessible(page, info);
  await page.getByRole("button", { name: "Delete the organization for good" }).click();
  await expect(page).toHaveURL(/\/account\?org_deleted=1$/);
  await expect(page.getByRole("status")).toContainText("The organization was deleted.");
  const gone = await page.request.get(orgPath);
  expect(gone.status()).toBe(404);
});

test("the organization directory filters by kind and the map opens a country", async ({ page }, info) => {
  await visit(page, info, "/organizations");
  await expectAccessible(page, info);
  await page.getByLabel("Kind").selectOption("io");
  if (info.project.name === "no-js") {
    await page.getByRole("button", { name: "Apply filters" }).click();
  }
  await expect(page).toHaveURL(/kind=io/);
  await settle(page, info);
  await expect(page.locator(".cards .card").first()).toContainText("International organization");

  await visit(page, info, "/map");
  await expectAccessible(page, info);
  const row = page.getByRole("table").getByRole("row").nth(1);
  const country = (await row.getByRole("link").textContent()) ?? "";
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/organizations\?country=[A-Z]{2}$/);
  await settle(page, info);
  await expect(page.locator(".result-count")).toContainText("results");
  await expect(page.locator(".cards .card").first()).toBeVisible();
  const svgLink = await page.goto("/map").then(() => page.locator(`svg a[aria-label^="${country}:"]`));
  await expect(svgLink).toHaveCount(1);
});
