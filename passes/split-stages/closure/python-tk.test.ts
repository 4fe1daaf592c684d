import { expect, test } from "vitest";
import { tkProject, tkUse } from "./python-tk.js";

const file = (text: string, path = "app.py") => [{ path, name: path.split("/").at(-1) ?? path, text }];

test.each([
  ["import tkinter as tk\n", "`tkinter`"],
  ["from tkinter import ttk\n", "`tkinter`"],
  ["import turtle\nturtle.forward(10)\n", "`tkinter`"],
  ["from PIL import Image, ImageTk\n", "`PIL.ImageTk`"],
  ['import matplotlib\nmatplotlib.use("TkAgg")\n', "matplotlib's `TkAgg` back end"],
  ['import matplotlib.pyplot as plt\nplt.switch_backend("TkAgg")\n', "matplotlib's `TkAgg` back end"],
  ["import _tkinter\n", "`_tkinter`"],
  ["import customtkinter as ctk\n", "`customtkinter` (built on `tkinter`)"],
  ["import PySimpleGUI as sg\n", "`PySimpleGUI` (built on `tkinter`)"],
  ["import FreeSimpleGUI as sg\n", "`FreeSimpleGUI` (built on `tkinter`)"],
  ["from ttkbootstrap import Window\n", "`ttkbootstrap` (built on `tkinter`)"],
  ["import pygubu\n", "`pygubu` (built on `tkinter`)"],
  ["from tkinterdnd2 import TkinterDnD\n", "`tkinterdnd2` (built on `tkinter`)"],
])("%s loads Tk", (text, module) => {
  expect(tkUse(file(text))).toEqual({ file: "app.py", module });
});

test.each([
  ['import matplotlib\nmatplotlib.use("Agg")\n'],
  ["# import tkinter is not needed here\nprint('tkinter')\n"],
  ["from PIL import Image\n"],
  ["import PySimpleGUIWeb as sg\n"],
])("%s does not", (text) => {
  expect(tkUse(file(text))).toBeNull();
  expect(tkUse(file("import tkinter\n", "notes.txt"))).toBeNull();
});

test("a build that installs a pip project built on tkinter needs Tk, even when no import names it (rt20 F22)", () => {
  expect(tkProject(new Set(["requests", "ttkbootstrap"]))).toBe("ttkbootstrap");
  expect(tkProject(new Set(["freesimplegui"]))).toBe("freesimplegui");
  expect(tkProject(new Set(["requests", "matplotlib"]))).toBeNull();
});
