import tkinter as tk
from PIL import Image

root = tk.Tk()
root.title("board")
root.after(1000, root.destroy)
root.mainloop()
