document.body.textContent = "finance";
