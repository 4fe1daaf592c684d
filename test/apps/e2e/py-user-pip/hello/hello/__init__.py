def message():
    return "hello from ~/.local"
