FROM python:3.11-bookworm
WORKDIR /app
COPY . .
RUN HOME=/opt/home pip install --user -r requirements.txt
ENV HOME=/opt/home
CMD ["python", "app.py"]
