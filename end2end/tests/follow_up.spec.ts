import { expect } from "@playwright/test";
import { expectAccessible, PASSWORD, registerAs, settle, switchTo, test, visit } from "./support";

test("after an accepted introduction, one side proposes a meeting the other picks, moves it to met, and both confirm the agreement", async ({ page }, info) => {
  const stamp = `${info.project.name.replace(/\W/g, "")}${Date.now().toString(36)}`;
  const rita = await registerAs(page, info, "rita", `Rita Recipient ${stamp}`);
  await visit(page, info, "/me/profile");
  await page.getByLabel("My profile", { exact: true }).selectOption("public");
  await page.getByRole("button", { name: "Save my profile" }).click();
  await expect(page.getByRole("status")).toContainText("Your profile has been saved");
  await page.getByRole("link", { name: "See my profile as others do" }).click();
  await settle(page, info);
  const profile = new URL(page.url()).pathname;

  // Sam asks to be introduced; Rita accepts.
  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  const sam = await registerAs(page, info, "sam", `Sam Sender ${stamp}`);
  await visit(page, info, profile);
  await page.getByRole("link", { name: "Ask for an introduction" }).click();
  await settle(page, info);
  await page.getByLabel("Your message", { exact: true }).fill("Hello, shall we build a mentoring programme together?");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  await switchTo(page, info, rita, PASSWORD);
  await visit(page, info, "/inbox");
  await page.getByRole("button", { name: "Accept and share contact details" }).click();
  await settle(page, info);

  // Rita opens where it stands, says they met, and states the agreement.
  await page.getByRole("link", { name: "Where it stands: meetings, stage, agreement" }).first().click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/introductions\/\d+/);
  const followUp = new URL(page.url()).pathname;
  await expect(page.locator(".stage-now")).toContainText("Introduction accepted");
  await expectAccessible(page, info);

  // Rita proposes a meeting in ten days, at 15:00 in Paris; a time already past is refused
  // beside its field, and what she typed stays.
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("How you meet", { exact: true }).selectOption("online");
  await page.getByLabel("Video call link (if online)", { exact: true }).fill("https://meet.example.org/rita-sam");
  await page.getByLabel("Time zone of these times", { exact: true }).selectOption("Europe/Paris");
  await page.getByLabel("First time", { exact: true }).fill("2020-01-01T10:00");
  await page.getByLabel("Second time (optional)", { exact: true }).fill(`${day}T15:00`);
  await page.getByRole("button", { name: "Propose these times" }).click();
  await expect(page.locator("#field-proposal-slot1-error")).toContainText("at least an hour from now");
  await expect(page.getByLabel("Second time (optional)", { exact: true })).toHaveValue(`${day}T15:00`);
  await page.getByLabel("First time", { exact: true }).fill(`${day}T09:30`);
  await page.getByRole("button", { name: "Propose these times" }).click();
  await expect(page.getByRole("status")).toContainText("Your times are sent");
  await expect(page.locator(".meeting-slots")).toContainText(`${day} 09:30`);
  await expect(page.locator(".meeting-slots")).toContainText(`${day} 15:00`);
  await page.getByLabel("Move it to", { exact: true }).selectOption({ label: "Met" });
  await page.getByRole("button", { name: "Save the stage" }).click();
  await expect(page.getByRole("status")).toContainText("The stage is saved");
  await expect(page.locator(".stage-now")).toContainText("Met");
  await page.getByLabel("Kind of agreement", { exact: true }).selectOption({ label: "Mentoring or volunteering" });
  await page.getByRole("button", { name: "We reached this agreement" }).click();
  await expect(page.getByRole("status")).toContainText("it counts once the other side confirms it");
  await expect(page.getByRole("main")).toContainText("waiting for the other side to confirm it");

  // Sam picks the afternoon time, shown in his time zone (UTC: an hour or two earlier).
  await switchTo(page, info, sam, PASSWORD);
  await visit(page, info, followUp);
  const afternoon = page.getByRole("button", { name: new RegExp(`^Pick ${day} 1[34]:00$`) });
  await expect(afternoon).toHaveCount(1);
  await afternoon.click();
  await expect(page.getByRole("status")).toContainText("The meeting is confirmed");
  await expect(page.locator(".meeting-confirmed")).toContainText(new RegExp(`Confirmed: ${day} 1[34]:00, 60 minutes`));
  await expect(page.getByRole("link", { name: "https://meet.example.org/rita-sam" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add it to my calendar (.ics file)" })).toBeVisible();
  await expectAccessible(page, info);

  // And sees where it stands, and confirms the agreement: it counts for the two of them.
  await expect(page.locator(".stage-now")).toContainText("Met");
  await expect(page.getByRole("main")).toContainText("The other side says an agreement was reached: Mentoring or volunteering.");
  await page.getByRole("button", { name: "Confirm this agreement" }).click();
  await expect(page.getByRole("status")).toContainText("Confirmed by both sides");
  await expect(page.locator(".stage-now")).toContainText("Agreement reached");
  await expect(page.getByRole("main")).toContainText("Agreement reached: Mentoring or volunteering, confirmed by both sides");
  await expect(page.getByRole("button", { name: "Save the stage" })).toHaveCount(0);
  await expectAccessible(page, info);
});
