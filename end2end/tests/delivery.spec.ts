import { expect, type Response } from "@playwright/test";
import { hydrated, test, visit } from "./support";

// What a phone on a slow network downloads: the page and the front end's files arrive
// compressed, and the files, named by their content's hash, are kept for a year.
test("the page and the front end's files arrive compressed and cacheable", async ({ page }, info) => {
  const files: Response[] = [];
  let document: Response | undefined;
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith("/pkg/")) files.push(response);
    if (url.pathname === "/members") document ??= response;
  });
  await visit(page, info, "/members");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  expect(document, "the page itself was seen").toBeDefined();
  expect(await document!.headerValue("content-encoding")).toBe("br");

  const wanted = hydrated(info) ? [".css", ".js", ".wasm"] : [".css"];
  for (const extension of wanted) {
    const file = files.find((r) => new URL(r.url()).pathname.endsWith(extension));
    expect(file, `a ${extension} file was loaded`).toBeDefined();
    const name = new URL(file!.url()).pathname.split("/").pop()!;
    expect(name, "the name carries a content hash").toMatch(/^passerelle\.[A-Za-z0-9_-]{16,}\.[a-z]+$/);
    expect(await file!.headerValue("content-encoding")).toBe("br");
    expect(await file!.headerValue("cache-control")).toContain("immutable");
  }
});
