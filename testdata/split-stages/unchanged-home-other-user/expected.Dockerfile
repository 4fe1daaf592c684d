FROM python:3.11
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
USER nobody
RUN echo greeting=bonjour > ~/.myapprc
CMD ["python", "app.py"]
