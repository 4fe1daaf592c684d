import React from "react";
import { createRoot } from "react-dom/client";

// A create-react-app-shaped front-end: React bundled at build time, served as static files by `serve -s`.
createRoot(document.getElementById("root")).render(<h1>react static</h1>);
