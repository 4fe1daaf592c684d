GREETING = "served by python -m webpkg"
