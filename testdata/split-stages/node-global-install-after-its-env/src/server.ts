console.log("c26")
