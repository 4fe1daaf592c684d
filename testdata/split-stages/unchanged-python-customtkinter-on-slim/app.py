import customtkinter as ctk

app = ctk.CTk()
ctk.CTkLabel(app, text="hello").pack()
app.after(500, app.destroy)
app.mainloop()
