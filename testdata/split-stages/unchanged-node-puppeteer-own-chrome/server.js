// Renders a page in the Chromium that Debian's package installs (PUPPETEER_EXECUTABLE_PATH) and answers with
// what the browser computed: puppeteer's own download is skipped.
const http = require("node:http");
const puppeteer = require("puppeteer");

const port = Number(process.env.PORT || 3000);
let browser;

async function render() {
  browser ??= await puppeteer.launch({ args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  const page = await browser.newPage();
  try {
    await page.setContent("<title>rendered</title><p id=n></p><script>n.textContent = 6 * 7</script>");
    return `${await page.title()} ${await page.$eval("#n", (e) => e.textContent)}\n`;
  } finally {
    await page.close();
  }
}

http
  .createServer((req, res) => {
    render().then(
      (text) => res.writeHead(200, { "content-type": "text/plain" }).end(text),
      (err) => res.writeHead(500).end(`${err.message}\n`),
    );
  })
  .listen(port, () => console.log(`listening on ${port}`));
