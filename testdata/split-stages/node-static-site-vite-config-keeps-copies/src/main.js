document.body.append("hi");
