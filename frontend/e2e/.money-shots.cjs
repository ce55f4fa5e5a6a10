const { chromium } = require("playwright");
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  for (const [name, viewport] of [["desktop", { width: 1440, height: 1000 }], ["phone", { width: 390, height: 844 }]]) {
    const page = await browser.newPage({ viewport });
    await page.goto("http://127.0.0.1:18000/login");
    await page.getByLabel("E-mail").fill("demo@vinyldigger.example");
    await page.getByLabel("Password").fill("crate-digging-demo");
    await page.getByRole("button", { name: /sign in|log in/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    for (const [shot, path] of [["results", "/searches/1/results"], ["sellers", "/sellers?search=1"], ["release", "/releases/1004091"], ["basket", "/basket"]]) {
      await page.goto(`http://127.0.0.1:18000${path}`);
      await page.waitForTimeout(2500);
      await page.screenshot({ path: `/tmp/money-demo/shots/${name}-${shot}.png`, fullPage: false });
    }
    await page.close();
  }
  await browser.close();
})();
