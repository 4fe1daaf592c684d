test("ok", () => {});
