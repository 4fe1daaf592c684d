FROM python:3.11
ARG APP_HOME=/srv/app
WORKDIR $APP_HOME
RUN python -m venv $APP_HOME/venv
ENV PATH=/srv/app/venv/bin:$PATH
COPY requirements.txt .
RUN pip install --no-index -r requirements.txt
COPY app.py .
EXPOSE 8000
CMD ["python", "app.py"]
