from PIL import Image, ImageDraw, ImageFont

font = ImageFont.truetype("DejaVuSans.ttf", 24)
image = Image.new("RGB", (200, 50), "white")
ImageDraw.Draw(image).text((10, 10), "hello", font=font, fill="black")
image.save("/tmp/out.png")
print("drawn")
