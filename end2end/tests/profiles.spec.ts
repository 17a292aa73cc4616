import { expect } from "@playwright/test";
import { expectAccessible, PASSWORD, registerAs, settle, switchTo, test, visit, watchConsole } from "./support";

test("a member edits their profile: a bad link is explained, the typing kept, then it saves", async ({ page }, info) => {
  const errors = watchConsole(page);
  await registerAs(page, info, "zoe", "Zoé Martínez");
  await page.getByRole("banner").getByRole("link", { name: "My profile" }).click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/me\/profile$/);
  await expectAccessible(page, info);

  await page.getByLabel("Headline").fill("Agronomist in Guadalajara");
  await page.getByLabel("Countries of origin", { exact: true }).selectOption(["GT"]);
  await page.getByLabel("Country of residence").selectOption("MX");
  await page.getByRole("checkbox", { name: "Agriculture and food" }).check();
  await page.getByRole("checkbox", { name: "Mentoring" }).check();
  await page.getByLabel("Links").fill("javascript:alert(1)");
  await page.getByLabel("My countries of origin").selectOption("public");
  await page.getByRole("button", { name: "Save my profile" }).click();

  const links = page.getByLabel("Links");
  await expect(links).toHaveAttribute("aria-invalid", "true");
  await expect(links).toHaveAccessibleDescription(/web address starting with https/i);
  await expect(page.getByLabel("Headline")).toHaveValue("Agronomist in Guadalajara");
  await expect(page.getByRole("checkbox", { name: "Agriculture and food" })).toBeChecked();
  await expectAccessible(page, info);

  await links.fill("https://example.org/zoe");
  await page.getByRole("button", { name: "Save my profile" }).click();
  await expect(page.getByRole("status")).toContainText("Your profile has been saved");
  await page.getByRole("link", { name: "See my profile as others do" }).click();
  await settle(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Zoé Martínez");
  await expect(page.getByRole("main")).toContainText("Guatemala");
  await expect(page.getByRole("main")).toContainText("Agronomist in Guadalajara");
  await expectAccessible(page, info);

  // A photo, then no photo: it is gone from the profile at once.
  await visit(page, info, "/me/profile");
  await page.getByLabel("Profile photo", { exact: true }).setInputFiles({ name: "zoe.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.getByRole("status")).toContainText("Your photo has been updated");
  await expect(page.locator("img.avatar-large")).toBeVisible();
  await page.getByRole("button", { name: "Remove the photo" }).click();
  await expect(page.getByRole("status")).toContainText("Your photo has been removed");
  await expect(page.locator("img.avatar-large")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove the photo" })).toHaveCount(0);
  await expectAccessible(page, info);
  expect(errors, "console errors").toEqual([]);
});

/** A 2×2 PNG. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4EaABRAwQCgAljgUBqTNxyAAAAABJRU5ErkJggg==";

test("the member directory filters by facet and opens a result", async ({ page }, info) => {
  await visit(page, info, "/members");
  await expectAccessible(page, info);
  const count = page.locator(".result-count");
  const before = await count.textContent();
  await page.getByLabel("Sector").selectOption("health");
  if (info.project.name === "no-js") {
    await page.getByRole("button", { name: "Apply filters" }).click();
  }
  await expect(page).toHaveURL(/sector=health/);
  await settle(page, info);
  await expect(count).not.toHaveText(before ?? "");
  const first = page.locator(".cards h2 a").first();
  const name = (await first.textContent()) ?? "";
  await first.click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("main")).toContainText("Health");
  await expectAccessible(page, info);
});

test("a member asks someone for an introduction, then takes the request back", async ({ page }, info) => {
  await registerAs(page, info, "wes", "Wes Withdraw");
  await visit(page, info, "/members");
  await page.locator(".cards h2 a").first().click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await page.getByRole("link", { name: "Ask for an introduction" }).click();
  await settle(page, info);
  await page.getByLabel("Your message", { exact: true }).fill("Hello, I would like to talk about a health project in Dakar.");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  await settle(page, info);
  const sent = page.locator("#sent").locator("xpath=..");
  await expect(sent).toContainText("Waiting for an answer");
  await sent.getByRole("button", { name: "Withdraw this request" }).click();
  await expect(page.getByRole("status")).toContainText("Your request was withdrawn.");
  await expect(sent).toContainText("Withdrawn by its sender");
  await expect(sent.getByRole("button", { name: "Withdraw this request" })).toHaveCount(0);
  await expectAccessible(page, info);
});

test("a member blocks a sender from the inbox, then unblocks them from the account page", async ({ page }, info) => {
  const stamp = `${info.project.name.replace(/\W/g, "")}${Date.now().toString(36)}`;
  const recipient = await registerAs(page, info, "rita", `Rita Recipient ${stamp}`);
  await visit(page, info, "/me/profile");
  await page.getByLabel("My profile", { exact: true }).selectOption("public");
  await page.getByRole("button", { name: "Save my profile" }).click();
  await expect(page.getByRole("status")).toContainText("Your profile has been saved");
  await page.getByRole("link", { name: "See my profile as others do" }).click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/members\/\d+$/);
  const profile = new URL(page.url()).pathname;

  // Another member asks her for an introduction.
  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await registerAs(page, info, "sam", `Sam Sender ${stamp}`);
  await visit(page, info, profile);
  await page.getByRole("link", { name: "Ask for an introduction" }).click();
  await settle(page, info);
  await page.getByLabel("Your message", { exact: true }).fill("Hello, I would like to talk about a school project.");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page).toHaveURL(/\/inbox/);

  // She blocks him from her inbox, then thinks better of it.
  await switchTo(page, info, recipient, PASSWORD);
  await visit(page, info, "/inbox");
  await page.getByRole("button", { name: "Block this sender" }).click();
  await settle(page, info);
  await visit(page, info, "/account");
  const unblock = page.getByRole("button", { name: `Unblock Sam Sender ${stamp}` });
  await expect(unblock).toBeVisible();
  await expectAccessible(page, info);
  await unblock.click();
  await expect(page.getByRole("status")).toContainText("Unblocked: they can send requests again.");
  await expect(page.getByRole("button", { name: `Unblock Sam Sender ${stamp}` })).toHaveCount(0);
  await expect(page.getByRole("main")).toContainText("You have blocked nobody.");
  await expectAccessible(page, info);
});
