process.env.APP_BOOTED = "1";
