console.log("check ok");
