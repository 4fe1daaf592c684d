document.body.textContent = "hello from the bundle";
