FROM python:3.12-slim
RUN pip install --no-cache-dir requests \
    && python3 -m pip install --no-cache-dir -r requirements.txt \
    && pip3 install --no-cache-dir flask
