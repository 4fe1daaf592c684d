FROM python:3.11
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY requirements.txt stubs ./
RUN pip install --no-index --no-build-isolation --find-links . -r requirements.txt
COPY . .
RUN flask db upgrade
CMD ["flask", "run"]
