["./routes/rev"].map(require).forEach(f => console.log("ok", f()))
