import e from "express"; const a=e(); a.use(e.static("public")); a.listen(3000);
