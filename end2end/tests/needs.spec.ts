import { expect, test } from "@playwright/test";
import { expectAccessible, PASSWORD, registerAs, settle, switchTo, visit } from "./support";

test("a need is posted, matches are explained, an introduction is accepted and contacts are shared", async ({ page }, info) => {
  const stamp = `${info.project.name.replace(/\W/g, "")}${Date.now().toString(36)}`;
  // A word nobody else uses, in the partner's biography and in the need: text relevance
  // puts the partner first among equally good demo members.
  const word = `zeolite${stamp}`;
  const partnerContact = `pat.${stamp}@example.org`;

  // The partner: a public profile that fits the need.
  const partner = await registerAs(page, info, "pat", `Pat Partner ${stamp}`);
  await visit(page, info, "/me/profile");
  await page.getByLabel("Headline", { exact: true }).fill("Teacher and mentor in Dakar");
  await page.getByLabel("Biography", { exact: true }).fill(`I train young teachers and work with ${word} filters in schools.`);
  await page.getByLabel("Country of residence", { exact: true }).selectOption("SN");
  await page.getByLabel("Languages", { exact: true }).selectOption(["wo", "fr"]);
  await page.getByRole("checkbox", { name: "Education", exact: true }).check();
  await page.getByRole("checkbox", { name: "Mentoring", exact: true }).check();
  await page.getByRole("checkbox", { name: "4 — Quality education" }).check();
  await page.getByRole("textbox", { name: "Contact email" }).fill(partnerContact);
  await page.getByLabel("My profile", { exact: true }).selectOption("public");
  await page.getByRole("button", { name: "Save my profile" }).click();
  await expect(page.getByRole("status")).toContainText("Your profile has been saved");

  // The organization posts a need; a past deadline is refused beside the field, typing kept.
  const orgName = `School Bridges ${stamp}`;
  const owner = await switchToNew(page, info, "owner", "Olu Owner");
  await visit(page, info, "/organizations/new");
  await page.getByLabel("Name", { exact: true }).fill(orgName);
  await page.getByLabel("Kind of organization").selectOption("diaspora");
  await page.getByLabel("Headquarters").selectOption("SN");
  await page.getByRole("button", { name: "Create the organization" }).click();
  await expect(page).toHaveURL(/\/organizations\/school-bridges/);
  await settle(page, info);

  await visit(page, info, "/needs/new");
  await expectAccessible(page, info);
  const title = `Mentors for young teachers ${stamp}`;
  await page.getByLabel("Organization", { exact: true }).selectOption({ label: orgName });
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Description", { exact: true }).fill(`We look for teachers of the diaspora to mentor graduates; experience with ${word} filters welcome.`);
  await page.getByRole("checkbox", { name: "Mentoring", exact: true }).check();
  await page.getByRole("checkbox", { name: "Individual diaspora members", exact: true }).check();
  await page.getByRole("checkbox", { name: "4 — Quality education" }).check();
  await page.getByRole("checkbox", { name: "Education", exact: true }).check();
  await page.getByLabel("Countries concerned", { exact: true }).selectOption(["SN"]);
  await page.getByLabel("Languages", { exact: true }).selectOption(["wo"]);
  await page.getByLabel("Deadline", { exact: true }).fill("2020-01-01");
  await page.getByRole("button", { name: "Post the need" }).click();
  await expect(page.getByLabel("Deadline", { exact: true })).toHaveAccessibleDescription(/after today/);
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expectAccessible(page, info);
  await page.getByLabel("Deadline", { exact: true }).fill("2099-06-30");
  await page.getByRole("button", { name: "Post the need" }).click();
  await expect(page).toHaveURL(/\/needs\/\d+$/);
  await settle(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectAccessible(page, info);

  // Explained matches: the partner comes first, with the reasons and their shares.
  await page.getByRole("link", { name: "See matching partners" }).click();
  await expect(page).toHaveURL(/\/matches$/);
  await settle(page, info);
  const first = page.locator(".matches").first().locator(".match").first();
  await expect(first).toContainText(`Pat Partner ${stamp}`);
  await expect(first).toContainText("Both work on SDG 4 — Quality education");
  await expect(first).toContainText("Lives in Senegal");
  await expect(first).toContainText("Their own words are close to the need");
  await expectAccessible(page, info);
  await first.getByRole("link", { name: /Ask for an introduction/ }).click();
  await expect(page).toHaveURL(/\/introductions\/new/);
  await settle(page, info);
  await expect(page.getByRole("main")).toContainText(title);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByLabel("Your message", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Your message", { exact: true }).fill("Hello Pat, our network would love your help mentoring new teachers.");
  await expectAccessible(page, info);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  await settle(page, info);
  const sent = page.locator("#sent").locator("xpath=..");
  await expect(sent).toContainText("Waiting for an answer");
  await expect(sent).not.toContainText(partnerContact);

  // The partner sees it in the inbox (the header counts it), accepts, and sees the contact.
  await switchTo(page, info, partner, PASSWORD);
  await expect(page.getByRole("banner").getByRole("link", { name: /Inbox/ })).toContainText("1");
  await visit(page, info, "/inbox");
  await expectAccessible(page, info);
  const request = page.locator(".intro").filter({ hasText: "our network would love your help" });
  await expect(request).toContainText("Olu Owner");
  await expect(request).not.toContainText(owner);
  await request.getByRole("button", { name: "Accept and share contact details" }).click();
  await expect(page.locator(".intro").filter({ hasText: "our network would love your help" })).toContainText(owner);

  // And the owner sees the partner's contact.
  await switchTo(page, info, owner, PASSWORD);
  await visit(page, info, "/inbox");
  await expect(page.locator(".intro").filter({ hasText: title })).toContainText(partnerContact);
  await expectAccessible(page, info);
});

/** Logs out and registers another account. */
async function switchToNew(page: import("@playwright/test").Page, info: import("@playwright/test").TestInfo, tag: string, name: string) {
  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  return registerAs(page, info, tag, name);
}
