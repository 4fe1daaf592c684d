document.querySelector("#app").textContent = "hello from a Vite build";
