module.exports = { title: "docs", url: "https://example.com", baseUrl: "/", presets: [["classic", {}]] };
