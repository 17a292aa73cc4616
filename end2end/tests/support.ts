import { test as base, BrowserContext, expect, Page, TestInfo } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { Lang, t } from "./i18n";

/**
 * Playwright's `test`, where each test is a person at an address of their own: its
 * browser names a random address in 10.0.0.0/8 in `X-Forwarded-For`, which the server
 * believes from the loopback (scripts/serve.sh), so the limits per address meet what
 * they would meet in the world, not one address for the whole run.
 */
export const test = base.extend({
  extraHTTPHeaders: async ({}, use) => {
    const byte = () => Math.floor(Math.random() * 256);
    await use({ "x-forwarded-for": `10.${byte()}.${byte()}.${byte()}` });
  },
});

/** True in the project that runs with JavaScript on. */
export const hydrated = (info: TestInfo) => info.project.name === "hydrated";

/** A fresh address per test and project, so runs never collide. */
export function uniqueEmail(info: TestInfo, tag: string): string {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${tag}.${info.project.name}.${stamp}@example.org`;
}

/** Opens a page and waits until it is usable: hydrated with JavaScript, loaded without. */
export async function visit(page: Page, info: TestInfo, path: string) {
  await page.goto(path);
  await settle(page, info);
}

/** Waits for the app to be ready after a navigation, and checks it hydrated (or not). */
export async function settle(page: Page, info: TestInfo) {
  const main = page.locator("main");
  if (hydrated(info)) {
    await expect(main).toHaveAttribute("data-hydrated", "true");
  } else {
    await page.waitForLoadState("load");
    await expect(main).not.toHaveAttribute("data-hydrated", "true");
  }
}

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Fails on any WCAG 2.2 A/AA violation that axe-core finds on the page as it is now.
 *
 * axe runs inside the page, which needs JavaScript. Without it, the same address is
 * opened in a JavaScript-enabled twin with the same cookies and the app's own scripts
 * blocked: it then shows exactly the server-rendered HTML a no-JS visitor gets.
 */
export async function expectAccessible(page: Page, info: TestInfo) {
  let target = page;
  let twin: BrowserContext | undefined;
  const browser = page.context().browser();
  if (!hydrated(info) && browser) {
    // Cookies only: reading storage state would need JavaScript in the original page.
    // The test runner gives new contexts the project options: turn JavaScript back on.
    twin = await browser.newContext({ javaScriptEnabled: true });
    await twin.addCookies(await page.context().cookies());
    await twin.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    target = await twin.newPage();
    await target.goto(page.url());
  }
  try {
    const results = await new AxeBuilder({ page: target }).withTags(WCAG_AA).analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
    expect(summary, "accessibility violations").toEqual([]);
  } finally {
    await twin?.close();
  }
}

/**
 * Collects console errors and refused scripts, to fail on CSP or hydration errors.
 * A refused form answers 4xx on purpose (422, 401…); the browser logs that as a failed
 * load, which is not an error of the page. Server errors (5xx) still count.
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    const expectedRefusal = /Failed to load resource: .*status of 4\d\d/.test(msg.text());
    if (msg.type() === "error" && !expectedRefusal) errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

export const PASSWORD = "river stone lantern 42";
/** The demo moderator that `passerelle seed --demo` creates (scripts/test.sh seeds the test database). */
export const MODERATOR = { email: "moderator@demo.passerelle.example", password: "passerelle demo 2026" };

/**
 * The folder the server writes email to (`PASSERELLE_MAIL_DIR`, one .eml file each, as
 * lettre's file transport writes them); scripts/test.sh passes it on as MAIL_DIR.
 */
const MAIL_DIR = process.env.MAIL_DIR ?? join(__dirname, "..", "..", "data", "mail");

/** A message body in its transfer encoding (7bit, quoted-printable or base64), decoded. */
function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding !== "quoted-printable") return body;
  const joined = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * The path of the link to `prefix…` in the newest email to `to`, waiting for the
 * server's outbox worker to write it.
 */
export async function linkInMail(to: string, prefix: string): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const files = readdirSync(MAIL_DIR)
          .filter((f) => f.endsWith(".eml"))
          .map((f) => join(MAIL_DIR, f))
          .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
        for (const file of files) {
          const raw = readFileSync(file, "utf8");
          const split = raw.search(/\r?\n\r?\n/);
          const headers = raw.slice(0, split);
          if (!new RegExp(`^to:.*${to.replace(/[.+]/g, "\\$&")}`, "im").test(headers)) continue;
          const body = decodeBody(headers, raw.slice(split).trim());
          const link = body.split(/\r?\n/).find((line) => line.startsWith("http") && line.includes(prefix));
          if (link) {
            found = new URL(link.trim()).pathname;
            return found;
          }
        }
        return undefined;
      },
      { message: `an email to ${to} with a link to ${prefix}`, timeout: 15_000 },
    )
    .toBeDefined();
  return found!;
}

/** Logs in from the log-in page and lands on /account. */
export async function logIn(page: Page, info: TestInfo, email: string, password: string, lang: Lang = "en") {
  await visit(page, info, "/login");
  await page.getByLabel(t(lang, "fields.email")).fill(email);
  await page.getByLabel(t(lang, "fields.password")).fill(password);
  await page.getByRole("button", { name: t(lang, "login.submit") }).click();
  await expect(page).toHaveURL(/\/account$/);
  await settle(page, info);
}

/**
 * Registers a new account, confirms its address by the emailed link, logs in and lands
 * on /account, signed in (in the page's language).
 */
export async function registerAs(
  page: Page,
  info: TestInfo,
  tag: string,
  name: string,
  lang: Lang = "en",
): Promise<string> {
  const email = uniqueEmail(info, tag);
  await visit(page, info, "/register");
  await page.getByLabel(t(lang, "fields.email")).fill(email);
  await page.getByLabel(t(lang, "fields.display_name")).fill(name);
  await page.getByLabel(t(lang, "fields.password")).fill(PASSWORD);
  await page.getByRole("button", { name: t(lang, "register.submit") }).click();
  await expect(page).toHaveURL(/\/login\?joined=1$/);
  await settle(page, info);
  await visit(page, info, await linkInMail(email, "/account/confirm/"));
  await page.getByRole("button", { name: t(lang, "confirm.submit") }).click();
  await expect(page).toHaveURL(/\/account\?confirmed=1$/);
  await logIn(page, info, email, PASSWORD, lang);
  return email;
}

/** Logs out, then logs in with another account. */
export async function switchTo(page: Page, info: TestInfo, email: string, password: string, lang: Lang = "en") {
  const banner = page.getByRole("banner");
  await banner.getByRole("button", { name: t(lang, "nav.logout") }).click();
  await expect(page).toHaveURL(/\/$/);
  await logIn(page, info, email, password, lang);
}
