const puppeteer = require("puppeteer");
puppeteer.launch().then((b) => b.close());
