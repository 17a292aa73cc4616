import { expect } from "@playwright/test";
import { expectAccessible, hydrated, linkInMail, test, visit } from "./support";
import { LANGUAGE_COOKIE, Lang, t } from "./i18n";

// The demo seed leaves demo members 10, 60, 110… unconfirmed for 310 days; the server's
// first sweep, at start-up, emails each a reminder with a one-click link. Each language
// and project takes a member of its own, so no test spends another's link.
const MEMBER: Record<Lang, [number, number]> = { en: [10, 60], fr: [110, 160], es: [210, 260], ar: [310, 360] };

for (const lang of ["en", "fr", "es", "ar"] as Lang[]) {
  test(`${lang}: a reminder's link confirms a profile in one click, without logging in, once`, async ({ page }, info) => {
    const say = (key: string) => t(lang, key);
    await page.context().addCookies([{ name: LANGUAGE_COOKIE, value: lang, url: info.project.use.baseURL! }]);
    const n = MEMBER[lang][hydrated(info) ? 0 : 1];
    const link = await linkInMail(`member${n}@demo.passerelle.example`, "/still-accurate/");

    await visit(page, info, link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(say("freshness.link_title"));
    await expect(page.getByRole("main")).toContainText(say("freshness.link_profile"));
    await expectAccessible(page, info);
    await page.getByRole("button", { name: say("freshness.link_confirm") }).click();
    await expect(page.getByRole("status")).toContainText(say("freshness.link_done"));
    await expectAccessible(page, info);

    // Spent: the same link now says so, and offers to log in instead.
    await visit(page, info, link);
    await expect(page.getByRole("alert")).toContainText(say("freshness.link_invalid"));
    await expect(page.getByRole("button", { name: say("freshness.link_confirm") })).toHaveCount(0);
  });
}
