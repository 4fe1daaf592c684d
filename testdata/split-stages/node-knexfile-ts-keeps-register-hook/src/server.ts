console.log("c14 server");
