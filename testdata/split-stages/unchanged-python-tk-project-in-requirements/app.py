import importlib
import os

ui = importlib.import_module(os.environ.get("UI_TOOLKIT", "ttkbootstrap"))
print(ui.__name__)
